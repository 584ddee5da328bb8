import type { RequestHandler } from 'express';

/**
 * CORS, off unless CORS_ORIGINS lists origins (or `*`). With it off no Access-Control-* header is ever
 * sent, so browsers keep other sites from reading our responses. A dozen lines, so not the `cors` package.
 */
export function corsPolicy(origins: string[]): RequestHandler {
  const allowed = new Set(origins);
  const anyOrigin = allowed.has('*');
  return (req, res, next) => {
    if (allowed.size === 0) return next();
    res.vary('Origin');
    const origin = req.headers.origin;
    if (!origin || (!anyOrigin && !allowed.has(origin))) return next();
    res.setHeader('Access-Control-Allow-Origin', anyOrigin ? '*' : origin);
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      // Preflight: answered here, before rate limiting and API keys (browsers never send credentials on it).
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Request-Id');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After, RateLimit, RateLimit-Policy');
    next();
  };
}
