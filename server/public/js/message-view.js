import { el } from './dom.js';
import { languageTag, registerStrings, t } from './i18n.js';
import { renderMarkdown } from './markdown.js';
import { languageOf } from './text-language.js';

/** @typedef {import('../types/api.js').AskResult} AskResult */
/** @typedef {import('../types/api.js').Citation} Citation */
/** @typedef {import('./i18n.js').Language} Language */
/** @typedef {(citation: Citation, button: HTMLButtonElement) => void} OnCite */

// An answer's own labels speak the language of the question it answers, whatever the interface
// language: an English question's refusal, badge and "closest passages" are English.
registerStrings({
  en: {
    'answer.youAsked': 'You asked: ',
    'answer.label': 'Answer: ',
    'answer.citeTitle': 'Show source {n} in the document',
    'answer.sources': 'Sources',
    'answer.passages': 'Closest passages — not an answer',
    'answer.notFound': 'Not in the documents',
    'answer.degraded': 'The language model was unavailable, so this answer was extracted directly from the documents.',
    'answer.copy': 'Copy answer',
    'answer.copied': 'Copied',
    'answer.copyFailed': 'Copy failed — select the text instead',
    'answer.stoppedPartial': 'Stopped — this answer is incomplete.',
    'answer.stoppedEmpty': 'Stopped before an answer arrived.',
  },
  zh: {
    'answer.youAsked': '你问:',
    'answer.label': '回答:',
    'answer.citeTitle': '在文档中查看来源 {n}',
    'answer.sources': '来源',
    'answer.passages': '最接近的段落(不是答案)',
    'answer.notFound': '文档中没有答案',
    'answer.degraded': '语言模型暂时不可用,这个回答直接摘自文档。',
    'answer.copy': '复制回答',
    'answer.copied': '已复制',
    'answer.copyFailed': '复制失败,请手动选择文字',
    'answer.stoppedPartial': '已停止,这个回答不完整。',
    'answer.stoppedEmpty': '在回答到达之前已停止。',
  },
});

/** Adds the reader's question to the list. */
export function renderQuestion(/** @type {HTMLElement} */ list, /** @type {string} */ question) {
  const language = languageOf(question);
  const item = el('li', { className: 'msg msg-user', attrs: { lang: languageTag(language) } }, [
    el('span', { className: 'visually-hidden', text: t('answer.youAsked', {}, language) }),
    el('p', { className: 'msg-text', text: question }),
  ]);
  list.append(item);
  return item;
}

function citeButton(/** @type {Citation} */ citation, /** @type {OnCite} */ onCite, /** @type {Language} */ language) {
  const button = /** @type {HTMLButtonElement} */ (
    el('button', {
      className: 'cite',
      text: `[${citation.n}]`,
      attrs: {
        type: 'button',
        'aria-haspopup': 'dialog',
        'aria-controls': 'source-panel',
        title: t('answer.citeTitle', { n: citation.n }, language),
      },
    })
  );
  button.addEventListener('click', () => onCite(citation, button));
  return button;
}

/**
 * @param {Citation[]} citations
 * @param {{title: string, className: string, onCite: OnCite, language: Language}} options
 */
function citationList(citations, { title, className, onCite, language }) {
  return el('section', { className: `sources ${className}`, attrs: { 'aria-label': title } }, [
    el('h3', { className: 'sources-title', text: title }),
    el(
      'ol',
      { className: 'sources-list' },
      citations.map((c) =>
        el('li', { className: 'source-item' }, [
          el('div', { className: 'source-line' }, [
            citeButton(c, onCite, language),
            el('span', { className: 'source-name', text: c.title || c.source }),
          ]),
          // The quote is the document's exact text, shown as text (never Markdown) in its own language.
          el('blockquote', { className: 'source-quote', text: c.quote, attrs: { lang: languageTag(languageOf(c.quote)) } }),
        ]),
      ),
    ),
  ]);
}

function copyText(/** @type {AskResult} */ result) {
  const sources = result.citations.map((c) => `[${c.n}] ${c.quote} (${c.title || c.source})`);
  return sources.length ? `${result.answer}\n\n${sources.join('\n')}` : result.answer;
}

/**
 * @param {AskResult} result
 * @param {{writeText(text: string): Promise<void>}} clipboard
 * @param {Language} language
 */
function copyButton(result, clipboard, language) {
  const label = t('answer.copy', {}, language);
  const button = el('button', { className: 'button button-small', text: label, attrs: { type: 'button' } });
  button.addEventListener('click', async () => {
    try {
      await clipboard.writeText(copyText(result));
      button.textContent = t('answer.copied', {}, language);
    } catch {
      button.textContent = t('answer.copyFailed', {}, language);
    }
    setTimeout(() => (button.textContent = label), 2000);
  });
  return button;
}

/**
 * One assistant answer. While it streams, the text is rendered as Markdown once per frame (without
 * citation buttons, which need the final result); the final AskResult, which is authoritative, then
 * re-renders it with its [n] markers as buttons, the sources, and the actions.
 *
 * Screen readers hear the stream through a separate live region that only ever grows by the new
 * text: the visible answer is re-rendered as a whole, which a live region would re-announce.
 *
 * @param {HTMLElement} list
 * @param {{onCite: OnCite, clipboard: {writeText(text: string): Promise<void>}, question: string}} deps
 */
export function createAnswerView(list, { onCite, clipboard, question }) {
  const language = languageOf(question);
  let text = '';
  let frame = 0;
  const spoken = el('div', { className: 'visually-hidden answer-live', attrs: { 'aria-live': 'polite' } });
  const body = el('div', { className: 'answer markdown' });
  const badge = el('p', { className: 'answer-badge', hidden: true });
  const notes = el('div', { className: 'answer-notes' });
  const item = el('li', { className: 'msg msg-assistant is-streaming', attrs: { lang: languageTag(language) } }, [
    el('span', { className: 'visually-hidden', text: t('answer.label', {}, language) }),
    spoken,
    badge,
    body,
    notes,
  ]);
  list.append(item);

  const renderStreamed = () => {
    frame = 0;
    body.replaceChildren(renderMarkdown(text));
  };

  const settle = () => {
    cancelAnimationFrame(frame);
    item.classList.remove('is-streaming');
    if (text) {
      renderStreamed();
      // Already announced piece by piece: keep a second copy out of the reading order, two frames
      // later so that the last piece has reached the accessibility tree (and been announced) first.
      requestAnimationFrame(() => requestAnimationFrame(() => spoken.setAttribute('aria-hidden', 'true')));
    } else {
      // Nothing streamed (error or Stop before the first delta): no empty answer box above the note.
      body.hidden = true;
    }
  };

  return {
    element: item,
    /** @param {string} delta */
    appendDelta(delta) {
      text += delta;
      spoken.append(delta);
      if (!frame) frame = requestAnimationFrame(renderStreamed);
    },
    /** @param {AskResult} result */
    finish(result) {
      const streamed = Boolean(text);
      settle();
      // Nothing was streamed: the final answer is the first thing a screen reader hears.
      if (!streamed) spoken.append(result.answer);
      body.hidden = false;
      const byN = new Map(result.citations.map((c) => [c.n, c]));
      body.replaceChildren(
        renderMarkdown(result.answer, {
          isCited: (n) => byN.has(n),
          citeNode: (n) => citeButton(/** @type {Citation} */ (byN.get(n)), onCite, language),
        }),
      );
      if (!result.answered) {
        item.classList.add('msg-unanswered');
        badge.textContent = t('answer.notFound', {}, language);
        badge.hidden = false;
      }
      if (result.degraded) notes.append(el('p', { className: 'answer-note', text: t('answer.degraded', {}, language) }));
      // With a refusal, whatever is cited is only the closest text found, never support for an answer.
      const isPassage = (/** @type {Citation} */ c) => c.kind === 'passage' || !result.answered;
      const sources = result.citations.filter((c) => !isPassage(c));
      const passages = result.citations.filter(isPassage);
      if (sources.length) {
        notes.append(citationList(sources, { title: t('answer.sources', {}, language), className: 'sources-cited', onCite, language }));
      }
      if (passages.length) {
        notes.append(
          citationList(passages, { title: t('answer.passages', {}, language), className: 'sources-passages', onCite, language }),
        );
      }
      // A refusal has nothing worth copying.
      if (result.answered) notes.append(el('div', { className: 'answer-actions' }, [copyButton(result, clipboard, language)]));
    },
    stopped() {
      const streamed = Boolean(text);
      settle();
      item.classList.add('msg-stopped');
      notes.append(el('p', { className: 'answer-note', text: t(streamed ? 'answer.stoppedPartial' : 'answer.stoppedEmpty', {}, language) }));
    },
    /** @param {string} message */
    fail(message) {
      settle();
      item.classList.add('msg-error');
      notes.append(el('p', { className: 'answer-error', text: message }));
    },
  };
}
