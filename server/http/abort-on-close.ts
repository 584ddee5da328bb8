import type { Response } from 'express';

// One shared reason: abort() would otherwise build a DOMException with a stack trace per request.
const RESPONSE_OVER = Object.freeze(new Error('response is over'));

/**
 * A signal that fires once the response is over for whatever reason — the client went away, or another
 * middleware (the request timeout) already answered — so the answer work stops instead of running on.
 * Aborting after the handler itself has replied is harmless: its work is done.
 */
export function abortOnClose(res: Response): AbortSignal {
  const controller = new AbortController();
  const abort = () => controller.abort(RESPONSE_OVER);
  res.once('close', abort);
  res.once('finish', abort);
  return controller.signal;
}
