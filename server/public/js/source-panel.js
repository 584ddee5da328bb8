import { t } from './i18n.js';
import { el } from './dom.js';

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

  const load = (docId) => {
    if (!documents.has(docId)) {
      const pending = getDocument(docId);
      documents.set(docId, pending);
      pending.catch(() => documents.delete(docId));
    }
    return documents.get(docId);
  };

  const showNotice = (text) => {
    notice.textContent = text;
    notice.hidden = false;
  };

  async function open(citation, button) {
    const mine = ++ticket;
    trigger = button;
    title.textContent = citation.title || citation.source;
    meta.textContent = 'Loading the document…';
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
      showNotice(err?.message || 'Could not load the document.');
      return;
    }
    if (mine !== ticket) return;
    title.textContent = doc.title || doc.source;
    // Where the passage is: the PDF page and the section's heading path, when the document has them.
    const location = [citation.page ? t('source.page', { page: citation.page }) : null, citation.headings?.join(' › ')];
    meta.textContent = [doc.source, doc.date, ...location, `cited passage [${citation.n}] highlighted`].filter(Boolean).join(' · ');
    const cited = doc.text.slice(citation.start, citation.end);
    const mark = el('mark', { className: 'cited', text: cited });
    body.replaceChildren(doc.text.slice(0, citation.start), mark, doc.text.slice(citation.end));
    if (cited !== citation.quote) {
      // The index was rebuilt after this answer: say so rather than highlight the wrong words silently.
      showNotice('The document changed after this answer was given, so the highlight may not match the quote.');
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
