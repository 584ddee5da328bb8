import { AppError, isAppError } from '../../errors.js';

/**
 * Turns whatever the LangChain/openai stack threw into an AppError with a stable code:
 * `cancelled` when the caller aborted, `timeout` when the upstream went quiet, otherwise
 * `upstream_error`. The fallback generator branches on exactly these codes.
 */
export function toUpstreamAppError(
  error: unknown,
  ctx: { callerSignal?: AbortSignal; watchdogFired: boolean; timeoutMs: number; what: string },
): AppError {
  if (isAppError(error)) return error;
  if (ctx.callerSignal?.aborted) {
    // 499: the client went away; nobody reads this response, the code only stops fallbacks.
    return new AppError('cancelled', 'The request was cancelled.', 499);
  }
  const e = error as { name?: string; message?: string; status?: number };
  if (ctx.watchdogFired || e?.name === 'TimeoutError' || e?.name === 'APIConnectionTimeoutError') {
    return new AppError('timeout', `The ${ctx.what} did not respond within ${ctx.timeoutMs} ms.`, 504);
  }
  const status = typeof e?.status === 'number' ? ` (HTTP ${e.status})` : '';
  const detail = typeof e?.message === 'string' ? `: ${e.message.split('\n')[0].slice(0, 200)}` : '';
  return new AppError('upstream_error', `The ${ctx.what} request failed${status}${detail}`, 502, {
    upstreamStatus: e?.status,
  });
}
