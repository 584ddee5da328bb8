import { el } from './dom.js';

const MARKER = /\[(\d+)\]/g;

/** Adds the reader's question to the list. */
export function renderQuestion(list, question) {
  const item = el('li', { className: 'msg msg-user' }, [
    el('span', { className: 'visually-hidden', text: 'You asked: ' }),
    el('p', { className: 'msg-text', text: question }),
  ]);
  list.append(item);
  return item;
}

function citeButton(citation, onCite) {
  const button = el('button', {
    className: 'cite',
    text: `[${citation.n}]`,
    attrs: {
      type: 'button',
      'aria-haspopup': 'dialog',
      'aria-controls': 'source-panel',
      title: `Show source ${citation.n} in the document`,
    },
  });
  button.addEventListener('click', () => onCite(citation, button));
  return button;
}

/** Answer text with each [n] that has a citation turned into a button; other text stays text. */
function answerNodes(answer, byN, onCite) {
  const nodes = [];
  let last = 0;
  for (const match of answer.matchAll(MARKER)) {
    const citation = byN.get(Number(match[1]));
    if (!citation) continue;
    if (match.index > last) nodes.push(answer.slice(last, match.index));
    nodes.push(citeButton(citation, onCite));
    last = match.index + match[0].length;
  }
  if (last < answer.length) nodes.push(answer.slice(last));
  return nodes;
}

function sourcesList(citations, onCite) {
  return el('section', { className: 'sources', attrs: { 'aria-label': 'Sources' } }, [
    el('h3', { className: 'sources-title', text: 'Sources' }),
    el(
      'ol',
      { className: 'sources-list' },
      citations.map((c) =>
        el('li', { className: 'source-item' }, [
          el('div', { className: 'source-line' }, [
            citeButton(c, onCite),
            el('span', { className: 'source-name', text: c.title || c.source }),
          ]),
          el('blockquote', { className: 'source-quote', text: c.quote, attrs: { lang: 'zh' } }),
        ]),
      ),
    ),
  ]);
}

function copyText(result) {
  const sources = result.citations.map((c) => `[${c.n}] ${c.quote} (${c.title || c.source})`);
  return sources.length ? `${result.answer}\n\n${sources.join('\n')}` : result.answer;
}

function copyButton(result, clipboard) {
  const button = el('button', { className: 'button button-small', text: 'Copy answer', attrs: { type: 'button' } });
  button.addEventListener('click', async () => {
    try {
      await clipboard.writeText(copyText(result));
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Copy failed — select the text instead';
    }
    setTimeout(() => (button.textContent = 'Copy answer'), 2000);
  });
  return button;
}

/**
 * One assistant answer: streams in as plain text, then is re-rendered from the final AskResult
 * (which is authoritative) with citation buttons and sources.
 *
 * @param {HTMLElement} list
 * @param {{onCite: (citation: object, button: HTMLButtonElement) => void, clipboard: {writeText(t: string): Promise<void>}}} deps
 */
export function createAnswerView(list, { onCite, clipboard }) {
  const streamed = document.createTextNode('');
  // aria-live: screen readers hear the answer as it streams in.
  const body = el('div', { className: 'answer', attrs: { 'aria-live': 'polite' } }, [streamed]);
  const badge = el('p', { className: 'answer-badge', hidden: true });
  const notes = el('div', { className: 'answer-notes' });
  const item = el('li', { className: 'msg msg-assistant is-streaming' }, [
    el('span', { className: 'visually-hidden', text: 'Answer: ' }),
    badge,
    body,
    notes,
  ]);
  list.append(item);

  const settle = () => {
    item.classList.remove('is-streaming');
    // Nothing streamed (error or Stop before the first delta): no empty answer box above the note.
    if (!streamed.data) body.hidden = true;
    // The final re-render must not be announced a second time (but is the first announcement if nothing streamed).
    if (streamed.data) body.setAttribute('aria-live', 'off');
  };

  return {
    element: item,
    appendDelta(text) {
      streamed.appendData(text);
    },
    finish(result) {
      settle();
      body.hidden = false;
      const byN = new Map(result.citations.map((c) => [c.n, c]));
      body.replaceChildren(...answerNodes(result.answer, byN, onCite));
      if (!result.answered) {
        item.classList.add('msg-unanswered');
        badge.textContent = 'Not in the article';
        badge.hidden = false;
      }
      if (result.degraded) {
        notes.append(el('p', { className: 'answer-note', text: 'The language model was unavailable, so this answer was extracted directly from the article.' }));
      }
      // A refusal's citations are closest passages (kind: "passage"), shown by issue 15's view, never as sources.
      if (result.answered && result.citations.length) notes.append(sourcesList(result.citations, onCite));
      notes.append(el('div', { className: 'answer-actions' }, [copyButton(result, clipboard)]));
    },
    stopped() {
      settle();
      item.classList.add('msg-stopped');
      const text = streamed.data ? 'Stopped — this answer is incomplete.' : 'Stopped before an answer arrived.';
      notes.append(el('p', { className: 'answer-note', text }));
    },
    fail(message) {
      settle();
      item.classList.add('msg-error');
      notes.append(el('p', { className: 'answer-error', text: message }));
    },
  };
}
