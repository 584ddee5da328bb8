import type { RequestHandler, Response } from 'express';
import { AppError } from '../../shared/errors.js';

/** The /api error body; /v1 passes its own (the OpenAI error shape). */
const apiErrorBody = (error: AppError): unknown => ({ error: { code: error.code, message: error.message } });

/**
 * REQUEST_TIMEOUT_MS for a reply to start: a request whose body has not fully arrived by then is the
 * client's fault (408 request_timeout); otherwise a request with no response headers gets
 * 503 timeout (in the protocol's error shape, `errorBody`) and the handler's late reply is dropped. Streams (SSE) are exempt:
 * once their headers are out they manage their own lifetime (heartbeats, abort on disconnect).
 */
export function requestTimeout(ms: number, errorBody: (error: AppError) => unknown = apiErrorBody): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent || res.writableEnded || res.destroyed) return;
      res.locals.timedOut = true;
      const error = req.complete
        ? new AppError('timeout', `The server did not answer within ${ms} ms. Try again, or ask a shorter question.`, 503)
        : new AppError('request_timeout', `The request body did not arrive within ${ms} ms.`, 408);
      res.status(error.status).set('Connection', 'close').json(errorBody(error));
      // Whatever the handler sends later is dropped instead of failing with "headers already sent".
      const dropped = function (this: Response) {
        return this;
      };
      res.json = dropped;
      res.send = dropped;
    }, ms);
    const clear = () => clearTimeout(timer);
    res.once('finish', clear);
    res.once('close', clear);
    next();
  };
}
