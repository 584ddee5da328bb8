import { APIConnectionError, APIConnectionTimeoutError } from 'openai';

/**
 * Which upstream failures are worth another attempt: 408, 429 and 5xx (the server may recover)
 * and connection errors (the network may). Everything else - 4xx, an exhausted quota, an abort -
 * fails at once, because repeating the same request cannot change the answer.
 *
 * Timeouts are not retried: the timeout is already the whole budget the user is willing to
 * wait for, and the caller falls back to the extractive answer instead.
 */
export function isRetryableUpstreamError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; status?: unknown; code?: unknown; error?: { code?: unknown } };
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return false;
  if (error instanceof APIConnectionTimeoutError) return false;
  const status = typeof e.status === 'number' ? e.status : undefined;
  if (status !== undefined) {
    if (status === 429) return e.code !== 'insufficient_quota' && e.error?.code !== 'insufficient_quota';
    return status === 408 || status >= 500;
  }
  return error instanceof APIConnectionError || e.name === 'APIConnectionError';
}

/**
 * LangChain's AsyncCaller hook: returning retries (up to maxRetries), throwing stops.
 * Replaces LangChain's default, which also retries e.g. 422 and other unlisted 4xx.
 */
export function upstreamFailedAttemptHandler(error: unknown): void {
  if (!isRetryableUpstreamError(error)) throw error;
}
