import { KEY_STORAGE } from './api-client.js';
import { errorFromResponse, networkError } from './api-errors.js';

/** @typedef {import('../types/api.js').DocumentEntry} DocumentEntry */
/** @typedef {import('../types/api.js').CorpusOverview} CorpusOverview */
/** Upload progress: the fraction sent, or null when the browser cannot tell. @typedef {(fraction: number | null) => void} OnProgress */
/**
 * What an upload ends with: added (201), already there (200), or a name taken by other content (409).
 * @typedef {{status: 200 | 201, entry: DocumentEntry} | {status: 409, message: string}} UploadResult
 */

/**
 * The document library's API: GET /api/documents, POST (multipart, with upload progress, hence
 * XMLHttpRequest: fetch reports no upload progress) and DELETE. Uses the same API key as the chat.
 *
 * @param {{ fetch: typeof fetch, storage: Storage, askForApiKey: (retrying: boolean) => Promise<string | null>, XHR?: typeof XMLHttpRequest }} deps
 */
export function createDocumentsApi({ fetch, storage, askForApiKey, XHR = XMLHttpRequest }) {
  /** @returns {Record<string, string>} */
  const authHeaders = () => {
    const key = storage.getItem(KEY_STORAGE);
    return key ? { Authorization: `Bearer ${key}` } : {};
  };
  /** Asks for a key after a 401, once; true when the caller should retry. */
  const renewKey = async () => {
    const key = await askForApiKey(storage.getItem(KEY_STORAGE) !== null);
    if (key) storage.setItem(KEY_STORAGE, key);
    else storage.removeItem(KEY_STORAGE);
    return Boolean(key);
  };

  /**
   * @param {string} path
   * @param {RequestInit & {headers?: Record<string, string>}} init
   * @param {{promptForKey?: boolean}} [options]
   */
  async function send(path, init, { promptForKey = true } = {}) {
    const attempt = () => fetch(path, { ...init, headers: { ...init.headers, ...authHeaders() } }).catch(() => Promise.reject(networkError()));
    let res = await attempt();
    if (res.status === 401 && promptForKey && (await renewKey())) res = await attempt();
    if (!res.ok) throw await errorFromResponse(res);
    return res;
  }

  /**
   * One XHR upload; resolves with the status and response text whatever the status.
   * @param {File} file @param {boolean} replace @param {OnProgress} [onProgress]
   * @returns {Promise<{status: number, text: string}>}
   */
  const xhrUpload = (file, replace, onProgress) =>
    new Promise((resolve, reject) => {
      const xhr = new XHR();
      xhr.open('POST', `/api/documents${replace ? '?replace=true' : ''}`);
      for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
      xhr.upload.addEventListener('progress', (e) => onProgress?.(e.lengthComputable ? e.loaded / e.total : null));
      xhr.upload.addEventListener('load', () => onProgress?.(1));
      xhr.addEventListener('load', () => resolve({ status: xhr.status, text: xhr.responseText }));
      xhr.addEventListener('error', () => reject(networkError()));
      xhr.addEventListener('abort', () => reject(networkError()));
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });

  return {
    /** @returns {Promise<DocumentEntry[]>} */
    async list() {
      return (await send('/api/documents', { method: 'GET' })).json();
    },

    /**
     * Uploads one file. onProgress(fraction|null) while sending; resolves with {status, entry} (201 added,
     * 200 already there) or {status: 409, message} for a name taken by other content; throws ApiError otherwise.
     * @param {File} file
     * @param {{replace?: boolean, onProgress?: OnProgress}} [options]
     * @returns {Promise<UploadResult>}
     */
    async upload(file, { replace = false, onProgress } = {}) {
      let res = await xhrUpload(file, replace, onProgress);
      if (res.status === 401 && (await renewKey())) res = await xhrUpload(file, replace, onProgress);
      const response = new Response(res.text, { status: res.status, headers: { 'content-type': 'application/json' } });
      if (res.status === 409) return { status: 409, message: (await response.json())?.error?.message ?? '' };
      if (res.status !== 200 && res.status !== 201) throw await errorFromResponse(response);
      return { status: res.status, entry: await response.json() };
    },

    /** @param {string} docId */
    async remove(docId) {
      await send(`/api/documents/${encodeURIComponent(docId)}`, { method: 'DELETE' });
    },

    /**
     * GET /api/corpus → {documents, title, language, starters: [{question, docId, topic}]}; never asks for a key (it runs at load).
     * @returns {Promise<CorpusOverview>}
     */
    async corpus() {
      return (await send('/api/corpus', { method: 'GET' }, { promptForKey: false })).json();
    },
  };
}
