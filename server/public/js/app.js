import './chat-strings.js';
import { createApiClient } from './api-client.js';
import { createConversation } from './conversation.js';
import { onLanguageChange, t } from './i18n.js';
import { createKeyPrompt } from './key-prompt.js';
import { startLanguageSwitch } from './language-switch.js';
import { createAnswerView, renderQuestion } from './message-view.js';
import { createScrollFollow } from './scroll-follow.js';
import { createSourcePanel } from './source-panel.js';
import { applyStaticText } from './static-text.js';
import './documents-strings.js';
import { createDocumentsApi } from './documents-api.js';
import { createDocumentsPanel } from './documents-panel.js';
import { createCorpusWording } from './corpus-wording.js';
import { createConversationSidebar } from './conversation-sidebar.js';
import { attachFeedback } from './feedback.js';

/** Entry point: finds the page's elements and wires the pieces together. */

/** @typedef {import('../types/api.js').Citation} Citation */
/** @typedef {import('../types/api.js').ConversationDetail} ConversationDetail */

/**
 * The element with this id, checked to be of the expected kind (a renamed id fails loudly here,
 * not later as "cannot read properties of null").
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{new (): T}} kind
 * @returns {T}
 */
function byId(id, kind) {
  const node = document.getElementById(id);
  if (!(node instanceof kind)) throw new Error(`#${id} is missing or not a ${kind.name}`);
  return node;
}

const ui = {
  form: byId('composer', HTMLFormElement),
  question: byId('question', HTMLTextAreaElement),
  send: byId('send', HTMLButtonElement),
  stop: byId('stop', HTMLButtonElement),
  messages: byId('messages', HTMLOListElement),
  scroller: byId('chat-scroll', HTMLDivElement),
  content: byId('chat-content', HTMLDivElement),
  jumpLatest: byId('jump-latest', HTMLButtonElement),
  starters: byId('starters', HTMLElement),
  status: byId('status', HTMLParagraphElement),
  newConversation: byId('new-conversation', HTMLButtonElement),
  language: byId('language', HTMLSelectElement),
};

onLanguageChange(() => applyStaticText());
startLanguageSwitch({
  select: ui.language,
  storage: safeLocalStorage(),
  preferred: navigator.languages?.length ? navigator.languages : [navigator.language],
  root: document.documentElement,
});
applyStaticText();

/** The status line says its last message again in the new language when the reader switches. */
/** @type {{key: string, vars?: Record<string, string | number>} | {text: string} | null} */
let statusMessage = null;
const showStatus = () => {
  if (!statusMessage) ui.status.textContent = '';
  else ui.status.textContent = 'text' in statusMessage ? statusMessage.text : t(statusMessage.key, statusMessage.vars);
};
onLanguageChange(showStatus);
const setStatus = (/** @type {typeof statusMessage} */ message) => {
  statusMessage = message;
  showStatus();
};

const keyPrompt = createKeyPrompt(byId('key-dialog', HTMLDialogElement));
const api = createApiClient({
  fetch: window.fetch.bind(window),
  storage: window.sessionStorage,
  askForApiKey: keyPrompt,
});
const conversation = createConversation();
const scroll = createScrollFollow({ scroller: ui.scroller, content: ui.content, jumpButton: ui.jumpLatest });
const sourcePanel = createSourcePanel({
  panel: byId('source-panel', HTMLElement),
  title: byId('source-title', HTMLHeadingElement),
  meta: byId('source-meta', HTMLParagraphElement),
  notice: byId('source-notice', HTMLParagraphElement),
  body: byId('source-body', HTMLDivElement),
  closeButton: byId('source-close', HTMLButtonElement),
  fallbackFocus: ui.question,
  getDocument: (docId, range) => api.getDocument(docId, range),
});

/** @type {AbortController | null} */
let inFlight = null;

const answerDeps = (/** @type {string} */ question) => ({
  onCite: (/** @type {Citation} */ citation, /** @type {HTMLButtonElement} */ button) => sourcePanel.open(citation, button),
  clipboard: navigator.clipboard ?? { writeText: () => Promise.reject(new Error('no clipboard')) },
  question,
});

/** Shows a stored conversation (switching in the sidebar, or after a reload). @param {ConversationDetail} detail */
function showConversation(detail) {
  inFlight?.abort();
  sourcePanel.close();
  conversation.clear();
  ui.messages.replaceChildren();
  ui.starters.hidden = detail.turns.length > 0;
  for (const turn of detail.turns) {
    renderQuestion(ui.messages, turn.question);
    const view = createAnswerView(ui.messages, answerDeps(turn.question));
    view.finish(turn);
    attachFeedback(view.element.querySelector('.answer-notes') ?? view.element, turn, api);
    conversation.addExchange(turn.question, turn.answer);
  }
  scroll.follow();
}

function clearConversation() {
  inFlight?.abort();
  sourcePanel.close();
  conversation.clear();
  ui.messages.replaceChildren();
  ui.starters.hidden = false;
  scroll.follow();
}

const sidebar = createConversationSidebar({
  api,
  // The toggle goes just before "New conversation", inside the element that holds it (the header's actions).
  header: /** @type {HTMLElement} */ (ui.newConversation.parentElement),
  insertBefore: ui.newConversation,
  storage: window.localStorage,
  onOpen: showConversation,
  onNew: clearConversation,
  onStatus: (message) => (ui.status.textContent = message),
  confirm: (message) => window.confirm(message),
});
void sidebar.restore();

function setBusy(/** @type {boolean} */ busy) {
  ui.question.disabled = busy;
  ui.send.disabled = busy;
  ui.stop.hidden = !busy;
  ui.form.setAttribute('aria-busy', String(busy));
}

async function ask(/** @type {string} */ question) {
  if (inFlight || !question.trim()) return;
  ui.starters.hidden = true;
  setStatus({ key: 'status.answering' });
  renderQuestion(ui.messages, question);
  const view = createAnswerView(ui.messages, answerDeps(question));
  // Asking shows the question and follows its answer, even if the reader had scrolled up before.
  scroll.follow();

  const controller = new AbortController();
  inFlight = controller;
  setBusy(true);
  ui.question.value = '';
  ui.stop.focus();
  try {
    const result = await api.askStream(
      { question, history: conversation.history(), conversationId: sidebar.currentId() },
      { signal: controller.signal, onDelta: (text) => view.appendDelta(text) },
    );
    view.finish(result);
    const { messageId } = result;
    if (messageId) attachFeedback(view.element.querySelector('.answer-notes') ?? view.element, { ...result, messageId }, api);
    sidebar.answered(result);
    conversation.addExchange(question, result.answer);
    setStatus({ key: result.answered ? 'status.answered' : 'status.notFound' });
  } catch (err) {
    // "New conversation" removed this answer already; nothing left to update.
    if (!view.element.isConnected) return;
    if (controller.signal.aborted) {
      view.stopped();
      setStatus({ key: 'status.stopped' });
    } else {
      const isApiError = err instanceof Error && err.name === 'ApiError';
      const message = isApiError ? err.message : t('status.pageError');
      view.fail(message);
      setStatus({ text: message });
      if (!isApiError) console.error(err);
    }
  } finally {
    if (inFlight === controller) inFlight = null;
    setBusy(false);
    // Give the keyboard back to the question box unless the reader has moved on to something else.
    const active = document.activeElement;
    if (!active || active === document.body || active === ui.stop) ui.question.focus();
  }
}

function safeLocalStorage() {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked by the browser's privacy settings
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

// The jump button disappears once it has done its job: hand the keyboard on rather than to <body>.
ui.jumpLatest.addEventListener('click', () => (ui.question.disabled ? ui.stop : ui.question).focus({ preventScroll: true }));
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
  if (!(button instanceof HTMLButtonElement)) continue;
  button.addEventListener('click', () => void ask(button.dataset.question ?? button.textContent?.trim() ?? ''));
}

ui.newConversation.addEventListener('click', () => {
  clearConversation();
  sidebar.startNew();
  setStatus({ key: 'status.newConversation' });
  ui.question.focus();
});
