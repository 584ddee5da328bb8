import { z } from 'zod';
import type { OpenAiConnection } from '../upstream/openai/connection.js';
import { intFrom, optionalString, parseEnvironment } from './env-parsing.js';

/**
 * The settings ingest needs — where the corpus and the index are, and which embedder writes the
 * vectors — and nothing of the server's (Slack, rate limits, ports). The server's config extends
 * this schema, so each variable is read and checked in one place.
 */
export const IngestEnvFields = {
  CORPUS_DIR: z.string().trim().default('corpus'),
  INDEX_DIR: z.string().trim().default('data/index'),
  EMBEDDINGS: z.enum(['local', 'openai']).default('local'),
  EMBEDDING_DIMENSIONS: intFrom(256, 16),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_EMBEDDING_MODEL: z.string().trim().default('text-embedding-3-small'),
  OPENAI_TIMEOUT_MS: intFrom(30_000, 1),
  OPENAI_MAX_RETRIES: intFrom(2, 0),
  MAX_DOCUMENT_MB: intFrom(20, 1),
};

type IngestEnv = z.infer<z.ZodObject<typeof IngestEnvFields>>;

export interface IngestConfig {
  corpusDir: string;
  indexDir: string;
  embeddings: { provider: 'local' | 'openai'; dimensions: number; openAiModel: string };
  openai: OpenAiConnection & { embeddingModel: string };
  /** Corpus files larger than this are skipped by the ingest, with a warning. */
  maxDocumentMb: number;
}

/** An OpenAI-compatible service needs a key (api.openai.com) or a base URL (a local server). */
export function checkOpenAiAccess(env: Pick<IngestEnv, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL'>, ctx: z.RefinementCtx, needed: string): void {
  if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['OPENAI_API_KEY'],
      message: `${needed} needs OPENAI_API_KEY (for api.openai.com) or OPENAI_BASE_URL (for a compatible server such as Ollama or vLLM)`,
    });
  }
}

export function ingestConfigFrom(e: IngestEnv): IngestConfig {
  return {
    corpusDir: e.CORPUS_DIR,
    indexDir: e.INDEX_DIR,
    embeddings: { provider: e.EMBEDDINGS, dimensions: e.EMBEDDING_DIMENSIONS, openAiModel: e.OPENAI_EMBEDDING_MODEL },
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseURL: e.OPENAI_BASE_URL,
      embeddingModel: e.OPENAI_EMBEDDING_MODEL,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
      maxRetries: e.OPENAI_MAX_RETRIES,
    },
    maxDocumentMb: e.MAX_DOCUMENT_MB,
  };
}

const IngestEnvSchema = z.object(IngestEnvFields).superRefine((env, ctx) => {
  if (env.EMBEDDINGS === 'openai') checkOpenAiAccess(env, ctx, 'EMBEDDINGS=openai');
});

/** Parse an environment (normally process.env, passed in by an entry point). */
export function loadIngestConfig(env: Record<string, string | undefined>): IngestConfig {
  return ingestConfigFrom(parseEnvironment(IngestEnvSchema, env));
}
