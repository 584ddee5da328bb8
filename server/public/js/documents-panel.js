import { el } from './dom.js';
import { getLanguage, onLanguageChange, t } from './i18n.js';

/** @typedef {import('../types/api.js').DocumentEntry} DocumentEntry */

/** What a failed request says to the reader (requests fail with an ApiError), or `fallback`. @param {unknown} err @param {string} fallback */
const errorText = (err, fallback) => (err instanceof Error ? err.message : fallback);

const formatBytes = (/** @type {number | null} */ n) => (n == null ? '' : n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/**
 * The documents panel: a header button opens a side panel listing the library (title, format, size,
 * passages, date), with uploads by button or drag-and-drop (progress per file, one at a time, the
 * server indexes each before answering) and deletes behind a confirmation dialog. Built from JS so
 * the page's markup needs only a mount point; every visible string goes through t().
 *
 * @param {{
 *   header: HTMLElement,
 *   api: ReturnType<typeof import('./documents-api.js').createDocumentsApi>,
 *   onChange: () => void,
 * }} deps
 */
export function createDocumentsPanel({ header, api, onChange }) {
  const toggle = el('button', { className: 'button button-secondary documents-toggle', attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'documents-panel' } });
  const heading = el('h2', { className: 'documents-title', attrs: { id: 'documents-title' } });
  const closeButton = el('button', { className: 'button button-secondary', attrs: { type: 'button' } });
  const fileInput = el('input', { className: 'visually-hidden', attrs: { type: 'file', multiple: '', accept: '.pdf,.docx,.html,.htm,.md,.markdown,.txt', id: 'documents-file' } });
  const uploadButton = el('button', { className: 'button button-primary', attrs: { type: 'button' } });
  const dropHint = el('p', { className: 'documents-drop-hint' });
  const status = el('p', { className: 'documents-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const uploads = el('ul', { className: 'documents-uploads' });
  const list = el('ul', { className: 'documents-list', attrs: { 'aria-labelledby': 'documents-title' } });
  const panel = el('aside', { className: 'documents-panel', hidden: true, attrs: { id: 'documents-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'documents-title', tabindex: '-1' } }, [
    el('div', { className: 'documents-header' }, [heading, closeButton]),
    el('div', { className: 'documents-drop' }, [uploadButton, fileInput, dropHint]),
    uploads,
    status,
    list,
  ]);

  const confirmTitle = el('h2', { attrs: { id: 'documents-confirm-title' } });
  const confirmText = el('p');
  const confirmCancel = el('button', { className: 'button button-secondary', attrs: { type: 'button', value: 'cancel' } });
  const confirmOk = el('button', { className: 'button button-danger', attrs: { type: 'button', value: 'ok' } });
  const confirmDialog = el('dialog', { className: 'documents-confirm', attrs: { 'aria-labelledby': 'documents-confirm-title' } }, [
    confirmTitle,
    confirmText,
    el('div', { className: 'key-actions' }, [confirmCancel, confirmOk]),
  ]);
  header.append(toggle);
  document.body.append(panel, confirmDialog);

  /** @type {Awaited<ReturnType<typeof api.list>>} */
  let entries = [];
  let loaded = false;

  const say = (/** @type {string} */ text) => (status.textContent = text);

  /**
   * Resolves true when the reader confirms; the dialog is modal and Escape cancels.
   * @param {string} title @param {string} text @param {string} okLabel
   * @returns {Promise<boolean>}
   */
  const confirm = (title, text, okLabel) =>
    new Promise((resolve) => {
      confirmTitle.textContent = title;
      confirmText.textContent = text;
      confirmOk.textContent = okLabel;
      confirmCancel.textContent = t('documents.cancel');
      const done = (/** @type {boolean} */ answer) => {
        confirmOk.removeEventListener('click', ok);
        confirmCancel.removeEventListener('click', cancel);
        confirmDialog.removeEventListener('close', cancel);
        if (confirmDialog.open) confirmDialog.close();
        resolve(answer);
      };
      const ok = () => done(true);
      const cancel = () => done(false);
      confirmOk.addEventListener('click', ok);
      confirmCancel.addEventListener('click', cancel);
      confirmDialog.addEventListener('close', cancel);
      confirmDialog.showModal();
      confirmCancel.focus();
    });

  function renderLabels() {
    toggle.textContent = t('documents.toggle');
    heading.textContent = t('documents.title');
    closeButton.textContent = t('documents.close');
    uploadButton.textContent = t('documents.upload');
    dropHint.textContent = t('documents.drop');
    uploads.setAttribute('aria-label', t('documents.uploads'));
  }

  function renderList() {
    if (!loaded) {
      list.replaceChildren(el('li', { className: 'documents-empty', text: t('documents.loading') }));
      return;
    }
    if (entries.length === 0) {
      list.replaceChildren(el('li', { className: 'documents-empty', text: t('documents.empty') }));
      return;
    }
    const dateFormat = new Intl.DateTimeFormat(getLanguage() === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium' });
    list.replaceChildren(
      ...entries.map((entry) => {
        const remove = el('button', { className: 'button button-danger documents-delete', text: t('documents.delete'), attrs: { type: 'button', 'aria-label': t('documents.deleteLabel', { title: entry.title }) } });
        remove.addEventListener('click', () => void removeEntry(entry, remove));
        const details = [entry.format.toUpperCase(), formatBytes(entry.bytes), (entry.chunks === 1 ? t('documents.oneChunk') : t('documents.chunks', { n: entry.chunks })), dateFormat.format(new Date(entry.ingestedAt))].filter(Boolean).join(' · ');
        return el('li', { className: 'documents-item', attrs: { 'data-doc-id': entry.docId } }, [
          el('div', { className: 'documents-item-text' }, [el('span', { className: 'documents-item-title', text: entry.title }), el('span', { className: 'documents-item-meta', text: `${entry.source} · ${details}` })]),
          remove,
        ]);
      }),
    );
  }

  async function refresh() {
    try {
      entries = await api.list();
      loaded = true;
      renderList();
    } catch (err) {
      say(errorText(err, t('documents.networkError')));
    }
  }

  /** @param {DocumentEntry} entry @param {HTMLButtonElement} button */
  async function removeEntry(entry, button) {
    if (!(await confirm(t('documents.confirmTitle'), t('documents.confirmText', { title: entry.title }), t('documents.confirmDelete')))) {
      button.focus();
      return;
    }
    button.disabled = true;
    try {
      await api.remove(entry.docId);
      say(t('documents.deleted', { title: entry.title }));
      await refresh();
      onChange();
      uploadButton.focus();
    } catch (err) {
      button.disabled = false;
      say(errorText(err, t('documents.networkError')));
    }
  }

  // Uploads run one after another (the server indexes each before it answers), each with its own row.
  let queue = Promise.resolve();
  /** @param {File[]} files */
  function addFiles(files) {
    for (const file of files) {
      const progress = el('progress', { attrs: { max: '1', value: '0' } });
      const label = el('span', { className: 'documents-upload-label', text: t('documents.uploading', { name: file.name }) });
      const row = el('li', { className: 'documents-upload' }, [label, progress]);
      uploads.append(row);
      queue = queue.then(() => uploadOne(file, row, label, progress));
    }
  }

  /**
   * @param {File} file @param {HTMLElement} row @param {HTMLElement} label @param {HTMLProgressElement} progress
   * @param {boolean} [replace]
   * @returns {Promise<void>}
   */
  async function uploadOne(file, row, label, progress, replace = false) {
    const onProgress = (/** @type {number | null} */ fraction) => {
      if (fraction === null) progress.removeAttribute('value');
      else progress.value = fraction;
      if (fraction === 1) label.textContent = t('documents.indexing', { name: file.name });
    };
    try {
      const result = await api.upload(file, { replace, onProgress });
      if (result.status === 409) {
        if (await confirm(t('documents.replace'), t('documents.replaceConfirm', { name: file.name }), t('documents.replace'))) return uploadOne(file, row, label, progress, true);
        row.remove();
        return;
      }
      say(result.status === 201 ? t('documents.added', { name: file.name }) : t('documents.unchanged', { name: file.name }));
      row.remove();
      await refresh();
      onChange();
    } catch (err) {
      row.remove();
      say(t('documents.failed', { name: file.name, reason: errorText(err, t('documents.networkError')) }));
    }
  }

  function open() {
    panel.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    panel.focus();
    void refresh();
  }
  function close() {
    panel.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    toggle.focus();
  }

  toggle.addEventListener('click', () => (panel.hidden ? open() : close()));
  closeButton.addEventListener('click', close);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !confirmDialog.open) {
      event.preventDefault();
      close();
    }
  });
  uploadButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    addFiles([...(fileInput.files ?? [])]);
    fileInput.value = '';
  });
  // Drag and drop anywhere on the page: the panel opens and shows where to drop.
  const hasFiles = (/** @type {DragEvent} */ event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  document.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (panel.hidden) open();
    panel.classList.add('documents-dragging');
  });
  document.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) panel.classList.remove('documents-dragging');
  });
  document.addEventListener('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    panel.classList.remove('documents-dragging');
    addFiles([...(event.dataTransfer?.files ?? [])]);
  });

  renderLabels();
  renderList();
  onLanguageChange(() => {
    renderLabels();
    renderList();
  });
  return { open, close, refresh, addFiles };
}
