import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../../shared/errors.js';
import { isHealthCheck } from './rate-limit.js';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;

/** Parses `Authorization: Bearer <key>`; undefined when absent or malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  return typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
}

/**
 * Optional API keys for /api and /v1 (API_KEYS, comma-separated). With none set everything is open.
 * /api/health stays open for probes. Keys are compared as SHA-256 digests with timingSafeEqual, against
 * every configured key, so the time taken reveals neither a key's content nor its length nor which matched.
 */
export function apiKeyAuth(keys: string[]): RequestHandler {
  if (keys.length === 0) return (_req, _res, next) => next();
  const digests = keys.map(digest);
  const accepted = (candidate: string): boolean => {
    const d = digest(candidate);
    let ok = false;
    for (const k of digests) ok = timingSafeEqual(d, k) || ok;
    return ok;
  };
  return (req, res, next) => {
    if (isHealthCheck(req)) return next();
    const token = bearerToken(req.headers.authorization);
    if (token !== undefined && accepted(token)) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="corpus-qa"');
    next(
      new AppError(
        'unauthorized',
        token === undefined ? 'This server needs an API key: send "Authorization: Bearer <key>".' : 'The API key is not valid.',
        401,
      ),
    );
  };
}
