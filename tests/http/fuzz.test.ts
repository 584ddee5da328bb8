import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestServices, type TestServices } from '../helpers/build-test-services.js';
import { corpusDocument } from '../helpers/fake-services.js';
import { hardenedApp, isErrorShape, listen } from '../helpers/hardening.js';

/**
 * Property-based fuzzing of the whole app (createApp, in-process, on a 127.0.0.1 listener): thousands of
 * random bodies, content types, headers, methods and paths. The promise under test: every answer is
 * 2xx or 4xx (never 5xx, never a dropped connection; the static page may also send 304, or 301 to a same-site path), every 4xx is in our error shape (OpenAI's under /v1),
 * and the server is healthy afterwards. FUZZ_RUNS scales the run counts (default 1).
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? '1');
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
let total = 0;

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

let retriedResets = 0;

/**
 * One request. With keep-alive, the server may close an idle pooled socket just as a new request is
 * written on it (e.g. after it answered early without reading a big body); Node documents that race and
 * the fix: retry once, on a fresh connection, when a *reused* socket is reset. A fresh socket is never retried.
 */
function send(port: number, method: string, path: string, headers: Record<string, string>, body?: string | Buffer, fresh = false): Promise<Res> {
  if (!fresh) total++;
  const payload = method === 'GET' || method === 'HEAD' ? undefined : body;
  // Node's client frames a DELETE/OPTIONS body with no length; say it, so every request is well-formed HTTP.
  const allHeaders = payload === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(payload)) };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: allHeaders, agent: fresh ? false : agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (!fresh && req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
        retriedResets++;
        send(port, method, path, headers, body, true).then(resolve, reject);
      } else reject(err);
    });
    req.end(payload);
  });
}

/** The invariant every response must satisfy. */
function check(res: Res, method: string, path: string): void {
  const where = `${method} ${path} → ${res.status} ${res.body.slice(0, 200)}`;
  const ok2xx = res.status >= 200 && res.status < 300;
  const ok4xx = res.status >= 400 && res.status < 500;
  // The static chat page may also answer conditional requests (304) and redirect a directory to its slash (301;
  // also reached by dot segments such as /api/documents/../..), but never to another site (open redirect).
  if (res.status === 304) return;
  if (res.status === 301) {
    const location = String(res.headers.location ?? '');
    if (!location.startsWith('/') || /^\/[\/\\]/.test(location)) throw new Error(`redirect off-site: ${where} → ${location}`);
    return;
  }
  if (!ok2xx && !ok4xx) throw new Error(`status outside 2xx/4xx: ${where}`);
  if (!res.headers['x-request-id']) throw new Error(`no X-Request-Id: ${where}`);
  if (ok4xx && method !== 'HEAD') {
    if (!String(res.headers['content-type']).startsWith('application/json')) throw new Error(`4xx not JSON: ${where}`);
    const body = JSON.parse(res.body) as { error?: { message?: unknown; type?: unknown } };
    const shaped = path.startsWith('/v1')
      ? typeof body.error?.message === 'string' && typeof body.error?.type === 'string'
      : isErrorShape(body);
    if (!shaped) throw new Error(`4xx not in the error shape: ${where}`);
  }
  if (ok2xx && method === 'POST' && path.split('?')[0] === '/api/ask/stream') {
    if (!/event: (done|error)\n/.test(res.body)) throw new Error(`stream without a final event: ${where}`);
  }
}

// ---------- generators ----------

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.tuple(fc.string({ maxLength: 10 }), loneSurrogate, fc.string({ maxLength: 10 })).map(([a, s, b]) => a + s + b),
  fc.constantFrom('', ' ', '\u3000\n\t', '沐曦股份的估值是多少?', 'x'.repeat(2000), 'x'.repeat(2001), '\u0000', '<script>alert(1)</script>', '${7*7}', '__proto__'),
);
const turn = fc.record({ role: fc.oneof(fc.constantFrom('user', 'assistant'), nastyString), content: fc.oneof(nastyString, fc.jsonValue({ maxDepth: 2 })) });
const history = fc.oneof(
  fc.array(turn, { maxLength: 25 }),
  fc.array(fc.record({ role: fc.constantFrom('user', 'assistant'), content: fc.constant('长'.repeat(900)) }), { minLength: 15, maxLength: 21 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const askBody = fc.oneof(
  { weight: 4, arbitrary: fc.record({ question: nastyString, history }, { requiredKeys: ['question'] }) },
  { weight: 2, arbitrary: fc.record({ question: fc.jsonValue({ maxDepth: 3 }), history: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }) },
);
const deepJson = fc.tuple(fc.integer({ min: 20, max: 20_000 }), fc.constantFrom('[', '{"a":')).map(([d, open]) =>
  open === '[' ? '['.repeat(d) + ']'.repeat(d) : `${open.repeat(d)}1${'}'.repeat(d)}`,
);
const rawBody = fc.oneof(
  askBody.map((b) => JSON.stringify(b)),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  deepJson,
  fc.integer({ min: 60_000, max: 80_000 }).map((n) => JSON.stringify({ question: 'a', pad: 'x'.repeat(n) })),
  fc.constantFrom('', '{', '{"question":', 'null', '[]', '{"question":"a"}garbage', '\uFEFF{"question":"a"}', '{"question":"\\ud800"}'),
);
const contentType = fc.oneof(
  { weight: 4, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/json; charset=nonsense',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/*',
      '*/*',
      '',
      'application/json;;;',
      'application/vnd.api+json',
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[\x20-\x7e]{0,40}$/) },
);
const headerValue = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,60}[\x21-\x7e])?$/);
const extraHeaders = fc.dictionary(
  fc.constantFrom('x-request-id', 'authorization', 'origin', 'accept', 'content-encoding', 'accept-encoding', 'x-forwarded-for', 'cookie', 'range', 'if-none-match', 'access-control-request-method'),
  fc.oneof(headerValue, fc.constantFrom('Bearer fuzz-key', 'Bearer ', 'gzip', 'deflate', 'br', 'identity', 'bytes=0-5', '*', 'text/event-stream', 'https://a.example')),
  { maxKeys: 4 },
);
const segment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._~-]{0,12}$/),
  fc.constantFrom('..', '.', '%2e%2e', '%2E%2e%2F', '%252e%252e', '..%2f', '..%5c', '%5c', '\\', '%00', '%', '%zz', '%c0%ae', '%E0%A4%A', '%ff', 'etc', 'passwd', 'package.json', '%2fetc%2fpasswd', corpusDocument().docId, '__proto__', 'constructor'),
  fc.string({ unit: 'grapheme', maxLength: 6 }).map(encodeURIComponent),
  fc.stringMatching(/^[\x21-\x7e]{0,8}$/).map((s) => s.replace(/[?#]/g, '')),
);
const prefix = fc.constantFrom('', '/api', '/api/ask', '/api/documents', '/api/health', '/api/admin', '/v1', '/v1/models', '/v1/chat', '/js', '/slack');
const path = fc
  .tuple(prefix, fc.array(segment, { maxLength: 4 }), fc.option(fc.stringMatching(/^[\x21-\x7e]{0,20}$/).map((s) => s.replace(/#/g, ''))))
  .map(([p, segs, q]) => `${p}/${segs.join('/')}${q === null ? '' : `?${q}`}`.replace(/^\/\//, '/'));
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');

// ---------- the apps under test ----------

let open: Awaited<ReturnType<typeof listen>>;
let keyed: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  open = await listen(hardenedApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } }).app);
  keyed = await listen(hardenedApp({ env: { RATE_LIMIT_PER_MINUTE: '0', API_KEYS: 'fuzz-key', CORS_ORIGINS: 'https://a.example' } }).app);
});
afterAll(async () => {
  agent.destroy();
  await Promise.all([open?.close(), keyed?.close()]);
  console.log(`fuzz: ${total} requests, all 2xx/4xx with the error shape (${retriedResets} retried after a reset of a reused keep-alive socket)`);
});

describe('fuzz: the app answers any input with 2xx or a 4xx JSON error', () => {
  it('random JSON bodies to /api/ask and /api/ask/stream', async () => {
    await fc.assert(
      fc.asyncProperty(askBody, fc.constantFrom('/api/ask', '/api/ask/stream'), async (body, p) => {
        check(await send(open.port, 'POST', p, { 'content-type': 'application/json' }, JSON.stringify(body)), 'POST', p);
      }),
      { numRuns: runs(1000) },
    );
  }, 60_000);

  it('random raw bodies with random content types to every POST endpoint', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, contentType, fc.constantFrom('/api/ask', '/api/ask/stream', '/v1/chat/completions', '/api/documents/x'), async (body, type, p) => {
        const headers: Record<string, string> = type ? { 'content-type': type } : {};
        check(await send(open.port, 'POST', p, headers, body), 'POST', p);
      }),
      { numRuns: runs(800) },
    );
  }, 60_000);

  it('random methods, paths and headers (open server and one with API keys + CORS)', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, extraHeaders, fc.boolean(), fc.option(rawBody), async (m, p, headers, useKeyed, body) => {
        const server = useKeyed ? keyed : open;
        const h: Record<string, string> = { ...headers };
        if (body !== null && m !== 'GET' && m !== 'HEAD') h['content-type'] ??= 'application/json';
        // A Content-Encoding the server cannot decode is a legitimate 415; keep bodies and encodings independent.
        check(await send(server.port, m, p, h, body ?? undefined), m, p);
      }),
      { numRuns: runs(1200) },
    );
  }, 60_000);

  it('is healthy afterwards', async () => {
    for (const s of [open, keyed]) {
      const res = await send(s.port, 'GET', '/api/health', {});
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).status).toBe('ok');
    }
  });
});

describe('fuzz with the real retrieval core', () => {
  let real: TestServices;
  let srv: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    real = await buildTestServices();
    srv = await listen(hardenedApp({ services: real.services, env: { RATE_LIMIT_PER_MINUTE: '0' } }).app);
  });
  afterAll(async () => {
    await srv?.close();
    await real?.cleanup();
  });

  it('random questions and histories get a 200 answer or a 4xx, never a 5xx', async () => {
    const question = fc.oneof(nastyString, fc.constantFrom('沐曦股份的估值是多少?', '摩尔线程亏损多少?', '它呢?', '???', '的的的的', '1234567890'));
    await fc.assert(
      fc.asyncProperty(question, fc.option(fc.array(turn, { maxLength: 4 })), fc.constantFrom('/api/ask', '/api/ask/stream'), async (q, h, p) => {
        const res = await send(srv.port, 'POST', p, { 'content-type': 'application/json' }, JSON.stringify(h ? { question: q, history: h } : { question: q }));
        check(res, 'POST', p);
        if (res.status === 200 && p === '/api/ask') {
          const body = JSON.parse(res.body) as { answer: unknown; citations: unknown };
          if (typeof body.answer !== 'string' || !Array.isArray(body.citations)) throw new Error(`bad answer shape: ${res.body.slice(0, 200)}`);
        }
      }),
      { numRuns: runs(300) },
    );
    expect(JSON.parse((await send(srv.port, 'GET', '/api/health', {})).body).status).toBe('ok');
  }, 60_000);
});
