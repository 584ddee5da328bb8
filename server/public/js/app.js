import { createApiClient } from './api-client.js';
import { createConversation } from './conversation.js';
import { createKeyPrompt } from './key-prompt.js';
import { createAnswerView, renderQuestion } from './message-view.js';
import { createSourcePanel } from './source-panel.js';
import { createConversationSidebar } from './conversation-sidebar.js';
import { attachFeedback } from './feedback.js';
import './documents-strings.js';
import { t } from './i18n.js';
import { createDocumentsApi } from './documents-api.js';
import { createDocumentsPanel } from './documents-panel.js';
import { createCorpusWording } from './corpus-wording.js';

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

const keyPrompt = createKeyPrompt(byId('key-dialog'));
const api = createApiClient({
  fetch: window.fetch.bind(window),
  storage: window.sessionStorage,
  askForApiKey: keyPrompt,
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
  getDocument: (docId) => api.getDocument(docId),
});

/** @type {AbortController | null} */
let inFlight = null;

const answerDeps = () => ({
  onCite: (citation, button) => sourcePanel.open(citation, button),
  clipboard: navigator.clipboard ?? { writeText: () => Promise.reject(new Error('no clipboard')) },
});

/** Shows a stored conversation (switching in the sidebar, or after a reload). */
function showConversation(detail) {
  inFlight?.abort();
  sourcePanel.close();
  conversation.clear();
  ui.messages.replaceChildren();
  ui.starters.hidden = detail.turns.length > 0;
  for (const turn of detail.turns) {
    renderQuestion(ui.messages, turn.question);
    const view = createAnswerView(ui.messages, answerDeps());
    view.finish(turn);
    attachFeedback(view.element.querySelector('.answer-notes') ?? view.element, turn, api);
    conversation.addExchange(turn.question, turn.answer);
  }
  ui.scroller.scrollTop = ui.scroller.scrollHeight;
}

function clearConversation() {
  inFlight?.abort();
  sourcePanel.close();
  conversation.clear();
  ui.messages.replaceChildren();
  ui.starters.hidden = false;
}

const sidebar = createConversationSidebar({
  api,
  header: document.querySelector('.app-header'),
  insertBefore: ui.newConversation,
  storage: window.localStorage,
  onOpen: showConversation,
  onNew: clearConversation,
  onStatus: (message) => (ui.status.textContent = message),
  confirm: (message) => window.confirm(message),
});
void sidebar.restore();

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
  const view = createAnswerView(ui.messages, answerDeps());
  keepScrolledToEnd(true);

  const controller = new AbortController();
  inFlight = controller;
  setBusy(true);
  ui.question.value = '';
  ui.stop.focus();
  try {
    const result = await api.askStream(
      { question, history: conversation.history(), conversationId: sidebar.currentId() },
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
    if (result.messageId) attachFeedback(view.element.querySelector('.answer-notes') ?? view.element, result, api);
    sidebar.answered(result);
    conversation.addExchange(question, result.answer);
    ui.status.textContent = result.answered ? 'Answer ready.' : t('answer.notAnswered');
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

// The document library and the corpus's own wording (title, starter questions).
const documentsApi = createDocumentsApi({ fetch: window.fetch.bind(window), storage: window.sessionStorage, askForApiKey: keyPrompt });
const corpusWording = createCorpusWording({
  api: documentsApi,
  heading: /** @type {HTMLElement} */ (document.querySelector('.app-header h1')),
  subtitle: document.querySelector('.app-subtitle'),
  question: ui.question,
  questionLabel: document.querySelector('label[for="question"]'),
  starters: ui.starters,
  onStarter: (question) => void ask(question),
});
createDocumentsPanel({ header: /** @type {HTMLElement} */ (document.querySelector('.app-header')), api: documentsApi, onChange: () => void corpusWording.refresh() });
void corpusWording.refresh();

for (const button of document.querySelectorAll('.starter')) {
  button.addEventListener('click', () => void ask(button.dataset.question ?? button.textContent.trim()));
}

ui.newConversation.addEventListener('click', () => {
  clearConversation();
  sidebar.startNew();
  ui.status.textContent = 'Started a new conversation.';
  ui.question.focus();
});
