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

const EnvSchema = z
  .object({
    PORT: intFrom(3000, 0),
    HOST: z.string().trim().default('127.0.0.1'),
    CORPUS_DIR: z.string().trim().default('corpus'),
    INDEX_DIR: z.string().trim().default('data/index'),
    EMBEDDINGS: z.enum(['local', 'openai']).default('local'),
    EMBEDDING_DIMENSIONS: intFrom(256, 16),
    GENERATOR: z.enum(['extractive', 'openai']).default('extractive'),
    RETRIEVAL_TOP_K: intFrom(12, 1),
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
    REQUEST_TIMEOUT_MS: intFrom(60_000, 1),
    SHUTDOWN_GRACE_MS: intFrom(10_000, 0),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  requestTimeoutMs: number;
  shutdownGraceMs: number;
  logLevel: Env['LOG_LEVEL'];
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
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    logLevel: e.LOG_LEVEL,
  };
}
