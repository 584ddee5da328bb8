import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_TEMP_DIR } from '../../server/documents/document-library.js';
import { buildLibraryApp, type LibraryApp } from '../helpers/document-library-app.js';

let t: LibraryApp;
beforeAll(async () => {
  t = await buildLibraryApp({ UPLOAD_MAX_MB: '1' });
}, 60_000);
afterAll(() => t.cleanup());

const upload = (name: string, content: string | Buffer, query = '') =>
  request(t.app).post(`/api/documents${query}`).attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), name);
const ask = (question: string) => request(t.app).post('/api/ask').set('content-type', 'application/json').send({ question }).expect(200);
const corpusFiles = async () => (await readdir(t.config.corpusDir)).filter((n) => !n.startsWith('.')).sort();
const tempFiles = async () => readdir(path.join(t.config.corpusDir, UPLOAD_TEMP_DIR)).catch(() => []);

const LIGHTHOUSE = '# Lighthouse keepers\n\nThe Ravnsholm lighthouse was lit for the first time in 1871.\n\nIts keeper, *Ingrid Vold*, kept the **logbook** for 31 years.\n';

describe('POST /api/documents', () => {
  it('adds a Markdown file: 201 with its entry, answerable at once, in the corpus directory', async () => {
    const res = await upload('lighthouse.md', LIGHTHOUSE).expect(201);
    expect(res.body).toMatchObject({ docId: 'lighthouse', title: 'Lighthouse keepers', source: 'lighthouse.md', format: 'md', bytes: LIGHTHOUSE.length });
    expect(res.body.chunks).toBeGreaterThan(0);
    expect(await readFile(path.join(t.config.corpusDir, 'lighthouse.md'), 'utf8')).toBe(LIGHTHOUSE);
    const answer = (await ask('What did Ingrid Vold keep?')).body;
    expect(answer.answered).toBe(true);
    expect(answer.citations.some((c: { docId: string; quote: string }) => c.docId === 'lighthouse' && c.quote.includes('Ingrid Vold'))).toBe(true);
    expect(answer.citations.every((c: { quote: string }) => !/[*#]/.test(c.quote))).toBe(true);
    const list = (await request(t.app).get('/api/documents').expect(200)).body;
    expect(list.map((d: { docId: string }) => d.docId)).toContain('lighthouse');
  });

  it('the same name with the same bytes again changes nothing (200, same entry)', async () => {
    const before = (await request(t.app).get('/api/documents').expect(200)).body;
    const res = await upload('lighthouse.md', LIGHTHOUSE).expect(200);
    expect(res.body.docId).toBe('lighthouse');
    expect((await request(t.app).get('/api/documents').expect(200)).body).toEqual(before);
  });

  it('the same name with other content is 409 unless ?replace=true; the replacement is what gets cited', async () => {
    const changed = LIGHTHOUSE.replace('the **logbook**', 'the **lamp diary**');
    const conflict = await upload('lighthouse.md', changed).expect(409);
    expect(conflict.body.error.code).toBe('conflict');
    expect(conflict.body.error.message).toMatch(/replace=true/);
    expect(await readFile(path.join(t.config.corpusDir, 'lighthouse.md'), 'utf8')).toBe(LIGHTHOUSE);

    await upload('lighthouse.md', changed, '?replace=true').expect(201);
    const answer = (await ask('What did Ingrid Vold keep?')).body;
    const quotes = answer.citations.map((c: { quote: string }) => c.quote).join(' ');
    expect(quotes).toContain('lamp diary');
    expect(quotes).not.toContain('logbook');
  });

  it('keeps a Chinese file name and decodes a GBK file', async () => {
    const iconv = (await import('iconv-lite')).default;
    const res = await upload('灯塔日志.txt', iconv.encode('灯塔日志\n白石灯塔于 1903 年建成，塔高 24 米。\n', 'gbk')).expect(201);
    expect(res.body).toMatchObject({ source: '灯塔日志.txt', docId: '灯塔日志', format: 'txt' });
    const doc = (await request(t.app).get(`/api/documents/${encodeURIComponent('灯塔日志')}`).expect(200)).body;
    expect(doc.text).toContain('白石灯塔于 1903 年建成');
  });

  it('refuses by content and name: 415 unsupported, 413 too large, 422 unreadable with the reason; nothing lands', async () => {
    const before = await corpusFiles();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);
    expect((await upload('scan.pdf', png).expect(415)).body.error.message).toMatch(/PNG/);
    expect((await upload('table.csv', 'a,b\n1,2\n').expect(415)).body.error.code).toBe('unsupported_media_type');
    await request(t.app).post('/api/documents').set('content-type', 'application/json').send({ file: 'x' }).expect(415);

    const big = await upload('big.txt', Buffer.alloc(1024 * 1024 + 10, 'a')).expect(413);
    expect(big.body.error.message).toMatch(/1 MB/);

    const binary = await upload('notes.txt', Buffer.from([0x41, 0x00, 0x42, 0x00, 0x00, 0x01])).expect(422);
    expect(binary.body.error).toMatchObject({ code: 'unreadable_document', message: expect.stringMatching(/NUL bytes/) });
    expect((await upload('broken.pdf', '%PDF-1.4\ngarbage').expect(422)).body.error.message).toMatch(/not a readable PDF/);
    expect((await upload('empty.md', '').expect(422)).body.error.message).toMatch(/empty/);
    expect((await upload('../../escape.md', '# Escape\n\nA file name with a path.\n').expect(201)).body.source).toBe('escape.md');
    await request(t.app).delete('/api/documents/escape').expect(204);

    expect(await corpusFiles()).toEqual(before);
    expect(await tempFiles()).toEqual([]);
  });

  it('lands two uploads sent at once', async () => {
    const [a, b] = await Promise.all([
      upload('harbour-a.md', '# Harbour A\n\nHarbour A has 14 moorings for fishing boats.\n'),
      upload('harbour-b.md', '# Harbour B\n\nHarbour B has a ferry to Lindøy twice a day.\n'),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const ids = (await request(t.app).get('/api/documents').expect(200)).body.map((d: { docId: string }) => d.docId);
    expect(ids).toEqual(expect.arrayContaining(['harbour-a', 'harbour-b']));
  });

  it('a killed upload changes nothing', async () => {
    const before = await corpusFiles();
    const listBefore = (await request(t.app).get('/api/documents').expect(200)).body;
    const server = t.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const { port } = server.address() as AddressInfo;
      const boundary = 'xyzBOUNDARY';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="killed.md"\r\nContent-Type: text/markdown\r\n\r\n`;
      const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/api/documents', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': 500_000 } });
      req.on('error', () => undefined);
      req.write(head + '# Killed\n\n' + 'x'.repeat(100_000));
      // Wait until the server has started writing the upload to its temp file, then cut the connection.
      const deadline = Date.now() + 10_000;
      while ((await tempFiles()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect((await tempFiles()).length).toBe(1);
      req.destroy();
      while ((await tempFiles()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await tempFiles()).toEqual([]);
    } finally {
      server.close();
    }
    expect(await corpusFiles()).toEqual(before);
    expect((await request(t.app).get('/api/documents').expect(200)).body).toEqual(listBefore);
  });

  it('needs an API key when API_KEYS is set', async () => {
    const keyed = t.appWith({ API_KEYS: 'k-123' });
    await request(keyed).post('/api/documents').attach('file', Buffer.from('# K\n\nKeyed upload.\n'), 'keyed.md').expect(401);
    await request(keyed).get('/api/documents').expect(401);
    await request(keyed).delete('/api/documents/lighthouse').expect(401);
    expect(existsSync(path.join(t.config.corpusDir, 'keyed.md'))).toBe(false);
    await request(keyed).post('/api/documents').set('authorization', 'Bearer k-123').attach('file', Buffer.from('# K\n\nKeyed upload.\n'), 'keyed.md').expect(201);
  });
});

describe('DELETE /api/documents/:docId', () => {
  it('204, the file leaves the corpus, and its passages are never cited again', async () => {
    const before = (await ask('What did Ingrid Vold keep?')).body;
    expect(before.citations.some((c: { docId: string }) => c.docId === 'lighthouse')).toBe(true);
    await request(t.app).delete('/api/documents/lighthouse').expect(204);
    expect(existsSync(path.join(t.config.corpusDir, 'lighthouse.md'))).toBe(false);
    const after = (await ask('What did Ingrid Vold keep?')).body;
    expect(after.citations.some((c: { docId: string }) => c.docId === 'lighthouse')).toBe(false);
    await request(t.app).get('/api/documents/lighthouse').expect(404);
    expect((await request(t.app).get('/api/documents').expect(200)).body.map((d: { docId: string }) => d.docId)).not.toContain('lighthouse');
    await request(t.app).delete('/api/documents/lighthouse').expect(404);
  });
});
