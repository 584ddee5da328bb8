import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, isAppError } from '../../shared/errors.js';
import { toAppError } from '../middleware/client-errors.js';

/**
 * Errors under /v1 in the shape OpenAI clients parse: {"error":{"message","type","param","code"}}.
 * The /api error shape stays as it is; only this mount speaks the OpenAI dialect.
 */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

function openAiType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

export function openAiErrorBody(err: unknown): { status: number; body: OpenAiErrorBody } {
  const appError = toAppError(err);
  const param = typeof appError.details?.param === 'string' ? appError.details.param : null;
  return {
    status: appError.status,
    body: { error: { message: appError.message, type: openAiType(appError.status), param, code: appError.code } },
  };
}

export function openAiErrorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, body } = openAiErrorBody(err);
    if (status >= 500) logger.error({ err, reqId: (req as { id?: unknown }).id }, 'v1 request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json(body);
  };
}

export const openAiNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No route for ${req.method} ${req.baseUrl}${req.path}.`, 404));
};
