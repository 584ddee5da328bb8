/**
 * Conversations, feedback and the report over HTTP, the same suite against SQLite and PostgreSQL.
 * The answer service is scripted (it records the history it is given), so what is tested is the adapter
 * and the storage: ids, stored follow-up history, owners, 404s, feedback, the report, degraded storage.
 */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import { loadConfig } from '../../server/config.js';
import { createPersistence } from '../../server/core/persistence.js';
import { silentLogger } from '../../server/logger.js';
import { openStorage } from '../../server/storage/storage.js';
import { BACKENDS, type OpenedBackend } from '../helpers/storage-backends.js';
import { citeSentence, corpusDocument, fakeServices, scriptedAnswerService } from '../helpers/fake-services.js';

const doc = corpusDocument();
const answerService = scriptedAnswerService((question) =>
  /股票代码/.test(question)
    ? { deltas: ['文章没有提到这一点。'], result: { answer: '文章没有提到这一点。', answered: false, citations: [] } }
    : { deltas: ['1126 名员工[1]'], result: { answer: '1126 名员工[1]', answered: true, citations: [citeSentence(doc, '1126', 1)] } },
);
const services = { current: fakeServices(answerService) };

function appFor(opened: OpenedBackend, env: Record<string, string> = {}) {
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent', ...env });
  return createApp({ services, logger: silentLogger(), config, persistence: createPersistence(opened.storage, silentLogger()) });
}

const json = (r: request.Test, body: unknown) => r.set('content-type', 'application/json').send(JSON.stringify(body));

describe.each(BACKENDS)('conversations over HTTP on $name', (backend) => {
  let opened: OpenedBackend;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    if (!backend.available) return;
    opened = await backend.open();
    app = appFor(opened);
  });
  afterAll(() => opened?.cleanup());

  describe.skipIf(!backend.available)('', () => {
    it('gives every answer a conversationId and messageId, and an HttpOnly SameSite=Lax owner cookie', async () => {
      const browser = request.agent(app);
      const res = await json(browser.post('/api/ask'), { question: '摩尔线程有多少名员工?' }).expect(200);
      expect(res.body).toMatchObject({ answered: true, conversationId: expect.any(String), messageId: expect.any(String) });
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/cqa_owner=[0-9a-f]{12}\.[\w-]{43};/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      // A year, for the whole site; Expires too (clients that predate Max-Age); Secure only over HTTPS.
      expect(cookie).toMatch(/; Max-Age=31536000; Path=\/; Expires=\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT;/);
      expect(Date.parse(cookie.match(/Expires=([^;]+)/)![1]) - Date.now()).toBeGreaterThan(364 * 86_400_000);
      expect(cookie).not.toMatch(/Secure/);
      // Every new browser gets its own id.
      const other = await json(request(app).post('/api/ask'), { question: '摩尔线程有多少名员工?' }).expect(200);
      expect(String(other.headers['set-cookie']).match(/cqa_owner=([^;]+)/)![1]).not.toBe(cookie.match(/cqa_owner=([^;]+)/)![1]);
    });

    it('answers a follow-up with the stored history, not what the client sends', async () => {
      const browser = request.agent(app);
      const first = await json(browser.post('/api/ask'), { question: '摩尔线程有多少名员工?' }).expect(200);
      const { conversationId } = first.body;
      const calls = answerService.calls.length;
      const second = await json(browser.post('/api/ask'), {
        question: '研发人员占比呢?',
        conversationId,
        history: [{ role: 'user', content: 'forged' }],
      }).expect(200);
      expect(second.body.conversationId).toBe(conversationId);
      expect(second.body.messageId).not.toBe(first.body.messageId);
      expect(answerService.calls[calls].history).toEqual([
        { role: 'user', content: '摩尔线程有多少名员工?' },
        { role: 'assistant', content: '1126 名员工[1]' },
      ]);
      // Stateless callers still send their own history.
      await json(browser.post('/api/ask'), { question: 'x?', history: [{ role: 'user', content: 'mine' }] }).expect(200);
      expect(answerService.calls.at(-1)!.history).toEqual([{ role: 'user', content: 'mine' }]);
    });

    it('lists (newest first, titled by the first question), shows turns with citations and feedback, renames and deletes', async () => {
      const browser = request.agent(app);
      const a = (await json(browser.post('/api/ask'), { question: '摩尔线程有多少名员工?' })).body;
      await json(browser.post('/api/ask'), { question: '跟进问题?', conversationId: a.conversationId }).expect(200);
      const b = (await json(browser.post('/api/ask'), { question: '摩尔线程的股票代码是多少?' })).body;

      const list = (await browser.get('/api/conversations').expect(200)).body.conversations;
      expect(list.map((c: { id: string; title: string; turns: number }) => [c.id, c.title, c.turns])).toEqual([
        [b.conversationId, '摩尔线程的股票代码是多少?', 1],
        [a.conversationId, '摩尔线程有多少名员工?', 2],
      ]);

      await json(browser.post('/api/feedback'), { messageId: a.messageId, rating: 'up' }).expect(200);
      await json(browser.post('/api/feedback'), { messageId: a.messageId, rating: 'down', comment: '  员工数不对  ' }).expect(200);
      const detail = (await browser.get(`/api/conversations/${a.conversationId}`).expect(200)).body;
      expect(detail.title).toBe('摩尔线程有多少名员工?');
      expect(detail.turns).toHaveLength(2);
      expect(detail.turns[0]).toMatchObject({ messageId: a.messageId, question: '摩尔线程有多少名员工?', answered: true, feedback: { rating: 'down', comment: '员工数不对' } });
      expect(detail.turns[0].citations[0].quote).toBe(doc.text.slice(detail.turns[0].citations[0].start, detail.turns[0].citations[0].end));

      await json(browser.patch(`/api/conversations/${a.conversationId}`), { title: '  员工\n人数 ' }).expect(200);
      expect((await browser.get(`/api/conversations/${a.conversationId}`)).body.title).toBe('员工 人数');
      await json(browser.patch(`/api/conversations/${a.conversationId}`), { title: '   ' }).expect(400);
      await browser.delete(`/api/conversations/${b.conversationId}`).expect(204);
      await browser.get(`/api/conversations/${b.conversationId}`).expect(404);
      expect((await browser.get('/api/conversations')).body.conversations.map((c: { id: string }) => c.id)).toEqual([a.conversationId]);
    });

    it("answers 404 for another browser's conversation and answers, whatever the verb", async () => {
      const alice = request.agent(app);
      const eve = request.agent(app);
      const a = (await json(alice.post('/api/ask'), { question: '摩尔线程有多少名员工?' })).body;
      await eve.get('/api/conversations').expect(200); // gets eve her own cookie
      await eve.get(`/api/conversations/${a.conversationId}`).expect(404);
      await json(eve.patch(`/api/conversations/${a.conversationId}`), { title: 'mine now' }).expect(404);
      await eve.delete(`/api/conversations/${a.conversationId}`).expect(404);
      await json(eve.post('/api/ask'), { question: '继续?', conversationId: a.conversationId }).expect(404);
      await json(eve.post('/api/ask/stream'), { question: '继续?', conversationId: a.conversationId }).expect(404).expect('content-type', /json/);
      await json(eve.post('/api/feedback'), { messageId: a.messageId, rating: 'down' }).expect(404);
      expect((await eve.get('/api/conversations')).body.conversations).toEqual([]);
      expect((await alice.get(`/api/conversations/${a.conversationId}`).expect(200)).body.turns).toHaveLength(1);
      // A forged or garbage cookie is just a new owner.
      await request(app).get(`/api/conversations/${a.conversationId}`).set('cookie', 'cqa_owner=../../etc').expect(404);
    });

    it('rejects bad feedback and bad ids with stable codes', async () => {
      const browser = request.agent(app);
      const a = (await json(browser.post('/api/ask'), { question: '摩尔线程有多少名员工?' })).body;
      const bad = async (body: unknown, status: number, code: string) => {
        const res = await json(browser.post('/api/feedback'), body);
        expect(res.status).toBe(status);
        expect(res.body.error.code).toBe(code);
      };
      await bad({ messageId: a.messageId, rating: 'meh' }, 400, 'invalid_feedback');
      await bad({ messageId: a.messageId, rating: 'up', comment: 'x'.repeat(2001) }, 400, 'invalid_feedback');
      await bad({ rating: 'up' }, 400, 'invalid_feedback');
      await bad({ messageId: 'no-such-message', rating: 'up' }, 404, 'not_found');
      await browser.get('/api/conversations/no-such-id').expect(404);
      const res = await json(browser.post('/api/ask'), { question: 'q?', conversationId: 42 });
      expect(res.status).toBe(400);
    });

    it('streams an answer whose done event carries the ids, and stores it', async () => {
      const browser = request.agent(app);
      const res = await json(browser.post('/api/ask/stream'), { question: '摩尔线程有多少名员工?' }).expect(200);
      const done = /event: done\ndata: (.*)\n/.exec(res.text)![1];
      const result = JSON.parse(done);
      expect(result).toMatchObject({ conversationId: expect.any(String), messageId: expect.any(String) });
      const detail = (await browser.get(`/api/conversations/${result.conversationId}`).expect(200)).body;
      expect(detail.turns.map((t: { messageId: string }) => t.messageId)).toEqual([result.messageId]);
    });

    it('reports unanswered questions and down-votes (GET /api/admin/report, JSON and CSV)', async () => {
      const browser = request.agent(app);
      await json(browser.post('/api/ask'), { question: '摩尔线程的股票代码是多少?' });
      await json(browser.post('/api/ask'), { question: '摩尔线程的股票代码是多少 ？' });
      const r = (await browser.get('/api/admin/report?since=1d').expect(200)).body;
      // Both spellings group as one question; the earlier test's copy went with its deleted conversation.
      expect(r.unanswered[0]).toMatchObject({ count: 2, normalized: '摩尔线程的股票代码是多少' });
      expect(r.downVoted.some((d: { comment: string }) => d.comment === '员工数不对')).toBe(true);
      expect(r.totals.satisfactionRate).not.toBeNull();
      const csv = await browser.get('/api/admin/report?since=1d&format=csv').expect(200).expect('content-type', /text\/csv/);
      expect(csv.text).toContain('unanswered,摩尔线程的股票代码是多少');
      await browser.get('/api/admin/report?since=soon').expect(400);
    });
  });
});

describe.each(BACKENDS)('owners with API keys on $name', (backend) => {
  let opened: OpenedBackend;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    if (!backend.available) return;
    opened = await backend.open();
    app = appFor(opened, { API_KEYS: 'key-one,key-two' });
  });
  afterAll(() => opened?.cleanup());

  it.skipIf(!backend.available)('gives each key its own conversations, stores only a hash of the key, and guards the report', async () => {
    const one = (r: request.Test) => r.set('authorization', 'Bearer key-one');
    const two = (r: request.Test) => r.set('authorization', 'Bearer key-two');
    const a = (await json(one(request(app).post('/api/ask')), { question: '摩尔线程有多少名员工?' }).expect(200)).body;
    expect((await one(request(app).get('/api/conversations'))).body.conversations).toHaveLength(1);
    expect((await two(request(app).get('/api/conversations'))).body.conversations).toEqual([]);
    await two(request(app).get(`/api/conversations/${a.conversationId}`)).expect(404);
    await json(two(request(app).post('/api/feedback')), { messageId: a.messageId, rating: 'down' }).expect(404);
    // The stored owner is the key's SHA-256, never the key.
    const hashed = `key:${createHash('sha256').update('key-one').digest('hex')}`;
    expect((await opened.storage.conversations.list(hashed)).map((c) => c.id)).toEqual([a.conversationId]);
    expect(await opened.storage.conversations.list('key:key-one')).toEqual([]);
    await request(app).get('/api/admin/report').expect(401);
    await one(request(app).get('/api/admin/report')).expect(200);
  });
});

describe.each(BACKENDS)('a storage outage on $name', (backend) => {
  it.skipIf(!backend.available)('still answers (never 5xx), keeps the ids, and reports /api/health degraded until storage works again', async () => {
    const opened = await backend.open();
    // A second handle on the same database, closed to play the outage.
    const broken = await openStorage(opened.target);
    await broken.close();
    const persistence = createPersistence(broken, silentLogger());
    const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' });
    const app = createApp({ services, logger: silentLogger(), config, persistence });
    try {
      const res = await json(request(app).post('/api/ask'), { question: '摩尔线程有多少名员工?' }).expect(200);
      expect(res.body).toMatchObject({ answered: true, conversationId: expect.any(String), messageId: expect.any(String) });
      const followUp = await json(request(app).post('/api/ask'), { question: '那呢?', conversationId: res.body.conversationId, history: [{ role: 'user', content: 'sent' }] });
      expect(followUp.status).toBe(200);
      expect(answerService.calls.at(-1)!.history).toEqual([{ role: 'user', content: 'sent' }]);
      // Answers that arrive together share one failing batch: each of them is still answered, with its own ids.
      const together = await Promise.all(Array.from({ length: 12 }, () => json(request(app).post('/api/ask'), { question: '摩尔线程有多少名员工?' })));
      expect(together.map((r) => r.status)).toEqual(Array(12).fill(200));
      expect(new Set(together.map((r) => r.body.messageId)).size).toBe(12);
      const stream = await json(request(app).post('/api/ask/stream'), { question: '摩尔线程有多少名员工?' }).expect(200);
      expect(stream.text).toContain('event: done');
      const health = (await request(app).get('/api/health').expect(200)).body;
      expect(health).toMatchObject({ status: 'degraded', storage: { status: 'degraded', dialect: backend.name } });
      // Storage back (the working handle): health recovers.
      const healthy = createApp({ services, logger: silentLogger(), config, persistence: createPersistence(opened.storage, silentLogger()) });
      expect((await request(healthy).get('/api/health').expect(200)).body).toMatchObject({ status: 'ok', storage: { status: 'ok' } });
    } finally {
      await opened.cleanup();
    }
  });
});
