import { el } from './dom.js';
import { registerStrings, t } from './i18n.js';

/** @typedef {import('../types/api.js').DocumentWindow} DocumentWindow */

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

/** Characters shown on each side of the cited passage when the panel opens. */
const NEIGHBOURHOOD_CHARS = 3000;
/** Characters fetched each time the reader scrolls near either end of what is loaded. */
const MORE_CHARS = 6000;
/** How close (px) to an end of the scrolled text counts as "near". */
const EDGE_PX = 400;

/**
 * The source panel: the cited passage in a <mark> inside its neighbourhood of the document, fetched as a
 * window (GET /api/documents/:id?start=&end=), with more of the document loaded as the reader scrolls
 * towards either end. A large document is never fetched whole for a citation click.
 * Opening moves focus into the panel; closing (button or Escape) returns it to the citation button.
 *
 * @param {{
 *   panel: HTMLElement, title: HTMLElement, meta: HTMLElement, notice: HTMLElement, body: HTMLElement,
 *   closeButton: HTMLButtonElement, fallbackFocus: HTMLElement,
 *   getDocument: (docId: string, window?: {start?: number, end?: number}) => Promise<DocumentWindow>,
 * }} deps
 */
export function createSourcePanel({ panel, title, meta, notice, body, closeButton, fallbackFocus, getDocument }) {
  /** @type {HTMLElement | null} */
  let trigger = null;
  // Each open() takes a ticket; a slower, older load must not overwrite a newer one.
  let ticket = 0;
  /**
   * What is loaded of the open document: characters [start, end) of `length`.
   * @type {{docId: string, start: number, end: number, length: number} | null}
   */
  let shown = null;
  let loading = false;

  const showNotice = (/** @type {string} */ text) => {
    notice.textContent = text;
    notice.hidden = false;
  };

  /** @param {import('../types/api.js').Citation} citation @param {HTMLElement} button */
  async function open(citation, button) {
    const mine = ++ticket;
    trigger = button;
    shown = null;
    loading = false;
    title.textContent = citation.title || citation.source;
    meta.textContent = t('source.loading');
    notice.hidden = true;
    body.replaceChildren();
    panel.hidden = false;
    document.body.classList.add('panel-open');
    panel.focus();

    let win;
    try {
      win = await getDocument(citation.docId, {
        start: Math.max(0, citation.start - NEIGHBOURHOOD_CHARS),
        end: citation.end + NEIGHBOURHOOD_CHARS,
      });
    } catch (err) {
      if (mine !== ticket) return;
      meta.textContent = '';
      showNotice((err instanceof Error && err.message) || t('source.loadFailed'));
      return;
    }
    if (mine !== ticket) return;
    shown = { docId: citation.docId, start: win.start, end: win.end, length: win.length };
    title.textContent = win.title || win.source;
    // Where the passage is: the PDF page and the section's heading path, when the document has them.
    const location = [citation.page ? t('source.page', { page: citation.page }) : null, citation.headings?.join(' › ')];
    meta.textContent = [win.source, win.date, ...location, t('source.highlighted', { n: citation.n })].filter(Boolean).join(' · ');
    const from = Math.max(0, Math.min(citation.start, win.end) - win.start);
    const to = Math.max(from, Math.min(citation.end, win.end) - win.start);
    const cited = win.text.slice(from, to);
    const mark = el('mark', { className: 'cited', text: cited });
    body.replaceChildren(win.text.slice(0, from), mark, win.text.slice(to));
    if (cited !== citation.quote) {
      // The index was rebuilt after this answer: say so rather than highlight the wrong words silently.
      showNotice(t('source.changed'));
    }
    mark.scrollIntoView({ block: 'center' });
    // A short window may not fill the panel: keep loading until it scrolls or the document ends.
    void loadMoreIfNear(mine);
  }

  /**
   * Fetches [start, end) of the open document; undefined if the panel moved on meanwhile or it failed.
   * @param {number} mine @param {string} docId the open document's @param {number} start @param {number} end
   * @returns {Promise<DocumentWindow | undefined>}
   */
  async function fetchWindow(mine, docId, start, end) {
    try {
      const win = await getDocument(docId, { start, end });
      return mine === ticket ? win : undefined;
    } catch (err) {
      if (mine === ticket) showNotice((err instanceof Error && err.message) || 'Could not load more of the document.');
      return undefined;
    }
  }

  /** @param {number} mine */
  async function loadMoreIfNear(mine) {
    while (shown && !loading && mine === ticket) {
      const nearTop = body.scrollTop < EDGE_PX && shown.start > 0;
      const nearBottom = body.scrollHeight - body.scrollTop - body.clientHeight < EDGE_PX && shown.end < shown.length;
      if (!nearTop && !nearBottom) return;
      loading = true;
      try {
        if (nearBottom) {
          const win = await fetchWindow(mine, shown.docId, shown.end, shown.end + MORE_CHARS);
          if (!win || win.start !== shown.end) return;
          body.append(win.text);
          shown.end = win.end;
          shown.length = win.length;
        } else {
          const win = await fetchWindow(mine, shown.docId, Math.max(0, shown.start - MORE_CHARS), shown.start);
          if (!win || win.end !== shown.start) return;
          // Keep the text under the reader's eyes where it is while earlier text is added above it.
          const before = body.scrollHeight;
          body.prepend(win.text);
          body.scrollTop += body.scrollHeight - before;
          shown.start = win.start;
        }
      } finally {
        loading = false;
      }
    }
  }

  body.addEventListener('scroll', () => void loadMoreIfNear(ticket), { passive: true });

  function close() {
    if (panel.hidden) return;
    ticket++;
    shown = null;
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
