/**
 * Errors from Express and body-parser (they carry `type`, `status`, `limit`) → AppErrors with stable codes
 * and messages written here. Their own messages can hold JS details, and an error that is not ours is a
 * 500 with a fixed message: a client never sees a stack, a path or a JS message.
 */
import { STATUS_CODES } from 'node:http';
import { AppError, isAppError } from '../../shared/errors.js';

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

interface ParserErrorLike {
  type?: string;
  status?: number;
  statusCode?: number;
  limit?: number;
}

/** `why` explains a route's own limit (e.g. Slack's) after the figure. */
export function toAppError(err: unknown, limitReason?: string): AppError {
  if (isAppError(err)) return err;
  const e = (err ?? {}) as ParserErrorLike;
  const status = e.status ?? e.statusCode;
  switch (e.type) {
    case 'entity.too.large': {
      const limit = typeof e.limit === 'number' ? ` (limit ${formatBytes(e.limit)}${limitReason ? `; ${limitReason}` : ''})` : '';
      return new AppError('payload_too_large', `Request body is too large${limit}.`, 413);
    }
    case 'entity.parse.failed':
      return new AppError('bad_request', 'Request body is not valid JSON.', 400);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'Unsupported body encoding; send UTF-8 JSON.', 415);
    case 'request.aborted':
      return new AppError('cancelled', 'Request was aborted by the client.', 400);
    case 'request.size.invalid':
      return new AppError('bad_request', 'Request body size does not match its Content-Length.', 400);
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('bad_request', `${STATUS_CODES[status] ?? 'Bad request'}.`, status);
  }
  return new AppError('internal', 'Internal server error.', 500);
}
