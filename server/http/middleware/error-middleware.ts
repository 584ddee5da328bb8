import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, isAppError } from '../../shared/errors.js';
import { toAppError } from './client-errors.js';

/** Slack's signed bodies have their own, larger limit (verify-slack-request.ts); say why when it is hit. */
const SLACK_LIMIT_REASON = "Slack's event, command and interaction payloads are far smaller";

export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err, req.path === '/slack/events' ? SLACK_LIMIT_REASON : undefined);
    const reqId = (req as { id?: unknown }).id;
    // Already answered (e.g. the request timeout replied 503, which aborted this work): nothing failed.
    if (res.writableEnded) {
      logger.debug({ err, reqId }, 'work ended after the response was sent');
      return;
    }
    if (appError.status >= 500) logger.error({ err, reqId }, 'request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(appError.status).json({ error: { code: appError.code, message: appError.message } });
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No route for ${req.method} ${req.path}.`, 404));
};
