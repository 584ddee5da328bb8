import { ApiError, cutOffError, errorFromResponse, networkError, streamError } from './api-errors.js';
import { readSse } from './sse-reader.js';

/** @typedef {import('../types/api.js').AskBody} AskBody */
/** @typedef {import('../types/api.js').AskResult} AskResult */
/** @typedef {import('../types/api.js').DocumentWindow} DocumentWindow */
/**
 * A request's options; promptForKey: false keeps a background request from opening the key dialog.
 * @typedef {RequestInit & {promptForKey?: boolean}} SendInit
 */
/**
 * Options of api.json: `body` is sent as JSON.
 * @typedef {{method?: string, body?: unknown, signal?: AbortSignal, promptForKey?: boolean}} JsonInit
 */

export const KEY_STORAGE = 'corpus-qa.api-key';

/**
 * Talks to /api. Dependencies are explicit so the client is easy to reason about:
 * @param {{
 *   fetch: typeof fetch,
 *   storage: Storage,
 *   askForApiKey: (retrying: boolean) => Promise<string | null>,
 * }} deps
 */
export function createApiClient({ fetch, storage, askForApiKey }) {
  /** @param {string} path @param {SendInit} init */
  async function send(path, init) {
    const attempt = () => {
      const headers = new Headers(init.headers);
      const key = storage.getItem(KEY_STORAGE);
      if (key) headers.set('Authorization', `Bearer ${key}`);
      return fetch(path, { ...init, headers }).catch((err) => {
        if (err?.name === 'AbortError') throw err;
        throw networkError();
      });
    };
    let res = await attempt();
    // API keys are optional server-side: ask only when the server says one is needed, then retry once.
    // Background requests (promptForKey: false) never open the dialog on their own.
    if (res.status === 401 && init.promptForKey !== false) {
      const hadKey = storage.getItem(KEY_STORAGE) !== null;
      const key = await askForApiKey(hadKey);
      if (key) {
        storage.setItem(KEY_STORAGE, key);
        res = await attempt();
      }
      if (res.status === 401) storage.removeItem(KEY_STORAGE);
    }
    if (!res.ok) throw await errorFromResponse(res);
    return res;
  }

  return {
    /**
     * POST /api/ask/stream. Calls onDelta with answer text as it arrives; resolves with the final AskResult.
     * @param {AskBody} body
     * @param {{signal?: AbortSignal, onDelta?: (text: string) => void}} options
     * @returns {Promise<AskResult>}
     */
    async askStream(body, { signal, onDelta } = {}) {
      const res = await send('/api/ask/stream', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify(body),
        signal,
      });
      if (!res.body) throw cutOffError();
      try {
        for await (const { event, data } of readSse(res.body)) {
          if (event === 'delta') onDelta?.(JSON.parse(data).text);
          else if (event === 'done') return JSON.parse(data);
          else if (event === 'error') throw streamError(JSON.parse(data));
        }
      } catch (err) {
        if (err instanceof ApiError || (err instanceof Error && err.name === 'AbortError')) throw err;
        throw cutOffError();
      }
      throw cutOffError();
    },

    /**
     * Any other JSON endpoint (conversations, feedback), with the same API-key handling and errors.
     * Resolves with the parsed body, or null for 204; unknown here: each caller states the shape of its endpoint.
     * @param {string} path
     * @param {JsonInit} [init]
     * @returns {Promise<unknown>}
     */
    async json(path, { method = 'GET', body, signal, promptForKey = true } = {}) {
      /** @type {Record<string, string>} */
      const headers = body === undefined ? {} : { 'Content-Type': 'application/json' };
      /** @type {SendInit} */
      const init = { method, signal, promptForKey, headers };
      const res = await send(path, body === undefined ? init : { ...init, body: JSON.stringify(body) });
      return res.status === 204 ? null : res.json();
    },

    /**
     * GET /api/documents/:docId?start=&end= → a window of the document:
     * {docId, source, title, date, format, pages?, headings, length, start, end, text} (text is characters [start, end) of `length`).
     * Without start/end the server sends the first window, never a whole large document.
     * @param {string} docId
     * @param {{start?: number, end?: number, signal?: AbortSignal}} [options]
     * @returns {Promise<DocumentWindow>}
     */
    async getDocument(docId, { start, end, signal } = {}) {
      const query = new URLSearchParams();
      if (start !== undefined) query.set('start', String(Math.max(0, Math.floor(start))));
      if (end !== undefined) query.set('end', String(Math.max(0, Math.floor(end))));
      const qs = query.toString();
      const res = await send(`/api/documents/${encodeURIComponent(docId)}${qs ? `?${qs}` : ''}`, { method: 'GET', signal });
      return res.json();
    },
  };
}
