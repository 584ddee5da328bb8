import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, isAppError } from '../../shared/errors.js';

/** Maps body-parser / http-errors style errors (they carry `type` and `status`) onto stable codes. */
function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const e = err as { type?: string; status?: number; statusCode?: number; message?: string };
  const status = e?.status ?? e?.statusCode;
  switch (e?.type) {
    case 'entity.too.large':
      return new AppError('payload_too_large', 'Request body is too large (limit 64 KiB).', 413);
    case 'entity.parse.failed':
      return new AppError('bad_request', 'Request body is not valid JSON.', 400);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'Unsupported body encoding; send UTF-8 JSON.', 415);
    case 'request.aborted':
      return new AppError('cancelled', 'Request was aborted by the client.', 400);
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('bad_request', e.message || 'Bad request.', status);
  }
  return new AppError('internal', 'Internal server error.', 500);
}

export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err);
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
