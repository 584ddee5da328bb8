import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import { loadConfig } from '../../server/config.js';
import type { ServicesHolder } from '../../server/core/services.js';
import type { AskResult } from '../../server/core/types.js';
import { AppError } from '../../server/shared/errors.js';
import { createStreamRouter } from '../../server/http/routers/stream-router.js';
import { createLogger } from '../../server/logger.js';
import {
  citeSentence,
  corpusDocument,
  fakeServices,
  scriptedAnswerService,
  splitIntoDeltas,
  type ScriptedReply,
} from '../helpers/fake-services.js';

interface SseEvent {
  event: string;
  data: string;
}

/** Minimal SSE parser for assertions (comments are kept as event "comment" so heartbeats can be seen). */
function parseSse(body: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const frame of body.split(/\r?\n\r?\n/)) {
    if (!frame.trim()) continue;
    let event = 'message';
    const data: string[] = [];
    for (const line of frame.split(/\r?\n/)) {
      if (line.startsWith(':')) events.push({ event: 'comment', data: line.slice(1).trim() });
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length) events.push({ event, data: data.join('\n') });
  }
  return events;
}

const doc = corpusDocument();
const valuation = citeSentence(doc, '210.71 亿元', 1);
const answerText = '截至 2025 年 3 月最后一轮融资,沐曦股份估值已达 210.71 亿元 [1]。';
const okResult: AskResult = { answer: answerText, answered: true, citations: [valuation] };

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function logSink() {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

function appWith(reply: (q: string) => ScriptedReply) {
  const service = scriptedAnswerService((q) => reply(q));
  const holder: ServicesHolder = { current: fakeServices(service, [doc]) };
  const log = logSink();
  const app = createApp({ services: holder, logger: log.logger, config: loadConfig({}) });
  return { app, service, holder, log };
}

async function listen(app: express.Express): Promise<string> {
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function postStream(base: string, body: unknown) {
  const res = await fetch(`${base}/api/ask/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { res, text: await res.text() };
}

describe('POST /api/ask/stream', () => {
  it('streams delta events in order, then one done event equal to the /api/ask JSON', async () => {
    const deltas = splitIntoDeltas(answerText, 5);
    const { app, service } = appWith(() => ({ deltas, result: okResult }));
    const base = await listen(app);

    const { res, text } = await postStream(base, {
      question: '沐曦股份的估值是多少?',
      history: [{ role: 'user', content: '你好' }],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toContain('no-cache');

    const events = parseSse(text);
    expect(events.map((e) => e.event)).toEqual([...deltas.map(() => 'delta'), 'done']);
    expect(events.filter((e) => e.event === 'delta').map((e) => JSON.parse(e.data).text)).toEqual(deltas);
    const done = JSON.parse(events.at(-1)!.data) as AskResult;

    const json = await request(app).post('/api/ask').send({ question: '沐曦股份的估值是多少?' });
    expect(json.status).toBe(200);
    expect(done).toEqual(json.body);
    expect(done).toEqual(okResult);
    expect(done.citations[0].quote).toBe(doc.text.slice(valuation.start, valuation.end));
    expect(service.calls[0].history).toEqual([{ role: 'user', content: '你好' }]);
  });

  it('keeps newlines and unicode inside a delta intact (JSON-encoded data)', async () => {
    const tricky = '第一行\n\n第二行\r\nevent: done\ndata: x 😀 \u2028';
    const { app } = appWith(() => ({ deltas: [tricky], result: { answer: tricky, answered: true, citations: [] } }));
    const { text } = await postStream(await listen(app), { question: 'q' });
    const events = parseSse(text);
    expect(events.map((e) => e.event)).toEqual(['delta', 'done']);
    expect(JSON.parse(events[0].data).text).toBe(tricky);
  });

  it('ends with an error event carrying {code, message} when the service fails with an AppError', async () => {
    const { app, log } = appWith(() => ({
      deltas: ['部分'],
      result: okResult,
      error: new AppError('upstream_error', 'The language model did not answer.', 502),
    }));
    const { res, text } = await postStream(await listen(app), { question: 'q' });
    expect(res.status).toBe(200);
    const events = parseSse(text);
    expect(events.map((e) => e.event)).toEqual(['delta', 'error']);
    expect(JSON.parse(events[1].data)).toEqual({ code: 'upstream_error', message: 'The language model did not answer.' });
    expect(log.lines.some((l) => l.level >= 50)).toBe(true);
  });

  it('hides the details of unexpected errors behind code "internal" and logs them', async () => {
    const { app, log } = appWith(() => ({ deltas: [], result: okResult, error: new Error('secret stack detail') }));
    const { text } = await postStream(await listen(app), { question: 'q' });
    const events = parseSse(text);
    expect(events).toEqual([{ event: 'error', data: JSON.stringify({ code: 'internal', message: 'Internal server error.' }) }]);
    expect(text).not.toContain('secret');
    expect(log.lines.filter((l) => l.level >= 50)).toHaveLength(1);
  });

  it('answers validation errors as plain JSON 4xx, before any stream starts', async () => {
    const { app, service } = appWith(() => ({ deltas: [], result: okResult }));

    const missing = await request(app).post('/api/ask/stream').send({});
    expect(missing.status).toBe(400);
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
    expect(missing.body).toEqual({ error: { code: 'invalid_question', message: 'question is required' } });

    const badHistory = await request(app)
      .post('/api/ask/stream')
      .send({ question: 'q', history: [{ role: 'system', content: 'x' }] });
    expect(badHistory.status).toBe(400);
    expect(badHistory.body.error.code).toBe('invalid_history');

    const notJson = await request(app).post('/api/ask/stream').set('content-type', 'text/plain').send('question=q');
    expect(notJson.status).toBe(415);
    expect(notJson.body.error.code).toBe('unsupported_media_type');

    const badJson = await request(app).post('/api/ask/stream').set('content-type', 'application/json').send('{"question":');
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('bad_request');

    expect(service.calls).toHaveLength(0);
  });

  it('answers 503 JSON when no index is loaded', async () => {
    const { app, holder } = appWith(() => ({ deltas: [], result: okResult }));
    holder.current = undefined;
    const res = await request(app).post('/api/ask/stream').send({ question: 'q' });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('index_unavailable');
  });

  it('aborts the service when the client disconnects, and logs nothing as an error', async () => {
    const { app, service, log } = appWith(() => ({
      deltas: splitIntoDeltas('一二三四五六七八九十'.repeat(5), 50),
      result: okResult,
      delayMs: 20,
    }));
    const base = new URL(await listen(app));

    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        { host: base.hostname, port: base.port, path: '/api/ask/stream', method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.on('data', (chunk: Buffer) => {
            if (chunk.toString().includes('event: delta')) {
              req.destroy();
              resolve();
            }
          });
        },
      );
      req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
      req.end(JSON.stringify({ question: 'q' }));
    });

    const call = service.calls[0];
    await expect(call.finished).resolves.toBe('aborted');
    expect(call.signal?.aborted).toBe(true);
    const sentAtAbort = call.deltasSent;
    expect(sentAtAbort).toBeLessThan(50);
    await new Promise((r) => setTimeout(r, 100));
    expect(call.deltasSent).toBe(sentAtAbort);
    expect(log.lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('sends heartbeat comments while the answer is slow', async () => {
    const service = scriptedAnswerService(() => ({ deltas: ['a'], result: okResult, delayMs: 120 }));
    const app = express();
    app.use(express.json());
    app.use('/api', createStreamRouter({ current: fakeServices(service, [doc]) }, { heartbeatMs: 25 }));
    const { text } = await postStream(await listen(app), { question: 'q' });
    const events = parseSse(text);
    expect(events.filter((e) => e.event === 'comment').length).toBeGreaterThanOrEqual(3);
    expect(events.filter((e) => e.event !== 'comment').map((e) => e.event)).toEqual(['delta', 'done']);
  });
});
