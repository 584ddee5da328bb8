import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';

/** An incoming X-Request-Id is reused only if it is short and plain (no log/header injection). */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * One structured JSON line per request (pino-http), with a request id that is echoed in X-Request-Id and
 * attached to every line logged through `req.log`. Only method, path (no query string), status and timing
 * are logged: no headers (Authorization, Slack signatures), no bodies. Questions go out at debug level
 * only, through logQuestion below.
 */
export function requestLogging(logger: Logger): RequestHandler {
  const middleware = pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const id = requestIdFor(req);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel(_req, res, err) {
      if (err || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      return 'info';
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        path: String(req.url ?? '').split('?')[0].slice(0, 512),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  return middleware as unknown as RequestHandler;
}

/** Logs the question of an /api/ask body at debug level (never at info: questions may be personal). */
export const logQuestion: RequestHandler = (req, _res, next) => {
  const body = req.body as { question?: unknown } | undefined;
  if (req.log?.isLevelEnabled('debug') && body && typeof body === 'object' && typeof body.question === 'string') {
    req.log.debug({ question: body.question.slice(0, 2000) }, 'question');
  }
  next();
};
