import type { RequestHandler, Response } from 'express';
import { AppError } from '../errors.js';
import { openAiErrorBody } from './openai-errors.js';

/**
 * REQUEST_TIMEOUT_MS for a reply to start: a request whose body has not fully arrived by then is the
 * client's fault (408 request_timeout); otherwise a request with no response headers gets
 * 503 timeout (in the OpenAI error shape under /v1) and the handler's late reply is dropped. Streams (SSE) are exempt:
 * once their headers are out they manage their own lifetime (heartbeats, abort on disconnect).
 */
export function requestTimeout(ms: number): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent || res.writableEnded || res.destroyed) return;
      res.locals.timedOut = true;
      const error = req.complete
        ? new AppError('timeout', `The server did not answer within ${ms} ms. Try again, or ask a shorter question.`, 503)
        : new AppError('request_timeout', `The request body did not arrive within ${ms} ms.`, 408);
      const body = req.baseUrl === '/v1' ? openAiErrorBody(error).body : { error: { code: error.code, message: error.message } };
      res.status(error.status).set('Connection', 'close').json(body);
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
