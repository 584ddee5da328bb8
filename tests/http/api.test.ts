import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import { loadConfig } from '../../server/config.js';
import type { ServicesHolder } from '../../server/core/services.js';
import { silentLogger } from '../../server/logger.js';
import { ARTICLE_ID, buildTestServices, type TestServices } from '../helpers/build-test-services.js';

let t: TestServices;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await buildTestServices();
  const config = loadConfig({ ...process.env, RATE_LIMIT_PER_MINUTE: '0', API_KEYS: '', CORS_ORIGINS: '' });
  app = createApp({ services: { current: t.services }, logger: silentLogger(), config });
});
afterAll(() => t.cleanup());

const ask = (body: unknown) => request(app).post('/api/ask').set('content-type', 'application/json').send(JSON.stringify(body));

describe('POST /api/ask', () => {
  it('answers a fact with an exact sentence citation', async () => {
    const res = await ask({ question: '摩尔线程有多少名员工?' }).expect(200);
    expect(res.body.answered).toBe(true);
    expect(res.body.answer).toContain('1126');
    expect(res.body.answer).toMatch(/\[1\]/);
    const [c] = res.body.citations;
    expect(c).toMatchObject({ n: 1, docId: ARTICLE_ID, source: `${ARTICLE_ID}.txt` });
    expect(c.quote).toContain('1126');
    const doc = (await request(app).get(`/api/documents/${ARTICLE_ID}`).expect(200)).body;
    expect(doc.text.slice(c.start, c.end)).toBe(c.quote);
    // A sentence, not a chunk: no line break, ends on a terminator.
    expect(c.quote).not.toContain('\n');
    expect(c.quote).toMatch(/[。!?;]$/);
  });

  it('backs every marker with a citation', async () => {
    for (const question of ['沐曦股份的估值是多少?', '寒武纪2024年前五大客户的销售额占比是多少?', '谁强调了定力和韧性的重要性?']) {
      const res = await ask({ question }).expect(200);
      const markers = [...res.body.answer.matchAll(/\[(\d+)\]/g)].map((m: RegExpMatchArray) => Number(m[1]));
      expect(markers.length).toBeGreaterThan(0);
      for (const n of markers) expect(res.body.citations.map((c: { n: number }) => c.n)).toContain(n);
    }
  });

  it('says plainly when the article does not contain the answer', async () => {
    const res = await ask({ question: '摩尔线程的股票代码是多少?' }).expect(200);
    expect(res.body).toMatchObject({ answer: '文档中没有提到这一点。', answered: false });
    // Never empty-handed: up to three closest passages, marked as such, with exact offsets.
    expect(res.body.citations.length).toBeGreaterThan(0);
    expect(res.body.citations.length).toBeLessThanOrEqual(3);
    const doc = (await request(app).get(`/api/documents/${ARTICLE_ID}`).expect(200)).body;
    for (const c of res.body.citations) {
      expect(c.kind).toBe('passage');
      expect(doc.text.slice(c.start, c.end)).toBe(c.quote);
    }
  });

  it('resolves a follow-up from history', async () => {
    const res = await ask({
      question: '那沐曦呢?',
      history: [
        { role: 'user', content: '摩尔线程三年累计亏损多少?' },
        { role: 'assistant', content: '摩尔线程 2022 年至 2024 年累计亏损约 50 亿元。' },
      ],
    }).expect(200);
    expect(res.body.answered).toBe(true);
    expect(res.body.answer).toContain('32.90');
  });
});

describe('errors', () => {
  const expectError = (res: request.Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  };

  it.each([
    ['missing question', {}],
    ['empty question', { question: '' }],
    ['whitespace question', { question: '  \n\t ' }],
    ['non-string question', { question: 42 }],
    ['question over 2,000 characters', { question: '问'.repeat(2001) }],
  ])('400 for %s', async (_name, body) => {
    expectError(await ask(body), 400, 'invalid_question');
  });

  it.each([
    ['not an array', { question: '你好', history: 'nope' }],
    ['bad role', { question: '你好', history: [{ role: 'system', content: 'x' }] }],
    ['missing content', { question: '你好', history: [{ role: 'user' }] }],
    ['too many turns', { question: '你好', history: Array.from({ length: 21 }, () => ({ role: 'user', content: 'x' })) }],
  ])('400 for malformed history: %s', async (_name, body) => {
    expectError(await ask(body), 400, 'invalid_history');
  });

  it('400 for a body that is not an object', async () => {
    expectError(await ask(['question']), 400, 'bad_request');
  });

  it('400 for invalid JSON', async () => {
    expectError(await request(app).post('/api/ask').set('content-type', 'application/json').send('{"question":'), 400, 'bad_request');
  });

  it('413 for bodies over 64 KiB', async () => {
    expectError(await ask({ question: 'x', pad: 'y'.repeat(70 * 1024) }), 413, 'payload_too_large');
  });

  it('415 for non-JSON', async () => {
    expectError(await request(app).post('/api/ask').set('content-type', 'text/plain').send('question=hi'), 415, 'unsupported_media_type');
  });

  it('404 for documents that are not indexed', async () => {
    expectError(await request(app).get('/api/documents/nope'), 404, 'not_found');
  });

  it('503 naming npm run ingest when there is no index', async () => {
    const empty: ServicesHolder = { current: undefined };
    const bare = createApp({ services: empty, logger: silentLogger(), config: loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }) });
    const res = await request(bare).post('/api/ask').set('content-type', 'application/json').send({ question: '你好' });
    expectError(res, 503, 'index_unavailable');
    expect(res.body.error.message).toContain('npm run ingest');
  });
});

describe('GET /api/documents/:docId and /api/health', () => {
  it('serves the raw text with metadata', async () => {
    const res = await request(app).get(`/api/documents/${ARTICLE_ID}`).expect(200);
    expect(res.body).toMatchObject({ docId: ARTICLE_ID, source: `${ARTICLE_ID}.txt`, date: '2025-07-12' });
    expect(res.body.title).toContain('国产 GPU 厂商');
    expect(res.body.text).toContain('新闻资讯 News');
  });

  it('reports counts, embedder and generator', async () => {
    const res = await request(app).get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', documents: 1, embedder: 'local-lexical-v1', generator: 'extractive' });
    expect(res.body.chunks).toBeGreaterThan(10);
  });
});

describe('abandoned work', () => {
  it('aborts the answer work when the request timeout has already replied', async () => {
    let seen: AbortSignal | undefined;
    const slow = {
      answerQuestion: (_q: string, _h: unknown, opts?: { signal?: AbortSignal }) =>
        new Promise<never>((_resolve, reject) => {
          seen = opts?.signal;
          opts?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    };
    const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', REQUEST_TIMEOUT_MS: '200' });
    const timed = createApp({ services: { current: { ...t.services, answerService: slow } }, logger: silentLogger(), config });
    const res = await request(timed).post('/api/ask').set('content-type', 'application/json').send({ question: '你好' });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('timeout');
    expect(seen?.aborted).toBe(true);
  });
});
