import type { Response } from 'express';

/** A signal that fires when the client goes away before the response is finished, so the answer work stops. */
export function abortOnClose(res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
