import { createApiClient } from './api-client.js';
import { createConversation } from './conversation.js';
import { createKeyPrompt } from './key-prompt.js';
import { createAnswerView, renderQuestion } from './message-view.js';
import { createSourcePanel } from './source-panel.js';

/** Entry point: finds the page's elements and wires the pieces together. */
const byId = (id) => /** @type {any} */ (document.getElementById(id));

const ui = {
  form: byId('composer'),
  question: byId('question'),
  send: byId('send'),
  stop: byId('stop'),
  messages: byId('messages'),
  scroller: byId('chat-scroll'),
  starters: byId('starters'),
  status: byId('status'),
  newConversation: byId('new-conversation'),
};

const api = createApiClient({
  fetch: window.fetch.bind(window),
  storage: window.sessionStorage,
  askForApiKey: createKeyPrompt(byId('key-dialog')),
});
const conversation = createConversation();
const sourcePanel = createSourcePanel({
  panel: byId('source-panel'),
  title: byId('source-title'),
  meta: byId('source-meta'),
  notice: byId('source-notice'),
  body: byId('source-body'),
  closeButton: byId('source-close'),
  fallbackFocus: ui.question,
  getDocument: (docId, range) => api.getDocument(docId, range),
});

/** @type {AbortController | null} */
let inFlight = null;

function setBusy(busy) {
  ui.question.disabled = busy;
  ui.send.disabled = busy;
  ui.stop.hidden = !busy;
  ui.form.setAttribute('aria-busy', String(busy));
}

/** Follow the stream only while the reader is already at the bottom; never yank them back up. */
function keepScrolledToEnd(wasAtEnd) {
  if (wasAtEnd) ui.scroller.scrollTop = ui.scroller.scrollHeight;
}
const atEnd = () => ui.scroller.scrollHeight - ui.scroller.scrollTop - ui.scroller.clientHeight < 48;

async function ask(question) {
  if (inFlight || !question.trim()) return;
  ui.starters.hidden = true;
  ui.status.textContent = 'Answering…';
  renderQuestion(ui.messages, question);
  const view = createAnswerView(ui.messages, {
    onCite: (citation, button) => sourcePanel.open(citation, button),
    clipboard: navigator.clipboard ?? { writeText: () => Promise.reject(new Error('no clipboard')) },
  });
  keepScrolledToEnd(true);

  const controller = new AbortController();
  inFlight = controller;
  setBusy(true);
  ui.question.value = '';
  ui.stop.focus();
  try {
    const result = await api.askStream(
      { question, history: conversation.history() },
      {
        signal: controller.signal,
        onDelta: (text) => {
          const follow = atEnd();
          view.appendDelta(text);
          keepScrolledToEnd(follow);
        },
      },
    );
    view.finish(result);
    conversation.addExchange(question, result.answer);
    ui.status.textContent = result.answered ? 'Answer ready.' : 'The article does not answer that question.';
  } catch (err) {
    // "New conversation" removed this answer already; nothing left to update.
    if (!view.element.isConnected) return;
    if (controller.signal.aborted) {
      view.stopped();
      ui.status.textContent = 'Stopped.';
    } else {
      const message = err?.name === 'ApiError' ? err.message : 'Something went wrong in the page. Please reload and try again.';
      view.fail(message);
      ui.status.textContent = message;
      if (err?.name !== 'ApiError') console.error(err);
    }
  } finally {
    if (inFlight === controller) inFlight = null;
    setBusy(false);
    keepScrolledToEnd(atEnd());
    // Give the keyboard back to the question box unless the reader has moved on to something else.
    const active = document.activeElement;
    if (!active || active === document.body || active === ui.stop) ui.question.focus();
  }
}

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  void ask(ui.question.value);
});

ui.question.addEventListener('keydown', (event) => {
  // isComposing: Enter also confirms an IME candidate (Chinese input); that Enter must not send.
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
    event.preventDefault();
    ui.form.requestSubmit();
  }
});

ui.stop.addEventListener('click', () => inFlight?.abort());

for (const button of document.querySelectorAll('.starter')) {
  button.addEventListener('click', () => void ask(button.dataset.question ?? button.textContent.trim()));
}

ui.newConversation.addEventListener('click', () => {
  inFlight?.abort();
  sourcePanel.close();
  conversation.clear();
  ui.messages.replaceChildren();
  ui.starters.hidden = false;
  ui.status.textContent = 'Started a new conversation.';
  ui.question.focus();
});
