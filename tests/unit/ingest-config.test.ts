import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';
import { loadIngestConfig } from '../../server/shared/config/ingest-config.js';

describe('the ingest config slice', () => {
  const env = { CORPUS_DIR: 'docs', INDEX_DIR: '/tmp/idx', EMBEDDINGS: 'openai', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_EMBEDDING_MODEL: 'e5' };

  it('reads what ingest needs and is what the server config holds for the same variables', () => {
    const ingest = loadIngestConfig(env);
    expect(ingest).toEqual({
      corpusDir: 'docs',
      indexDir: '/tmp/idx',
      embeddings: { provider: 'openai', dimensions: 256, openAiModel: 'e5' },
      openai: { apiKey: undefined, baseURL: 'http://127.0.0.1:9/v1', embeddingModel: 'e5', timeoutMs: 30_000, maxRetries: 2 },
      maxDocumentMb: 20,
    });
    const server = loadConfig(env);
    expect({ corpusDir: server.corpusDir, indexDir: server.indexDir, embeddings: server.embeddings, maxDocumentMb: server.maxDocumentMb }).toEqual({
      corpusDir: ingest.corpusDir,
      indexDir: ingest.indexDir,
      embeddings: ingest.embeddings,
      maxDocumentMb: ingest.maxDocumentMb,
    });
    expect(server.openai).toEqual({ ...ingest.openai, model: 'gpt-4o-mini' });
  });

  it('ignores server-only settings: a half-configured Slack bot stops the server, not an ingest', () => {
    const halfSlack = { ...env, SLACK_SIGNING_SECRET: 'secret' };
    expect(() => loadConfig(halfSlack)).toThrow(/SLACK_BOT_TOKEN/);
    expect(loadIngestConfig(halfSlack).corpusDir).toBe('docs');
  });

  it('refuses EMBEDDINGS=openai without a key or base URL, and a bad number, naming the variable', () => {
    expect(() => loadIngestConfig({ EMBEDDINGS: 'openai' })).toThrow(ConfigError);
    expect(() => loadIngestConfig({ EMBEDDINGS: 'openai' })).toThrow(/OPENAI_API_KEY.*EMBEDDINGS=openai needs/);
    expect(() => loadIngestConfig({ EMBEDDING_DIMENSIONS: '8' })).toThrow(/EMBEDDING_DIMENSIONS="8"/);
  });
});
