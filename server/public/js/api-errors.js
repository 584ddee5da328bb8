import { registerStrings, t } from './i18n.js';

registerStrings({
  en: {
    'error.network': 'Could not reach the server. Check your connection and try again.',
    'error.cutOff': 'The connection dropped before the answer was finished. Please ask again.',
    'error.stream': 'The answer could not be completed: {message}',
    'error.unknown': 'unknown error',
    'error.tooMany': 'Too many questions in a short time. {wait} and try again.',
    'error.waitMoment': 'Please wait a moment',
    'error.waitSecond': 'Please wait 1 second',
    'error.waitSeconds': 'Please wait {seconds} seconds',
    'error.unauthorized': 'The API key was not accepted. Ask again to enter a different key.',
    'error.server': 'The server had a problem (HTTP {status}). Please try again shortly.',
    'error.serverDetail': 'The server had a problem (HTTP {status}). {detail} Please try again shortly.',
    'error.refused': 'The request was refused (HTTP {status}): {reason}',
    'error.badRequest': 'bad request',
  },
  zh: {
    'error.network': '无法连接服务器。请检查网络后重试。',
    'error.cutOff': '回答完成之前连接断开了。请重新提问。',
    'error.stream': '回答未能完成:{message}',
    'error.unknown': '未知错误',
    'error.tooMany': '短时间内提问太多。{wait}后再试。',
    'error.waitMoment': '请稍等片刻',
    'error.waitSecond': '请等待 1 秒',
    'error.waitSeconds': '请等待 {seconds} 秒',
    'error.unauthorized': 'API 密钥未被接受。再次提问即可输入其他密钥。',
    'error.server': '服务器出现问题(HTTP {status})。请稍后重试。',
    'error.serverDetail': '服务器出现问题(HTTP {status}):{detail} 请稍后重试。',
    'error.refused': '请求被拒绝(HTTP {status}):{reason}',
    'error.badRequest': '请求无效',
  },
});

/**
 * Turns every way a request can fail into one ApiError with a message written for the reader,
 * so the views never have to interpret statuses or codes themselves. Messages are in the interface
 * language; a server's own message (in English) is quoted inside them.
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
  new ApiError(t('error.network'), { kind: 'network' });

export const cutOffError = () =>
  new ApiError(t('error.cutOff'), { kind: 'stream' });

/** An `error` event received in the middle of a stream. */
export const streamError = (/** @type {{code?: string, message?: string}} */ data) =>
  new ApiError(t('error.stream', { message: data.message || t('error.unknown') }), {
    kind: 'stream',
    code: data.code,
  });

/**
 * Retry-After is either delta-seconds or an HTTP date.
 * @param {string | null | undefined} value
 */
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
        ? t('error.waitMoment')
        : retryAfterSeconds === 1
          ? t('error.waitSecond')
          : t('error.waitSeconds', { seconds: retryAfterSeconds });
    return new ApiError(t('error.tooMany', { wait }), {
      kind: 'http',
      status,
      code,
      retryAfterSeconds,
    });
  }
  if (status === 401) {
    return new ApiError(t('error.unauthorized'), {
      kind: 'unauthorized',
      status,
      code,
    });
  }
  if (status >= 500) {
    const message = serverMessage ? t('error.serverDetail', { status, detail: serverMessage }) : t('error.server', { status });
    return new ApiError(message, {
      kind: 'http',
      status,
      code,
    });
  }
  return new ApiError(t('error.refused', { status, reason: serverMessage || res.statusText || t('error.badRequest') }), {
    kind: 'http',
    status,
    code,
  });
}
