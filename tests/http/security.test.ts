import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../server/core/services.js';
import { createReloader } from '../../server/lifecycle/reload.js';
import { AppError } from '../../server/shared/errors.js';
import { CSP_DIRECTIVES } from '../../server/http/middleware/security-headers.js';
import { loadConfig } from '../../server/config.js';
import { corpusDocument, fakeServices, scriptedAnswerService, splitIntoDeltas } from '../helpers/fake-services.js';
import { CANNED, expectErrorShape, hardenedApp, listen, rawRequest } from '../helpers/hardening.js';

const doc = corpusDocument();
const PACKAGE_JSON = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');

describe('security headers', () => {
  const { app } = hardenedApp();

  it.each(['/', '/index.html', '/api/health', '/api/nope', '/js/app.js'])('%s: strict CSP, helmet headers, no X-Powered-By', async (path) => {
    const res = await request(app).get(path);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('CSP directives are exactly the documented ones', () => {
    expect(CSP_DIRECTIVES.scriptSrc).toEqual(["'self'"]);
    expect(CSP_DIRECTIVES.styleSrc).toEqual(["'self'"]);
    expect(CSP_DIRECTIVES.frameAncestors).toEqual(["'none'"]);
  });

  it('the chat page needs no inline script, inline style or inline event handler (so the CSP does not break it)', async () => {
    const html = (await request(app).get('/')).text;
    expect(html).toContain('<script');
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\bsrc=/);
    expect(html).not.toMatch(/<script\b[^>]*>[^<\s]/);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });
});

describe('request ids and logging', () => {
  it('generates a request id, echoes it in X-Request-Id and logs it', async () => {
    const { app, log } = hardenedApp();
    const res = await request(app).get('/api/health');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const line = log.lines.find((l) => l.msg === 'request completed');
    expect((line?.req as { id: string }).id).toBe(res.headers['x-request-id']);
  });

  it('accepts a sane incoming X-Request-Id and replaces an unsafe one', async () => {
    const { app } = hardenedApp();
    expect((await request(app).get('/api/health').set('X-Request-Id', 'abc-123.DEF:9')).headers['x-request-id']).toBe('abc-123.DEF:9');
    for (const bad of ['has space', 'x'.repeat(129), '<script>', 'a"b', 'é']) {
      const echoed = (await request(app).get('/api/health').set('X-Request-Id', bad)).headers['x-request-id'];
      expect(echoed).not.toBe(bad);
      expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('errors carry the request id too', async () => {
    const { app } = hardenedApp();
    const res = await request(app).post('/api/ask').set('X-Request-Id', 'err-1').send({ question: '' });
    expectErrorShape(res, 400);
    expect(res.headers['x-request-id']).toBe('err-1');
  });

  it('logs neither questions (at info) nor API keys, query strings or bodies', async () => {
    const { app, log } = hardenedApp({ env: { API_KEYS: 'super-secret-key' } });
    await request(app).post('/api/ask?token=query-secret').set('Authorization', 'Bearer super-secret-key').send({ question: '私密问题ABC' });
    await request(app).post('/api/ask').set('Authorization', 'Bearer wrong-secret-key').send({ question: '私密问题ABC' });
    const all = log.raw.join('\n');
    expect(all).toContain('request completed');
    expect(all).not.toContain('私密问题ABC');
    expect(all).not.toContain('secret-key');
    expect(all).not.toContain('query-secret');
  });

  it('logs the question at debug level', async () => {
    const { app, log } = hardenedApp({ logLevel: 'debug' });
    await request(app).post('/api/ask').send({ question: '私密问题ABC' });
    const line = log.lines.find((l) => l.msg === 'question');
    expect(line).toMatchObject({ level: 20, question: '私密问题ABC' });
  });
});

describe('CORS', () => {
  it('is off by default: no Access-Control-* header for any origin, preflight not answered', async () => {
    const { app } = hardenedApp();
    const res = await request(app).get('/api/health').set('Origin', 'https://evil.example');
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const pre = await request(app).options('/api/ask').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('with CORS_ORIGINS: listed origins only, preflight answered before API-key checks', async () => {
    const { app } = hardenedApp({ env: { CORS_ORIGINS: 'https://a.example, https://b.example', API_KEYS: 'k' } });
    const ok = await request(app).get('/api/health').set('Origin', 'https://b.example');
    expect(ok.headers['access-control-allow-origin']).toBe('https://b.example');
    expect(ok.headers.vary).toMatch(/Origin/);
    expect(ok.headers['access-control-expose-headers']).toContain('X-Request-Id');
    const other = await request(app).get('/api/health').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await request(app).options('/api/ask').set('Origin', 'https://a.example').set('Access-Control-Request-Method', 'POST');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('https://a.example');
    expect(pre.headers['access-control-allow-headers']).toContain('Authorization');
    expect(pre.headers['access-control-allow-methods']).toContain('POST');
    const denied = await request(app).options('/api/ask').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('CORS_ORIGINS=* allows any origin', async () => {
    const { app } = hardenedApp({ env: { CORS_ORIGINS: '*' } });
    expect((await request(app).get('/api/health').set('Origin', 'https://x.example')).headers['access-control-allow-origin']).toBe('*');
  });
});

describe('rate limiting', () => {
  it('answers 429 rate_limited with Retry-After once a client goes over RATE_LIMIT_PER_MINUTE', async () => {
    const { app } = hardenedApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
    for (let i = 0; i < 3; i++) expect((await request(app).post('/api/ask').send({ question: 'q' })).status).toBe(200);
    const res = await request(app).post('/api/ask').send({ question: 'q' });
    expectErrorShape(res, 429);
    expect(res.body.error.code).toBe('rate_limited');
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.headers['ratelimit-policy']).toContain('3');
    expect(res.headers['x-request-id']).toBeTruthy();
    // The budget is per client and covers every API route, including /v1 (in the OpenAI error shape there)…
    expectErrorShape(await request(app).get('/api/documents/x'), 429);
    const v1 = await request(app).get('/v1/models');
    expect(v1.status).toBe(429);
    expect(v1.body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limited' });
    // …but never health checks or the chat page.
    for (let i = 0; i < 10; i++) expect((await request(app).get('/api/health')).status).toBe(200);
    expect((await request(app).get('/')).status).toBe(200);
  });

  it('RATE_LIMIT_PER_MINUTE=0 disables it', async () => {
    const { app } = hardenedApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
    for (let i = 0; i < 150; i++) expect((await request(app).get('/api/documents/x')).status).toBe(404);
  });

  it('the default is 120 per minute', () => {
    expect(loadConfig({}).rateLimitPerMinute).toBe(120);
  });
});

describe('API keys', () => {
  const { app } = hardenedApp({ env: { API_KEYS: 'key-one, key-two' } });

  it.each([
    ['no Authorization header', undefined, 'needs an API key'],
    ['a wrong key', 'Bearer key-three', 'not valid'],
    ['a prefix of a key', 'Bearer key-on', 'not valid'],
    ['a key plus a suffix', 'Bearer key-one2', 'not valid'],
    ['Basic auth', `Basic ${Buffer.from('u:key-one').toString('base64')}`, 'needs an API key'],
    ['a bare key', 'key-one', 'needs an API key'],
    ['an empty bearer', 'Bearer ', 'needs an API key'],
  ])('%s → 401 unauthorized with WWW-Authenticate', async (_name, auth, message) => {
    const req = request(app).post('/api/ask');
    if (auth) req.set('Authorization', auth);
    const res = await req.send({ question: 'q' });
    expectErrorShape(res, 401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(res.body.error.message).toContain(message);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('accepts every configured key (Bearer, case-insensitive scheme) on /api and /v1', async () => {
    expect((await request(app).post('/api/ask').set('Authorization', 'Bearer key-one').send({ question: 'q' })).status).toBe(200);
    expect((await request(app).post('/api/ask').set('Authorization', 'bearer key-two').send({ question: 'q' })).status).toBe(200);
    expect((await request(app).get(`/api/documents/${doc.docId}`).set('Authorization', 'Bearer key-two')).status).toBe(200);
    const stream = await request(app).post('/api/ask/stream').set('Authorization', 'Bearer key-one').send({ question: 'q' });
    expect(stream.status).toBe(200);
    expect((await request(app).get('/v1/models').set('Authorization', 'Bearer key-one')).status).toBe(200);
  });

  it('protects /api/ask/stream, /api/documents and /v1 (OpenAI error shape there)', async () => {
    expectErrorShape(await request(app).post('/api/ask/stream').send({ question: 'q' }), 401);
    expectErrorShape(await request(app).get(`/api/documents/${doc.docId}`), 401);
    const v1 = await request(app).get('/v1/models');
    expect(v1.status).toBe(401);
    expect(v1.body.error).toMatchObject({ type: 'authentication_error', code: 'unauthorized' });
  });

  it('leaves /api/health and the chat page open', async () => {
    expect((await request(app).get('/api/health')).status).toBe(200);
    expect((await request(app).get('/')).status).toBe(200);
    expect((await request(app).get('/js/app.js')).status).toBe(200);
  });

  it('no path variant reaches an API route without a key', async () => {
    const srv = await listen(app);
    try {
      const variants = ['/API/ask', '/Api/Ask', '/api//ask', '/api/./ask', '/api/ask/', '/api/ask?x=1', '/v1/../api/ask', '/%61pi/ask', '/api%2fask', '/api/ask%2f', '/api;/ask', '//api/ask', '/api/ask/stream/', '/V1/chat/completions', '/api/health/../ask', '/api/HEALTH/../ask', '/api/admin/reload'];
      for (const path of variants) {
        const res = await rawRequest(srv.port, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":"沐曦股份的估值是多少?","model":"m","messages":[{"role":"user","content":"q"}]}' });
        expect([401, 404], `${path} → ${res.status}`).toContain(res.status);
      }
      for (const path of ['/api/health', '/api/health/', '/API/HEALTH']) {
        expect((await rawRequest(srv.port, path)).status, path).toBe(200);
      }
      expect((await rawRequest(srv.port, '/api/health', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    } finally {
      await srv.close();
    }
  });

  it('without API_KEYS everything is open', async () => {
    const open = hardenedApp().app;
    expect((await request(open).post('/api/ask').send({ question: 'q' })).status).toBe(200);
    expect((await request(open).get('/v1/models')).status).toBe(200);
  });
});

describe('POST /api/admin/reload', () => {
  const newDoc = { docId: 'fresh-doc', source: 'fresh-doc.txt', title: 'Fresh', text: '新的文档。' };

  it('does not exist without API keys', async () => {
    const { app } = hardenedApp({
      reloadWith: (holder, logger) => createReloader({ config: loadConfig({}), holder, logger, build: async () => fakeServices(scriptedAnswerService(() => ({ deltas: [], result: CANNED })), [newDoc]) }),
    });
    expectErrorShape(await request(app).post('/api/admin/reload').send({}), 404);
    expect((await request(app).get('/api/documents/fresh-doc')).status).toBe(404);
  });

  it('with API keys: needs a key, swaps the index in, and keeps the old one when the new one is broken', async () => {
    let next: () => Promise<Services> = async () => fakeServices(scriptedAnswerService(() => ({ deltas: [], result: CANNED })), [newDoc]);
    const { app } = hardenedApp({
      env: { API_KEYS: 'admin-key' },
      reloadWith: (holder, logger) => createReloader({ config: loadConfig({}), holder, logger, build: () => next() }),
    });
    const auth = { Authorization: 'Bearer admin-key' };

    expectErrorShape(await request(app).post('/api/admin/reload'), 401);
    expect((await request(app).get('/api/documents/fresh-doc').set(auth)).status).toBe(404);

    const ok = await request(app).post('/api/admin/reload').set(auth);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'reloaded', documents: 1 });
    expect((await request(app).get('/api/documents/fresh-doc').set(auth)).body.text).toBe('新的文档。');

    next = async () => {
      throw new AppError('index_unavailable', 'Index file /tmp/x/documents.json does not match its checksum (corrupted?). Rebuild it with `npm run ingest`.', 503);
    };
    const bad = await request(app).post('/api/admin/reload').set(auth);
    expect(bad.status).toBe(503);
    expect(bad.body.error.code).toBe('index_unavailable');
    expect(bad.body.error.message).toContain('still serving the previous index');
    expect(bad.body.error.message).toContain('documents.json');
    expect((await request(app).get('/api/documents/fresh-doc').set(auth)).status).toBe(200);
  });
});

describe('request timeouts', () => {
  const slow = () => ({ deltas: splitIntoDeltas(CANNED.answer, 4), result: CANNED, delayMs: 120 });

  it('a reply that does not start within REQUEST_TIMEOUT_MS is a 503 timeout, and the late reply is dropped quietly', async () => {
    const { app, log } = hardenedApp({ env: { REQUEST_TIMEOUT_MS: '150' }, reply: slow });
    const res = await request(app).post('/api/ask').send({ question: 'q' });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('timeout');
    await new Promise((r) => setTimeout(r, 700)); // the handler finishes late
    // Only the access-log line of the 503 itself: no "headers already sent" failure from the late reply.
    expect(log.lines.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual(['request errored']);
    expect((await request(app).get('/api/health')).status).toBe(200);
  });

  it('under /v1 the timeout comes in the OpenAI error shape', async () => {
    const { app } = hardenedApp({ env: { REQUEST_TIMEOUT_MS: '150' }, reply: slow });
    const res = await request(app).post('/v1/chat/completions').send({ model: 'corpus-qa', messages: [{ role: 'user', content: '沐曦股份的估值是多少?' }] });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'timeout', type: 'server_error' });
    expect(typeof res.body.error.message).toBe('string');
  });

  it('SSE streams are exempt once they have started', async () => {
    const { app } = hardenedApp({ env: { REQUEST_TIMEOUT_MS: '150' }, reply: slow });
    const res = await request(app).post('/api/ask/stream').send({ question: 'q' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('event: done');
  });
});

describe('path traversal: /api/documents/:docId only serves indexed documents, from memory', () => {
  const memoryOnly = { docId: 'memory-only', source: 'nowhere.txt', title: 'M', text: '只在内存里。' };
  let srv: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    srv = await listen(hardenedApp({ docs: [doc, memoryOnly], env: { RATE_LIMIT_PER_MINUTE: '0' } }).app);
  });
  afterAll(() => srv.close());

  it('serves an indexed document, whose text comes from the loaded index and not from disk', async () => {
    const res = await rawRequest(srv.port, '/api/documents/memory-only');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ docId: 'memory-only', text: '只在内存里。' });
    expect(JSON.parse((await rawRequest(srv.port, `/api/documents/${doc.docId}`)).body).text).toBe(doc.text);
  });

  const ATTACKS = [
    '../package.json',
    '../../package.json',
    '..%2fpackage.json',
    '..%2F..%2Fpackage.json',
    '%2e%2e%2fpackage.json',
    '%2e%2e/%2e%2e/package.json',
    '%2E%2E%2F%2E%2E%2Fpackage.json',
    '%252e%252e%252fpackage.json',
    '%252e%252e%252f%252e%252e%252fpackage.json',
    '..%252fpackage.json',
    '..\\..\\package.json',
    '..%5c..%5cpackage.json',
    '%5c..%5cpackage.json',
    '/etc/passwd',
    '%2fetc%2fpasswd',
    '%2F..%2F..%2Fpackage.json',
    'C:%5cWindows%5cwin.ini',
    'file:%2f%2f%2fetc%2fpasswd',
    `${doc.docId}%00`,
    `${doc.docId}%00.txt`,
    '%00',
    '..%00/package.json',
    `${doc.docId}.txt`,
    `..%2fcorpus%2f${doc.docId}.txt`,
    `${doc.docId}/..%2f..%2fpackage.json`,
    `${doc.docId}/../../package.json`,
    '.',
    '..',
    '%2e',
    '%2e%2e',
    '~%2f.ssh%2fid_rsa',
    'memory-only%2f..%2f..%2fpackage.json',
    '__proto__',
    'constructor',
    'hasOwnProperty',
  ];

  it.each(ATTACKS)('/api/documents/%s → 404 JSON, nothing leaked', async (attack) => {
    const res = await rawRequest(srv.port, `/api/documents/${attack}`);
    expect(res.status).toBe(404);
    expectErrorShape({ status: res.status, headers: res.headers, body: res.body }, 404);
    expect(res.body).not.toContain('corpus-qa-assistant');
    expect(res.body).not.toContain('root:');
    expect(res.body.length).toBeLessThan(1000);
  });

  it.each(['%c0%ae%c0%ae%2fpackage.json', '%', '%zz', '%E0%A4%A'])('undecodable /api/documents/%s → 400 JSON', async (attack) => {
    const res = await rawRequest(srv.port, `/api/documents/${attack}`);
    expectErrorShape({ status: res.status, headers: res.headers, body: res.body }, 400);
  });

  it.each([
    '/../package.json',
    '/../../../../etc/passwd',
    '/%2e%2e/package.json',
    '/%2e%2e%2fpackage.json',
    '/..%2fpackage.json',
    '/js/..%2f..%2fhttp%2fapp.ts',
    '/js/..%2f..%2f..%2fpackage.json',
    '/%252e%252e/package.json',
    '/..%5cpackage.json',
    '/..\\package.json',
    '/index.html%00',
    '/%00',
    '//etc/passwd',
    '/public/../http/app.ts',
    '/http/app.ts',
    '/main.ts',
    '/config.ts',
  ])('static files: %s → 4xx JSON, no source or system file served', async (path) => {
    const res = await rawRequest(srv.port, path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expectErrorShape({ status: res.status, headers: res.headers, body: res.body });
    expect(res.body).not.toContain(PACKAGE_JSON.slice(0, 40));
    expect(res.body).not.toContain('import ');
    expect(res.body).not.toContain('root:');
  });
});
