import type { Request, RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { AppError } from '../../shared/errors.js';

const passThrough: RequestHandler = (_req, _res, next) => next();

/** GET /api/health and /api/health/ready (as Express routes them: any case, optional trailing slash): probes are never limited or keyed. */
export const isHealthCheck = (req: Request): boolean =>
  (req.method === 'GET' || req.method === 'HEAD') && req.baseUrl.toLowerCase() === '/api' && /^\/health(\/ready)?\/?$/i.test(req.path);

/**
 * Per-client limit for /api and /v1: RATE_LIMIT_PER_MINUTE requests per rolling minute per client IP
 * (IPv6 grouped by /56), 0 disables. Over the limit: 429 rate_limited in our JSON error shape, with
 * Retry-After (seconds) and the standard RateLimit headers. The client is `req.ip`: the TCP peer, or the
 * X-Forwarded-For address when the peer is a trusted proxy (TRUST_PROXY, see app.ts).
 * `store`: shared counters (PostgreSQL, pg-rate-limit-store.ts) so N replicas enforce one budget; without it,
 * per-process memory. A store that fails lets the request through (logged): an outage of the counters
 * must not take answers down with it.
 */
export function rateLimiter(perMinute: number, store?: Store): RequestHandler {
  if (perMinute <= 0) return passThrough;
  return rateLimit({
    ...(store ? { store, passOnStoreError: true } : {}),
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: isHealthCheck,
    // X-Forwarded-For is believed only from TRUST_PROXY peers (app.ts); no need to warn about it on every start.
    validate: { xForwardedForHeader: false, forwardedHeader: false },
    handler: (_req, _res, next) => {
      next(new AppError('rate_limited', `Too many requests: the limit is ${perMinute} per minute. Retry after the number of seconds in Retry-After.`, 429));
    },
  });
}
