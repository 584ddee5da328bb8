import { z } from 'zod';
import { intFrom, listFrom, optionalString, parseEnvironment } from './shared/config/env-parsing.js';
import { checkOpenAiAccess, ingestConfigFrom, IngestEnvFields, type IngestConfig } from './shared/config/ingest-config.js';

export { ConfigError } from './shared/config/env-parsing.js';

/**
 * The one place the server reads the environment. Everything else receives a typed Config.
 * What ingest also needs (corpus, index, embeddings) is defined once in the shared slice and extended here.
 * Bad values fail at start-up with the variable's name and how to fix it.
 */
/** An address, a CIDR range, or one of Express's names for address ranges. */
const TRUSTED_PROXY = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;
const TRUSTED_PROXY_HINT = 'must list the reverse proxy addresses (e.g. 127.0.0.1 or 10.0.0.0/8 or loopback), comma-separated';

const EnvSchema = z
  .object({
    ...IngestEnvFields,
    PORT: intFrom(3000, 0),
    HOST: z.string().trim().default('127.0.0.1'),
    GENERATOR: z.enum(['extractive', 'openai']).default('extractive'),
    RETRIEVAL_TOP_K: intFrom(12, 1),
    ANSWER_CACHE_SIZE: intFrom(1000, 0),
    OPENAI_MODEL: z.string().trim().default('gpt-4o-mini'),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_BOT_TOKEN: optionalString,
    SLACK_API_URL: optionalString.pipe(z.url().optional()),
    RATE_LIMIT_PER_MINUTE: intFrom(120, 0),
    API_KEYS: listFrom,
    CORS_ORIGINS: listFrom,
    // Scale-out (README, Running several replicas): which peers may set X-Forwarded-For.
    TRUST_PROXY: listFrom.pipe(z.array(z.string().regex(TRUSTED_PROXY, TRUSTED_PROXY_HINT))),
    REQUEST_TIMEOUT_MS: intFrom(60_000, 1),
    SHUTDOWN_GRACE_MS: intFrom(10_000, 0),
    UPLOAD_MAX_MB: intFrom(20, 1),
    INDEX_POLL_MS: intFrom(1000, 0),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PERSISTENCE: z.enum(['on', 'off']).default('on'),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL like postgres://user:password@host:5432/dbname (unset it to use SQLite)')
        .optional(),
    ),
    DATABASE_FILE: z.string().trim().default('data/corpus-qa.sqlite'),
    SQLITE_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
    CONVERSATION_RETENTION_DAYS: intFrom(90, 0),
  })
  .superRefine((env, ctx) => {
    if (env.GENERATOR === 'openai' || env.EMBEDDINGS === 'openai') checkOpenAiAccess(env, ctx, 'GENERATOR=openai or EMBEDDINGS=openai');
    if (Boolean(env.SLACK_SIGNING_SECRET) !== Boolean(env.SLACK_BOT_TOKEN)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.SLACK_SIGNING_SECRET ? 'SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET'],
        message: 'the Slack bot needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN; set both or neither',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends IngestConfig {
  port: number;
  host: string;
  generator: 'extractive' | 'openai';
  retrievalTopK: number;
  /** Answers kept per loaded index for repeated questions; 0 disables. */
  answerCacheSize: number;
  openai: IngestConfig['openai'] & { model: string };
  slack?: { signingSecret: string; botToken: string; apiUrl?: string };
  rateLimitPerMinute: number;
  apiKeys: string[];
  corsOrigins: string[];
  /**
   * Peers whose X-Forwarded-For is believed (Express `trust proxy`): the nginx in front. Empty: the client
   * is the TCP peer. Anyone else's X-Forwarded-For is ignored, so a client cannot pick its rate-limit key.
   */
  trustProxy: string[];
  /**
   * With DATABASE_URL the replica is stateless: documents, index versions and rate-limit counters live in
   * PostgreSQL, and the local index directory is only a cache of the published version (server/lifecycle/index-sync.ts).
   */
  sharedStore?: { url: string; /** INDEX_POLL_MS (1000 when 0): the version poll under LISTEN/NOTIFY. */ pollMs: number };
  requestTimeoutMs: number;
  shutdownGraceMs: number;
  logLevel: Env['LOG_LEVEL'];
  /** Largest upload POST /api/documents accepts (413 above). */
  uploadMaxMb: number;
  /** How often the server checks whether a new index version is current (0 = never; reload by SIGHUP/API). */
  indexPollMs: number;
  /** Conversations, feedback, Slack dedupe (server/storage/); undefined when PERSISTENCE=off. */
  storage?: {
    target: { dialect: 'sqlite'; file: string; synchronous: 'normal' | 'full' } | { dialect: 'postgres'; url: string };
    /** Conversations unused for this many days are deleted; 0 keeps them forever. */
    retentionDays: number;
  };
}

/** Parse an environment (normally process.env, passed in by an entry point). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const e = parseEnvironment(EnvSchema, env);
  const shared = ingestConfigFrom(e);
  return {
    ...shared,
    port: e.PORT,
    host: e.HOST,
    generator: e.GENERATOR,
    retrievalTopK: e.RETRIEVAL_TOP_K,
    answerCacheSize: e.ANSWER_CACHE_SIZE,
    openai: { ...shared.openai, model: e.OPENAI_MODEL },
    slack:
      e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN
        ? { signingSecret: e.SLACK_SIGNING_SECRET, botToken: e.SLACK_BOT_TOKEN, apiUrl: e.SLACK_API_URL }
        : undefined,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    apiKeys: e.API_KEYS,
    corsOrigins: e.CORS_ORIGINS,
    trustProxy: e.TRUST_PROXY,
    // A replica must poll even with INDEX_POLL_MS=0: a killed writer's revision is retried by the next poll.
    sharedStore: e.DATABASE_URL ? { url: e.DATABASE_URL, pollMs: e.INDEX_POLL_MS || 1000 } : undefined,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    logLevel: e.LOG_LEVEL,
    uploadMaxMb: e.UPLOAD_MAX_MB,
    indexPollMs: e.INDEX_POLL_MS,
    storage:
      e.PERSISTENCE === 'off'
        ? undefined
        : {
            target: e.DATABASE_URL ? { dialect: 'postgres', url: e.DATABASE_URL } : { dialect: 'sqlite', file: e.DATABASE_FILE, synchronous: e.SQLITE_SYNCHRONOUS },
            retentionDays: e.CONVERSATION_RETENTION_DAYS,
          },
  };
}
