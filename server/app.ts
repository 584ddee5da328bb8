import express, { type Express } from 'express';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { ServicesHolder } from './core/services.js';
import { AppError } from './errors.js';
import { createApiRouter } from './http/api-router.js';
import { createStreamRouter } from './http/stream-router.js';
import { createOpenAiRouter, V1_JSON_BODY_LIMIT } from './http/openai-router.js';
import { openAiErrorMiddleware } from './http/openai-errors.js';
import { errorMiddleware, notFoundHandler } from './http/error-middleware.js';
import { createAdminRouter } from './http/admin-router.js';
import { apiKeyAuth } from './http/api-key-auth.js';
import { corsPolicy } from './http/cors.js';
import { rejectDeepJson } from './http/json-depth.js';
import { rateLimiter } from './http/rate-limit.js';
import { logQuestion, requestLogging } from './http/request-logging.js';
import { requestTimeout } from './http/request-timeout.js';
import { securityHeaders } from './http/security-headers.js';
import type { Reload } from './lifecycle/reload.js';
import { createReadiness, type Readiness } from './lifecycle/readiness.js';
import { createReadinessRouter } from './http/routers/readiness-router.js';
import type { Store } from 'express-rate-limit';
import type { Persistence } from './core/persistence.js';
import { ownerResolver } from './http/middleware/request-owner.js';
import { createConversationsRouter } from './http/routers/conversations-router.js';
import { createFeedbackRouter } from './http/routers/feedback-router.js';
import { createReportRouter } from './http/routers/report-router.js';
import type { DocumentLibrary } from './documents/document-library.js';
import { createDocumentsRouter } from './http/routers/documents-router.js';
import { createCorpusRouter } from './http/routers/corpus-router.js';

export interface AppDeps {
  services: ServicesHolder;
  logger: Logger;
  config: Config;
  /** The Slack bot (server/slack/slack-adapter.ts), present when config.slack is set. */
  slack?: { router: express.Router };
  /** Index reload (server/lifecycle/reload.ts); POST /api/admin/reload exists only with it and API keys set. */
  reload?: Reload;
  /** GET /api/health/ready; defaults to "an index is loaded" (no shared database). */
  readiness?: Readiness;
  /** Shared rate-limit counters (PostgreSQL with DATABASE_URL); per-process memory without. */
  rateLimitStore?: Store;
  /** Conversations, feedback and the report (server/storage/); without it /api/ask is stateless. */
  persistence?: Persistence;
  /** The document library (server/documents/); POST and DELETE /api/documents exist only with it. */
  documents?: DocumentLibrary;
}

export const JSON_BODY_LIMIT = '64kb';

/** Chat page assets, next to this file so it works the same from tsx and from any working directory. */
export const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** JSON only, 64 KiB; parsed per router so /slack/events keeps its raw body for signature checks. */
function jsonBody(limit: string = JSON_BODY_LIMIT): express.RequestHandler[] {
  return [
    (req, _res, next) => {
      if (req.method === 'POST' && !req.is('application/json')) {
        next(new AppError('unsupported_media_type', 'Send the body as application/json.', 415));
        return;
      }
      next();
    },
    express.json({ limit, strict: false }),
    rejectDeepJson,
    logQuestion,
  ];
}

export function createApp({ services, logger, config, slack, reload, readiness, rateLimitStore, persistence, documents }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers are computed per request; hashing each one for an ETag costs more than it saves.
  app.set('etag', false);
  // X-Forwarded-For is believed only from the configured proxies (nginx); see Config.trustProxy.
  app.set('trust proxy', config.trustProxy.length > 0 ? config.trustProxy : false);

  // Hardening (README, Security): request id + JSON logs, helmet/CSP, CORS only if configured, then for
  // the APIs a per-client rate limit, optional API keys (health exempt) and a response deadline.
  app.use(requestLogging(logger));
  app.use(securityHeaders());
  app.use(corsPolicy(config.corsOrigins));
  app.use('/api', createReadinessRouter(readiness ?? createReadiness({ holder: services })));
  app.use(['/api', '/v1'], rateLimiter(config.rateLimitPerMinute, rateLimitStore), apiKeyAuth(config.apiKeys), requestTimeout(config.requestTimeoutMs));
  if (reload && config.apiKeys.length > 0) app.use('/api', createAdminRouter(reload));

  // Uploads are multipart, so the documents router comes before the JSON-only body parser.
  app.use('/api', createDocumentsRouter({ holder: services, library: documents, uploadMaxBytes: config.uploadMaxMb * 1024 * 1024 }));
  const kept = persistence ? { ...persistence, owner: ownerResolver(config.apiKeys.length > 0) } : undefined;
  const conversationRouters = kept ? [createConversationsRouter(kept), createFeedbackRouter(kept), createReportRouter(kept)] : [];
  app.use('/api', jsonBody(), createApiRouter(services, kept), createStreamRouter(services, {}, kept), createCorpusRouter(services), ...conversationRouters);
  // OpenAI-compatible endpoint for chat clients; its errors use the OpenAI shape, so its own error handler comes first.
  // Chat clients resend the whole conversation each turn, so /v1 takes larger bodies (history is trimmed to the /api limits).
  app.use('/v1', jsonBody(V1_JSON_BODY_LIMIT), createOpenAiRouter(services), openAiErrorMiddleware(logger));
  // The chat page: plain static files, no build step (GET / serves index.html). No directory redirects:
  // a path like /api/.. would otherwise get a 301 HTML page instead of the JSON 404.
  app.use(express.static(PUBLIC_DIR, { redirect: false }));

  // POST /slack/events reads its own raw body (signature check), so no body parser may run before it.
  if (slack) app.use(slack.router);

  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));
  return app;
}
