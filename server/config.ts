import { z } from 'zod';

/**
 * The one place that reads the environment. Everything else receives a typed Config.
 * Bad values fail at start-up with the variable's name and how to fix it.
 */
const intFrom = (def: number, min = 0) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? def : Number(v)))
    .pipe(z.number().int().min(min));

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const listFrom = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** An address, a CIDR range, or one of Express's names for address ranges. */
const TRUSTED_PROXY = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;
const TRUSTED_PROXY_HINT = 'must list the reverse proxy addresses (e.g. 127.0.0.1 or 10.0.0.0/8 or loopback), comma-separated';

const EnvSchema = z
  .object({
    PORT: intFrom(3000, 0),
    HOST: z.string().trim().default('127.0.0.1'),
    CORPUS_DIR: z.string().trim().default('corpus'),
    INDEX_DIR: z.string().trim().default('data/index'),
    EMBEDDINGS: z.enum(['local', 'openai']).default('local'),
    EMBEDDING_DIMENSIONS: intFrom(256, 16),
    GENERATOR: z.enum(['extractive', 'openai']).default('extractive'),
    RETRIEVAL_TOP_K: intFrom(8, 1),
    ANSWER_CACHE_SIZE: intFrom(1000, 0),
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
    OPENAI_MODEL: z.string().trim().default('gpt-4o-mini'),
    OPENAI_EMBEDDING_MODEL: z.string().trim().default('text-embedding-3-small'),
    OPENAI_TIMEOUT_MS: intFrom(30_000, 1),
    OPENAI_MAX_RETRIES: intFrom(2, 0),
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
    MAX_DOCUMENT_MB: intFrom(20, 1),
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
    CONVERSATION_RETENTION_DAYS: intFrom(90, 0),
  })
  .superRefine((env, ctx) => {
    const needsOpenAi = env.GENERATOR === 'openai' || env.EMBEDDINGS === 'openai';
    if (needsOpenAi && !env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPENAI_API_KEY'],
        message:
          'GENERATOR=openai or EMBEDDINGS=openai needs OPENAI_API_KEY (for api.openai.com) or OPENAI_BASE_URL (for a compatible server such as Ollama or vLLM)',
      });
    }
    if (Boolean(env.SLACK_SIGNING_SECRET) !== Boolean(env.SLACK_BOT_TOKEN)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.SLACK_SIGNING_SECRET ? 'SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET'],
        message: 'the Slack bot needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN; set both or neither',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  corpusDir: string;
  indexDir: string;
  embeddings: { provider: 'local' | 'openai'; dimensions: number; openAiModel: string };
  generator: 'extractive' | 'openai';
  retrievalTopK: number;
  /** Answers kept per loaded index for repeated questions; 0 disables. */
  answerCacheSize: number;
  openai: {
    apiKey?: string;
    baseURL?: string;
    model: string;
    embeddingModel: string;
    timeoutMs: number;
    maxRetries: number;
  };
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
  /** Conversations, feedback, Slack dedupe (server/storage/); undefined when PERSISTENCE=off. */
  storage?: {
    target: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
    /** Conversations unused for this many days are deleted; 0 keeps them forever. */
    retentionDays: number;
  };
  /** Corpus files larger than this are skipped by the ingest, with a warning. */
  maxDocumentMb: number;
  /** Largest upload POST /api/documents accepts (413 above). */
  uploadMaxMb: number;
  /** How often the server checks whether a new index version is current (0 = never; reload by SIGHUP/API). */
  indexPollMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parse an environment (normally process.env, passed in by an entry point). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const got = env[name];
        return `${name}${got !== undefined ? `=${JSON.stringify(got)}` : ''}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    corpusDir: e.CORPUS_DIR,
    indexDir: e.INDEX_DIR,
    embeddings: { provider: e.EMBEDDINGS, dimensions: e.EMBEDDING_DIMENSIONS, openAiModel: e.OPENAI_EMBEDDING_MODEL },
    generator: e.GENERATOR,
    retrievalTopK: e.RETRIEVAL_TOP_K,
    answerCacheSize: e.ANSWER_CACHE_SIZE,
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseURL: e.OPENAI_BASE_URL,
      model: e.OPENAI_MODEL,
      embeddingModel: e.OPENAI_EMBEDDING_MODEL,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
      maxRetries: e.OPENAI_MAX_RETRIES,
    },
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
    storage:
      e.PERSISTENCE === 'off'
        ? undefined
        : {
            target: e.DATABASE_URL ? { dialect: 'postgres', url: e.DATABASE_URL } : { dialect: 'sqlite', file: e.DATABASE_FILE },
            retentionDays: e.CONVERSATION_RETENTION_DAYS,
          },
    maxDocumentMb: e.MAX_DOCUMENT_MB,
    uploadMaxMb: e.UPLOAD_MAX_MB,
    indexPollMs: e.INDEX_POLL_MS,
  };
}
