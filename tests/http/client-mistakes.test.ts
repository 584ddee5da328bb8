/**
 * Issue 17: a client's mistake is a 4xx with our own message, never a 5xx, a stack, a path or a JS message.
 * HTTP tests against the real app (scripted answers; the Slack adapter against the fake Slack API).
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import { loadConfig } from '../../server/config.js';
import { MAX_QUESTION_CHARS } from '../../server/core/question-limits.js';
import { createSlackAdapter } from '../../server/slack/slack-adapter.js';
import { createFakeSlackAnswers } from '../helpers/fake-slack-answers.js';
import { startFakeSlackApi } from '../helpers/fake-slack-api.js';
import { signed, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/fake-slack-requests.js';
import { hardenedApp, listen, logSink, rawRequest } from '../helpers/hardening.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Sends the headers and the first bytes of a body, then nothing; resolves with the raw response. */
function stalledBody(port: number, path: string, declared: number, sent: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n${sent}`);
    });
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
    // Bounded: the server must answer long before this.
    setTimeout(() => {
      socket.destroy();
      resolve(data);
    }, 10_000).unref();
  });
}

describe('a body that stalls', () => {
  it.each(['/api/ask', '/v1/chat/completions'])('%s → 408 request_timeout, not 503', async (path) => {
    const { app } = hardenedApp({ env: { REQUEST_TIMEOUT_MS: '300' } });
    const s = await listen(app);
    cleanups.push(s.close);
    const raw = await stalledBody(s.port, path, 100, '{"q');
    expect(raw).toMatch(/^HTTP\/1\.1 408 /);
    expect(raw).toContain('request_timeout');
  });

  it('a complete request that is slow to answer is still 503 timeout (the server’s fault)', async () => {
    const { app } = hardenedApp({ env: { REQUEST_TIMEOUT_MS: '200' }, reply: () => ({ deltas: ['x'], delayMs: 2000, result: { answer: 'x', answered: true, citations: [] } }) });
    const s = await listen(app);
    cleanups.push(s.close);
    const res = await rawRequest(s.port, '/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":"q"}' });
    expect(res.status).toBe(503);
  });
});

describe('malformed signed Slack bodies', () => {
  async function slackApp() {
    const fake = await startFakeSlackApi();
    cleanups.push(() => fake.close());
    const answers = createFakeSlackAnswers();
    const log = logSink('debug');
    const config = loadConfig({ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: fake.apiUrl });
    const slack = createSlackAdapter({ services: answers.holder, config: config.slack!, logger: log.logger, apiRetries: 0 });
    const s = await listen(createApp({ services: answers.holder, logger: log.logger, config, slack }));
    cleanups.push(async () => {
      await slack.drain();
      await s.close();
    });
    const send = async (body: string | Buffer, contentType: string) => {
      const req = signed(body.toString(), contentType, Math.floor(Date.now() / 1000));
      return rawRequest(s.port, '/slack/events', { method: 'POST', headers: req.headers, body });
    };
    return { send, log, answers, fake };
  }

  it.each([
    ['"event": null', '{"type":"event_callback","event_id":"Ev1","event":null}', 'application/json'],
    ['JSON null', 'null', 'application/json'],
    ['a JSON array', '[1,2]', 'application/json'],
    ['an event without a type', '{"type":"event_callback","event_id":"Ev2","event":{}}', 'application/json'],
    ['invalid JSON', '{"type":', 'application/json'],
    ['payload=null', 'payload=null', 'application/x-www-form-urlencoded'],
    ['payload that is not JSON', 'payload=%7Bnope', 'application/x-www-form-urlencoded'],
    ['a form with neither command nor payload', 'a=b', 'application/x-www-form-urlencoded'],
    ['an unknown content type', '<xml/>', 'text/xml'],
  ])('%s → 400, no Bolt error, nothing answered', async (_name, body, type) => {
    const { send, log, answers } = await slackApp();
    const res = await send(body, type);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('bad_request');
    expect(log.lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(log.raw.join('\n')).not.toMatch(/unhandled Bolt error/);
    expect(answers.calls).toEqual([]);
  });

  it('a 2 MB signed body is 413 naming the real limit (1 MiB) and why, not the /api limit', async () => {
    const { send } = await slackApp();
    const body = JSON.stringify({ type: 'event_callback', event_id: 'Ev3', event: { type: 'app_mention', text: 'x'.repeat(2 * 1024 * 1024) } });
    const res = await send(body, 'application/json');
    expect(res.status).toBe(413);
    const message = JSON.parse(res.body).error.message as string;
    expect(message).toContain('1 MiB');
    expect(message).toMatch(/Slack/);
    expect(message).not.toContain('64 KiB');
  });

  it('a 100 KiB signed event (bigger than the /api limit, as Slack events can be) is accepted', async () => {
    const { send } = await slackApp();
    const body = JSON.stringify({ type: 'event_callback', event_id: 'Ev4', event: { type: 'reaction_added', pad: 'x'.repeat(100 * 1024) } });
    expect((await send(body, 'application/json')).status).toBe(200);
  });
});

describe('/v1 validates text like /api', () => {
  it('a lone surrogate in the question is 400 on both', async () => {
    const { app } = hardenedApp();
    const s = await listen(app);
    cleanups.push(s.close);
    const question = 'GPU \uD800 估值';
    const json = { 'content-type': 'application/json' };
    const api = await rawRequest(s.port, '/api/ask', { method: 'POST', headers: json, body: JSON.stringify({ question }) });
    expect(api.status).toBe(400);
    const v1 = await rawRequest(s.port, '/v1/chat/completions', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ model: 'x', messages: [{ role: 'user', content: question }] }),
    });
    expect(v1.status).toBe(400);
    expect(JSON.parse(v1.body).error.code).toBe('invalid_question');
    const inHistory = await rawRequest(s.port, '/v1/chat/completions', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ messages: [{ role: 'user', content: 'a \uDC00' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'c' }] }),
    });
    expect(inHistory.status).toBe(400);
  });
});

describe('the question limit counts characters, as its message says', () => {
  const astral = '𠀋'; // one character, two UTF-16 units
  it.each(['/api/ask', '/v1/chat/completions'])('%s: the limit in characters passes, one more is refused', async (path) => {
    const { app } = hardenedApp();
    const s = await listen(app);
    cleanups.push(s.close);
    const body = (q: string) => JSON.stringify(path === '/api/ask' ? { question: q } : { messages: [{ role: 'user', content: q }] });
    const ask = (q: string) => rawRequest(s.port, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(q) });
    expect((await ask(astral.repeat(MAX_QUESTION_CHARS))).status).toBe(200);
    const over = await ask(astral.repeat(MAX_QUESTION_CHARS + 1));
    expect(over.status).toBe(400);
    expect(over.body).toContain(`${MAX_QUESTION_CHARS} characters`);
  });
});

describe('error bodies carry no JS messages', () => {
  it.each(['br', 'gzip', 'deflate'])('a body that is not valid %s is a 400 with a fixed message, not the zlib message', async (encoding) => {
    const { app } = hardenedApp();
    const s = await listen(app);
    cleanups.push(s.close);
    const res = await rawRequest(s.port, '/api/ask', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body: '{}' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.message).toBe('Bad Request.');
  });
});
