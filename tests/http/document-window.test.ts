/**
 * Issue 17: GET /api/documents/:id serves windows (?start=&end=, ?around=&chars=), never a whole large
 * document by default; the full text only with ?full=1, as text/plain streamed with Content-Length.
 */
import http from 'node:http';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_CHARS, MAX_WINDOW_CHARS } from '../../server/http/routers/document-window.js';
import { hardenedApp, listen } from '../helpers/hardening.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// ~1.2 M characters with astral characters (two UTF-16 units each) spread through it.
const LINE = '国产 GPU 厂商的第 N 句话,估值 210.71 亿元。𠀋 Some English too.\n';
const BIG = Array.from({ length: 25_000 }, (_, i) => LINE.replace('N', String(i))).join('');
const DOC = { docId: 'big-doc', source: 'big-doc.txt', title: '大文档', text: BIG };

const app = () => hardenedApp({ docs: [DOC], env: { RATE_LIMIT_PER_MINUTE: '0' } }).app;

describe('GET /api/documents/:id windows', () => {
  it('without parameters: the first window and the length, not the whole document', async () => {
    const res = await request(app()).get('/api/documents/big-doc').expect(200);
    expect(res.body).toMatchObject({ docId: 'big-doc', source: 'big-doc.txt', title: '大文档', start: 0, length: BIG.length });
    expect(res.body.end).toBeLessThanOrEqual(DEFAULT_WINDOW_CHARS + 1);
    expect(res.body.text).toBe(BIG.slice(0, res.body.end));
    expect(Number(res.headers['content-length'])).toBeLessThan(64 * 1024);
  });

  it('?start=&end= is exactly that slice (UTF-16 offsets, as citations use)', async () => {
    const res = await request(app()).get('/api/documents/big-doc?start=500000&end=500100').expect(200);
    expect(res.body).toMatchObject({ start: 500_000, end: 500_100, length: BIG.length });
    expect(res.body.text).toBe(BIG.slice(500_000, 500_100));
  });

  it('?around=&chars= is centred on the offset and clamped at both ends', async () => {
    const mid = (await request(app()).get('/api/documents/big-doc?around=600000&chars=1000').expect(200)).body;
    expect(mid.end - mid.start).toBeGreaterThanOrEqual(1000);
    expect(mid.start).toBeLessThanOrEqual(599_500);
    expect(mid.end).toBeGreaterThanOrEqual(600_500);
    expect(mid.text).toBe(BIG.slice(mid.start, mid.end));
    const head = (await request(app()).get('/api/documents/big-doc?around=10&chars=1000').expect(200)).body;
    expect([head.start, head.end]).toEqual([0, 1000]);
    const tail = (await request(app()).get(`/api/documents/big-doc?around=${BIG.length}&chars=1000`).expect(200)).body;
    expect([tail.start, tail.end]).toEqual([BIG.length - 1000, BIG.length]);
  });

  it('an edge inside a surrogate pair is widened so the window is valid text', async () => {
    const astral = BIG.indexOf('𠀋', 300_000);
    const res = await request(app()).get(`/api/documents/big-doc?start=${astral + 1}&end=${astral + 40}`).expect(200);
    expect(res.body.start).toBe(astral);
    expect(res.body.text.startsWith('𠀋')).toBe(true);
    const cut = await request(app()).get(`/api/documents/big-doc?start=${astral - 5}&end=${astral + 1}`).expect(200);
    expect(cut.body.end).toBe(astral + 2);
  });

  it('end past the document is clamped; a short document is served whole', async () => {
    const res = await request(app()).get(`/api/documents/big-doc?start=${BIG.length - 10}&end=${BIG.length + 500}`).expect(200);
    expect(res.body.text).toBe(BIG.slice(-10));
  });

  it.each([
    ['start past the end', `?start=${BIG.length + 1}`],
    ['around past the end', `?around=${BIG.length + 1}`],
    ['end before start', '?start=10&end=5'],
    ['both forms', '?start=0&around=5'],
    ['chars without around', '?chars=100'],
    ['a window over the limit', `?start=0&end=${MAX_WINDOW_CHARS + 1}`],
    ['chars over the limit', `?around=0&chars=${MAX_WINDOW_CHARS + 1}`],
    ['a negative number', '?start=-1'],
    ['not a number', '?start=abc'],
    ['a repeated parameter', '?start=1&start=2'],
    ['full with a window', '?full=1&start=0'],
    ['full=maybe', '?full=maybe'],
  ])('%s → 400 with our error shape', async (_what, qs) => {
    const res = await request(app()).get(`/api/documents/big-doc${qs}`).expect(400);
    expect(res.body.error.code).toBe('bad_request');
  });
});

describe('GET /api/documents/:id?full=1', () => {
  it('streams the whole text as text/plain with an exact Content-Length', async () => {
    const s = await listen(app());
    cleanups.push(s.close);
    const res = await fetch(`${s.base}/api/documents/big-doc?full=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8/);
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(BIG, 'utf8'));
    expect(res.headers.get('transfer-encoding')).toBeNull();
    expect(await res.text()).toBe(BIG);
  });

  it('a client that stops reading holds back the stream (backpressure), and its disconnect ends the work', async () => {
    // 50 MB: far more than loopback socket buffers hold, as in the 50 MB file.
    const huge = { ...DOC, text: '国产 GPU 厂商。'.repeat(2_500_000) };
    const s = await listen(hardenedApp({ docs: [huge], env: { RATE_LIMIT_PER_MINUTE: '0' } }).app);
    cleanups.push(s.close);
    let serverRes: http.ServerResponse | undefined;
    s.server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => (serverRes = res));
    const total = Buffer.byteLength(huge.text, 'utf8');
    const req = http.get(`${s.base}/api/documents/big-doc?full=1`);
    req.on('error', () => undefined); // destroyed below
    const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    res.pause(); // a reader that never reads
    // Bounded wait for the state under test: the server has filled the socket and is waiting on 'drain'.
    const deadline = Date.now() + 10_000;
    while (!serverRes?.writableNeedDrain && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(serverRes?.writableNeedDrain).toBe(true);
    // What the server holds for this reader is a slice or two, not the 50 MB document.
    expect(serverRes!.writableLength).toBeLessThan(512 * 1024);
    expect(serverRes!.socket!.bytesWritten).toBeLessThan(total);
    const closed = new Promise((r) => serverRes!.once('close', r));
    req.destroy();
    await closed;
    expect(serverRes!.writableEnded).toBe(false); // it stopped instead of writing the rest
    expect((await fetch(`${s.base}/api/documents/big-doc?start=0&end=10`)).status).toBe(200);
  });
});
