/**
 * Turns every way a request can fail into one ApiError with a message written for the reader,
 * so the views never have to interpret statuses or codes themselves.
 */
export class ApiError extends Error {
  /**
   * @param {string} message shown to the user as is
   * @param {{kind: 'network'|'http'|'stream'|'unauthorized', status?: number, code?: string, retryAfterSeconds?: number}} info
   */
  constructor(message, info) {
    super(message);
    this.name = 'ApiError';
    this.kind = info.kind;
    this.status = info.status;
    this.code = info.code;
    this.retryAfterSeconds = info.retryAfterSeconds;
  }
}

export const networkError = () =>
  new ApiError('Could not reach the server. Check your connection and try again.', { kind: 'network' });

export const cutOffError = () =>
  new ApiError('The connection dropped before the answer was finished. Please ask again.', { kind: 'stream' });

/** An `error` event received in the middle of a stream. */
export const streamError = (/** @type {{code?: string, message?: string}} */ data) =>
  new ApiError(`The answer could not be completed: ${data.message || 'unknown error'}`, {
    kind: 'stream',
    code: data.code,
  });

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value, now = Date.now()) {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** @param {Response} res a non-2xx response */
export async function errorFromResponse(res) {
  let code;
  let serverMessage;
  try {
    const body = await res.json();
    code = body?.error?.code;
    serverMessage = body?.error?.message;
  } catch {
    // Not our JSON error shape (e.g. a proxy's HTML page): fall back to the status alone.
  }
  const status = res.status;
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(res.headers.get('retry-after'));
    const wait =
      retryAfterSeconds === undefined
        ? 'Please wait a moment'
        : `Please wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`;
    return new ApiError(`Too many questions in a short time. ${wait} and try again.`, {
      kind: 'http',
      status,
      code,
      retryAfterSeconds,
    });
  }
  if (status === 401) {
    return new ApiError('The API key was not accepted. Ask again to enter a different key.', {
      kind: 'unauthorized',
      status,
      code,
    });
  }
  if (status >= 500) {
    const detail = serverMessage ? ` ${serverMessage}` : '';
    return new ApiError(`The server had a problem (HTTP ${status}).${detail} Please try again shortly.`, {
      kind: 'http',
      status,
      code,
    });
  }
  return new ApiError(`The request was refused (HTTP ${status}): ${serverMessage || res.statusText || 'bad request'}`, {
    kind: 'http',
    status,
    code,
  });
}
