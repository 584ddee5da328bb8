import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../ingest/ingest.js';
import { loadConfig } from '../../server/config.js';
import { buildServices } from '../../server/build-services.js';
import { createOpenAiEmbedder } from '../../server/shared/embeddings/openai-embedder.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';

const CORPUS = fileURLToPath(new URL('../../corpus', import.meta.url));

let fake: FakeOpenAiServer;
let dir: string;
beforeAll(async () => {
  fake = await startFakeOpenAiServer({ embeddingDimensions: 48 });
  dir = mkdtempSync(join(tmpdir(), 'openai-embeddings-'));
  cpSync(CORPUS, join(dir, 'corpus'), { recursive: true });
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.requests.length = 0;
});

const env = (extra: Record<string, string> = {}) => ({
  EMBEDDINGS: 'openai',
  OPENAI_BASE_URL: fake.baseURL,
  OPENAI_API_KEY: 'sk-test',
  OPENAI_EMBEDDING_MODEL: 'fake-embed',
  OPENAI_MAX_RETRIES: '0',
  CORPUS_DIR: join(dir, 'corpus'),
  INDEX_DIR: join(dir, 'index'),
  LOG_LEVEL: 'silent',
  ...extra,
});

describe('EMBEDDINGS=openai', () => {
  it('batches documents and sends model, input and key to /v1/embeddings', async () => {
    const embedder = createOpenAiEmbedder(loadConfig(env()), { batchSize: 8 });
    const texts = Array.from({ length: 20 }, (_, i) => `第 ${i} 句`);
    const vectors = await embedder.embedChunks(texts, []);
    expect(vectors).toHaveLength(20);
    expect(vectors[0]).toHaveLength(48);
    const reqs = fake.embeddingRequests();
    expect(reqs.map((r) => r.body.input.length)).toEqual([8, 8, 4]);
    expect(reqs[0].body.model).toBe('fake-embed');
    // Floats, not the openai client's base64 default: many compatible servers only speak floats.
    expect(reqs[0].body.encoding_format).toBe('float');
    expect(reqs[0].headers.authorization).toBe('Bearer sk-test');
    expect(embedder.info.name).toBe('openai:fake-embed');
  });

  it('retries a 503 and fails fast on a 401 (as an upstream_error)', async () => {
    const embedder = createOpenAiEmbedder(loadConfig(env({ OPENAI_MAX_RETRIES: '1' })));
    fake.script({ status: 503 });
    expect(await embedder.embeddings.embedQuery('沐曦')).toHaveLength(48);
    expect(fake.embeddingRequests()).toHaveLength(2);

    fake.requests.length = 0;
    fake.script({ status: 401 });
    await expect(embedder.embeddings.embedQuery('沐曦')).rejects.toMatchObject({ code: 'upstream_error', status: 502 });
    expect(fake.embeddingRequests()).toHaveLength(1);
  });

  it('works end to end: ingest records openai:<model> and the dimension, the server queries through it', async () => {
    const config = loadConfig(env());
    const summary = await runIngest({ config, full: true });
    expect(summary.chunks).toBeGreaterThan(5);
    const ingestInputs = fake.embeddingRequests().flatMap((r) => r.body.input as string[]);
    expect(ingestInputs).toHaveLength(summary.chunks);

    const manifest = JSON.parse(readFileSync(join(config.indexDir, 'manifest.json'), 'utf8'));
    expect(manifest.embedder).toMatchObject({ name: 'openai:fake-embed', dimensions: 48 });

    fake.requests.length = 0;
    const services = await buildServices({ config });
    expect(services.embedderName).toBe('openai:fake-embed');
    const result = await services.answerService.answerQuestion('摩尔线程有多少名员工?');
    expect(fake.embeddingRequests().length).toBeGreaterThanOrEqual(1);
    expect(result.answered).toBe(true);
    expect(result.citations.some((c) => c.quote.includes('1126'))).toBe(true);
  });

  it('refuses to serve the index with a different embedder', async () => {
    const config = loadConfig(env({ OPENAI_EMBEDDING_MODEL: 'other-model' }));
    await expect(buildServices({ config })).rejects.toMatchObject({ code: 'embedder_mismatch' });
    await expect(buildServices({ config: loadConfig(env({ EMBEDDINGS: 'local' })) })).rejects.toMatchObject({
      code: 'embedder_mismatch',
    });
  });
});
