/** Stable error codes clients can branch on; the HTTP status lives with the error. */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_question'
  | 'invalid_history'
  | 'invalid_feedback'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'not_found'
  | 'conflict'
  | 'unreadable_document'
  | 'index_unavailable'
  | 'embedder_mismatch'
  | 'unauthorized'
  | 'rate_limited'
  | 'timeout'
  | 'upstream_error'
  | 'cancelled'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status = 500,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
