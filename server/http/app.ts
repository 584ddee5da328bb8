import express, { type Express } from 'express';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ServicesHolder } from '../core/services.js';
import { AppError } from '../shared/errors.js';
import { createApiRouter } from './routers/api-router.js';
import { createStreamRouter } from './routers/stream-router.js';
import { createOpenAiRouter, V1_JSON_BODY_LIMIT } from './v1/v1-router.js';
import { openAiErrorBody, openAiErrorMiddleware } from './v1/v1-errors.js';
import { errorMiddleware, notFoundHandler } from './middleware/error-middleware.js';
import { createAdminRouter } from './routers/admin-router.js';
import { apiKeyAuth } from './middleware/api-key-auth.js';
import { corsPolicy } from './middleware/cors.js';
import { rejectDeepJson } from './middleware/json-depth.js';
import { rateLimiter } from './middleware/rate-limit.js';
import { logQuestion, requestLogging } from './middleware/request-logging.js';
import { requestTimeout } from './middleware/request-timeout.js';
import { securityHeaders } from './middleware/security-headers.js';
import { pageAssets } from './routers/page-assets.js';
import type { Reload } from '../lifecycle/reload.js';
import type { DocumentLibrary } from '../documents/document-library.js';
import { createDocumentsRouter } from './routers/documents-router.js';
import { createCorpusRouter } from './routers/corpus-router.js';
import type { Persistence } from '../core/persistence.js';
import { ownerResolver } from './middleware/request-owner.js';
import { createConversationsRouter } from './routers/conversations-router.js';
import { createFeedbackRouter } from './routers/feedback-router.js';
import { createReportRouter } from './routers/report-router.js';
import { createReadiness, type Readiness } from '../lifecycle/readiness.js';
import { createReadinessRouter } from './routers/readiness-router.js';
import type { Store } from 'express-rate-limit';

export interface AppDeps {
  services: ServicesHolder;
  logger: Logger;
  config: Config;
  /** The Slack bot (server/slack/slack-adapter.ts), present when config.slack is set. */
  slack?: { router: express.Router };
  /** Index reload (server/lifecycle/reload.ts); POST /api/admin/reload exists only with it and API keys set. */
  reload?: Reload;
  /** The document library (server/documents/); POST and DELETE /api/documents exist only with it. */
  documents?: DocumentLibrary;
  /** Conversations, feedback and the report (server/storage/); without it /api/ask is stateless. */
  persistence?: Persistence;
  /** GET /api/health/ready; defaults to "an index is loaded" (no shared database). */
  readiness?: Readiness;
  /** Shared rate-limit counters (PostgreSQL with DATABASE_URL); per-process memory without. */
  rateLimitStore?: Store;
}

export const JSON_BODY_LIMIT = '64kb';

/** Chat page assets (server/public/), found from this file's URL so it works the same from tsx and from any working directory. */
export const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

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
  const guard = [rateLimiter(config.rateLimitPerMinute, rateLimitStore), apiKeyAuth(config.apiKeys)];
  app.use('/api', ...guard, requestTimeout(config.requestTimeoutMs));
  app.use('/v1', ...guard, requestTimeout(config.requestTimeoutMs, (error) => openAiErrorBody(error).body));
  if (reload && config.apiKeys.length > 0) app.use('/api', createAdminRouter(reload));

  // Uploads are multipart, so the documents router comes before the JSON-only body parser.
  app.use('/api', createDocumentsRouter({ holder: services, library: documents, uploadMaxBytes: config.uploadMaxMb * 1024 * 1024 }));
  const kept = persistence ? { ...persistence, owner: ownerResolver(config.apiKeys.length > 0) } : undefined;
  const conversationRouters = kept ? [createConversationsRouter(kept), createFeedbackRouter(kept), createReportRouter(kept)] : [];
  app.use('/api', jsonBody(), createApiRouter(services, kept), createStreamRouter(services, {}, kept), createCorpusRouter(services), ...conversationRouters);
  // OpenAI-compatible endpoint for chat clients; its errors use the OpenAI shape, so its own error handler comes first.
  // Chat clients resend the whole conversation each turn, so /v1 takes larger bodies (history is trimmed to the /api limits).
  app.use('/v1', jsonBody(V1_JSON_BODY_LIMIT), createOpenAiRouter(services), openAiErrorMiddleware(logger));
  // The chat page: plain static files and the two browser libraries it imports, no build step.
  app.use(pageAssets(PUBLIC_DIR));

  // POST /slack/events reads its own raw body (signature check), so no body parser may run before it.
  if (slack) app.use(slack.router);

  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));
  return app;
}
