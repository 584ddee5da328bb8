import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../../shared/errors.js';

const passThrough: RequestHandler = (_req, _res, next) => next();

/** GET /api/health (as Express routes it: any case, optional trailing slash): probes are never limited or keyed. */
export const isHealthCheck = (req: Request): boolean =>
  (req.method === 'GET' || req.method === 'HEAD') && req.baseUrl.toLowerCase() === '/api' && /^\/health\/?$/i.test(req.path);

/**
 * Per-client limit for /api and /v1: RATE_LIMIT_PER_MINUTE requests per rolling minute per client IP
 * (IPv6 grouped by /56), 0 disables. Over the limit: 429 rate_limited in our JSON error shape, with
 * Retry-After (seconds) and the standard RateLimit headers. `trust proxy` is off, so the client is the
 * TCP peer: behind a reverse proxy every request would share the proxy's budget (see README, Security).
 */
export function rateLimiter(perMinute: number): RequestHandler {
  if (perMinute <= 0) return passThrough;
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: isHealthCheck,
    // We deliberately ignore X-Forwarded-For (trust proxy off); no need to warn about it on every start.
    validate: { xForwardedForHeader: false, forwardedHeader: false },
    handler: (_req, _res, next) => {
      next(new AppError('rate_limited', `Too many requests: the limit is ${perMinute} per minute. Retry after the number of seconds in Retry-After.`, 429));
    },
  });
}
