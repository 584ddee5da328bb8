import type { RequestHandler, Response } from 'express';
import { AppError } from '../../shared/errors.js';
import { openAiErrorBody } from '../v1/v1-errors.js';

/**
 * REQUEST_TIMEOUT_MS for a reply to start: a request with no response headers by then gets
 * 503 timeout (in the OpenAI error shape under /v1) and the handler's late reply is dropped. Streams (SSE) are exempt:
 * once their headers are out they manage their own lifetime (heartbeats, abort on disconnect).
 */
export function requestTimeout(ms: number): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent || res.writableEnded || res.destroyed) return;
      res.locals.timedOut = true;
      const error = new AppError('timeout', `The server did not answer within ${ms} ms. Try again, or ask a shorter question.`, 503);
      const body = req.baseUrl === '/v1' ? openAiErrorBody(error).body : { error: { code: error.code, message: error.message } };
      res.status(503).set('Connection', 'close').json(body);
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
