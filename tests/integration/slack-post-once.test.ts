/**
 * Exactly once (issue 17): a Slack reply is posted at most once, whatever the Web API does — slow past the
 * client's timeout, 500 once (with or without the post landing), 500 always, 429 with Retry-After.
 * The adapter runs with its default retry settings (as in production), against the fake Slack API.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { APOLOGY_TEXT } from '../../server/slack/ask-corpus.js';
import { createSlackAdapter } from '../../server/slack/slack-adapter.js';
import { createFakeSlackAnswers } from '../helpers/fake-slack-answers.js';
import { FAKE_BOT_USER_ID, startFakeSlackApi, type FakeSlackApi } from '../helpers/fake-slack-api.js';
import { signedEvent, signedSlashCommand, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/fake-slack-requests.js';
import { logSink } from '../helpers/hardening.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Client-side Web API timeout for these tests; the "slow" fake answers well after it. */
const CLIENT_TIMEOUT_MS = 300;

async function start() {
  const fake = await startFakeSlackApi();
  cleanups.push(() => fake.close());
  const answers = createFakeSlackAnswers();
  const log = logSink('debug');
  const config = loadConfig({ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: fake.apiUrl });
  // Default apiRetries on purpose: the production setting must not repeat a post.
  const slack = createSlackAdapter({ services: answers.holder, config: config.slack!, logger: log.logger, webApiTimeoutMs: CLIENT_TIMEOUT_MS });
  const server = http.createServer(createApp({ services: answers.holder, logger: log.logger, config, slack }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(async () => {
    await slack.drain();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const send = async (eventId: string, event: Record<string, unknown>) => {
    const req = signedEvent(eventId, event, Math.floor(Date.now() / 1000));
    const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: req.headers, body: req.body });
    expect(res.status).toBe(200);
    await res.text();
    // Work is over once the 👀 is taken off again (a finally), then every background task has ended.
    await fake.waitFor((calls) => calls.some((c) => c.method === 'reactions.remove' && c.body.timestamp === event.ts), 15_000);
    await slack.drain();
  };
  const command = async (text: string, responseUrl: string) => {
    const req = signedSlashCommand({ text, response_url: responseUrl }, Math.floor(Date.now() / 1000));
    const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: req.headers, body: req.body });
    expect(res.status).toBe(200);
    await res.text();
  };
  return { fake, send, command, slack, log };
}

const mention = (ts: string) => ({
  type: 'app_mention',
  user: 'U0ASKER01',
  text: `<@${FAKE_BOT_USER_ID}> 摩尔线程有多少名员工?`,
  ts,
  channel: 'C0CHANNEL1',
  event_ts: ts,
});

const directMessage = (ts: string) => ({ type: 'message', channel_type: 'im', user: 'U0ASKER01', text: '摩尔线程有多少名员工?', ts, channel: 'D0DIRECT1', event_ts: ts });

const visible = (fake: FakeSlackApi) => fake.posted.map((m) => (m.text === APOLOGY_TEXT ? 'apology' : 'answer'));
const postCalls = (fake: FakeSlackApi, kind?: 'answer' | 'apology') =>
  fake.callsTo('chat.postMessage').filter((c) => !kind || (c.body.text === APOLOGY_TEXT) === (kind === 'apology'));

describe('Slack replies are posted at most once', () => {
  it('chat.postMessage slower than the client timeout: the answer that landed is not posted again, no apology', async () => {
    const { fake, send } = await start();
    fake.delay(30_000, ['chat.postMessage']);
    await send('EvSlow1', mention('1700001000.000100'));
    expect(visible(fake)).toEqual(['answer']);
    expect(postCalls(fake)).toHaveLength(1);
    // The check looked in the thread before deciding.
    expect(fake.callsTo('conversations.replies').some((c) => c.body.ts === '1700001000.000100')).toBe(true);
  });

  it('a slow post in a DM is checked in the DM history, not posted again', async () => {
    const { fake, send } = await start();
    fake.delay(30_000, ['chat.postMessage']);
    await send('EvSlow2', directMessage('1700001001.000100'));
    expect(visible(fake)).toEqual(['answer']);
    expect(fake.callsTo('conversations.history')).toHaveLength(1);
  });

  it('500 once, nothing posted: checks the thread, posts the answer once more, no apology', async () => {
    const { fake, send } = await start();
    fake.failWith(500, ['chat.postMessage'], { times: 1 });
    await send('Ev500a', mention('1700001100.000100'));
    expect(visible(fake)).toEqual(['answer']);
    expect(postCalls(fake, 'answer')).toHaveLength(2);
    expect(postCalls(fake, 'apology')).toHaveLength(0);
  });

  it('500 once but the post landed: not posted again', async () => {
    const { fake, send } = await start();
    fake.failWith(500, ['chat.postMessage'], { times: 1, landed: true });
    await send('Ev500b', mention('1700001200.000100'));
    expect(visible(fake)).toEqual(['answer']);
    expect(postCalls(fake)).toHaveLength(1);
  });

  it('500 always: at most two attempts each for the answer and the apology, each retry after a check', async () => {
    const { fake, send, log } = await start();
    fake.failWith(500, ['chat.postMessage']);
    await send('Ev500c', mention('1700001300.000100'));
    expect(postCalls(fake, 'answer').length).toBeLessThanOrEqual(2);
    expect(postCalls(fake, 'apology').length).toBeGreaterThanOrEqual(1);
    expect(postCalls(fake, 'apology').length).toBeLessThanOrEqual(2);
    // Every post after the first followed a look at the thread.
    expect(fake.callsTo('conversations.replies').length).toBeGreaterThanOrEqual(postCalls(fake).length - 1);
    expect(log.lines.some((l) => l.level >= 50 && /could not post the answer/.test(l.msg))).toBe(true);
  });

  it('500 with the post landed and the landed-check failing too: no second answer (one apology at most)', async () => {
    const { fake, send } = await start();
    fake.failWith(500, ['chat.postMessage'], { times: 1, landed: true });
    fake.failWith(500, ['conversations.replies']);
    await send('Ev500e', mention('1700001450.000100'));
    expect(postCalls(fake, 'answer')).toHaveLength(1);
    expect(postCalls(fake, 'apology').length).toBeLessThanOrEqual(1);
  });

  it('500 always and the landed-check fails too: one answer attempt, one apology attempt', async () => {
    const { fake, send } = await start();
    fake.failWith(500, ['chat.postMessage', 'conversations.replies']);
    await send('Ev500d', mention('1700001400.000100'));
    expect(postCalls(fake, 'answer')).toHaveLength(1);
    expect(postCalls(fake, 'apology')).toHaveLength(1);
  });

  it('429 with Retry-After: waits that long, then posts once', async () => {
    const { fake, send } = await start();
    fake.failWith(429, ['chat.postMessage'], { times: 1, retryAfter: 1 });
    await send('Ev429', mention('1700001500.000100'));
    expect(visible(fake)).toEqual(['answer']);
    const calls = postCalls(fake);
    expect(calls).toHaveLength(2);
    // A lower bound the code enforces (it sleeps Retry-After), not a performance assertion.
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(950);
  });

  it('/ask whose response_url answers 500: the answer is not re-posted, one apology is tried', async () => {
    const { fake, command, slack } = await start();
    fake.failWith(500, ['response_url']);
    await command('摩尔线程有多少名员工?', fake.responseUrl('cmd-500'));
    await fake.waitFor((calls) => calls.filter((c) => c.path === '/response/cmd-500').length >= 2, 10_000);
    await slack.drain();
    const posts = fake.calls.filter((c) => c.path === '/response/cmd-500');
    expect(posts).toHaveLength(2);
    expect(posts[1].body.text).toBe(APOLOGY_TEXT);
  });
});
