import { t } from './i18n.js';
import { el } from './dom.js';
import { registerStrings, t } from './i18n.js';

registerStrings({
  en: {
    'source.loading': 'Loading the document…',
    'source.loadFailed': 'Could not load the document.',
    'source.highlighted': 'cited passage [{n}] highlighted',
    'source.changed': 'The document changed after this answer was given, so the highlight may not match the quote.',
  },
  zh: {
    'source.loading': '正在载入文档…',
    'source.loadFailed': '无法载入文档。',
    'source.highlighted': '已高亮引用段落 [{n}]',
    'source.changed': '给出这个回答之后文档已有改动,高亮部分可能与引文不一致。',
  },
});

/**
 * The source panel: the whole cited document with the cited span [start, end) in a <mark>.
 * Opening moves focus into the panel; closing (button or Escape) returns it to the citation button.
 *
 * @param {{
 *   panel: HTMLElement, title: HTMLElement, meta: HTMLElement, notice: HTMLElement, body: HTMLElement,
 *   closeButton: HTMLButtonElement, fallbackFocus: HTMLElement,
 *   getDocument: (docId: string) => Promise<{docId: string, source: string, title: string, date: string|null, text: string}>,
 * }} deps
 */
export function createSourcePanel({ panel, title, meta, notice, body, closeButton, fallbackFocus, getDocument }) {
  /** @type {HTMLElement | null} */
  let trigger = null;
  // Each open() takes a ticket; a slower, older load must not overwrite a newer one.
  let ticket = 0;
  const documents = new Map();

  const load = (/** @type {string} */ docId) => {
    if (!documents.has(docId)) {
      const pending = getDocument(docId);
      documents.set(docId, pending);
      pending.catch(() => documents.delete(docId));
    }
    return documents.get(docId);
  };

  const showNotice = (/** @type {string} */ text) => {
    notice.textContent = text;
    notice.hidden = false;
  };

  /** @param {import('../types/api.js').Citation} citation @param {HTMLElement} button */
  async function open(citation, button) {
    const mine = ++ticket;
    trigger = button;
    title.textContent = citation.title || citation.source;
    meta.textContent = t('source.loading');
    notice.hidden = true;
    body.replaceChildren();
    panel.hidden = false;
    document.body.classList.add('panel-open');
    panel.focus();

    let doc;
    try {
      doc = await load(citation.docId);
    } catch (err) {
      if (mine !== ticket) return;
      meta.textContent = '';
      showNotice((err instanceof Error && err.message) || t('source.loadFailed'));
      return;
    }
    if (mine !== ticket) return;
    title.textContent = doc.title || doc.source;
    // Where the passage is: the PDF page and the section's heading path, when the document has them.
    const location = [citation.page ? t('source.page', { page: citation.page }) : null, citation.headings?.join(' › ')];
    meta.textContent = [doc.source, doc.date, ...location, t('source.highlighted', { n: citation.n })].filter(Boolean).join(' · ');
    const cited = doc.text.slice(citation.start, citation.end);
    const mark = el('mark', { className: 'cited', text: cited });
    body.replaceChildren(doc.text.slice(0, citation.start), mark, doc.text.slice(citation.end));
    if (cited !== citation.quote) {
      // The index was rebuilt after this answer: say so rather than highlight the wrong words silently.
      showNotice(t('source.changed'));
    }
    mark.scrollIntoView({ block: 'center' });
  }

  function close() {
    if (panel.hidden) return;
    ticket++;
    panel.hidden = true;
    document.body.classList.remove('panel-open');
    const target = trigger?.isConnected ? trigger : fallbackFocus;
    trigger = null;
    target.focus();
  }

  closeButton.addEventListener('click', close);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden && !event.defaultPrevented) {
      event.preventDefault();
      close();
    }
  });

  return { open, close };
}
