import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import { loadConfig } from '../../server/config.js';
import type { ServicesHolder } from '../../server/core/services.js';
import { createLogger } from '../../server/logger.js';
import { APOLOGY_TEXT, NO_INDEX_TEXT } from '../../server/slack/ask-corpus.js';
import { createSlackAdapter, type SlackAdapter } from '../../server/slack/slack-adapter.js';
import { SEARCHING_TEXT } from '../../server/slack/slash-command.js';
import { buildTestServices, type TestServices } from '../helpers/build-test-services.js';
import { createFakeSlackAnswers, EMPLOYEES_RESULT, type FakeSlackAnswers } from '../helpers/fake-slack-answers.js';
import { FAKE_BOT_ID, FAKE_BOT_USER_ID, startFakeSlackApi, type FakeSlackApi, type RecordedSlackCall } from '../helpers/fake-slack-api.js';
import {
  signed,
  signedEvent,
  signedInteraction,
  signedSlashCommand,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  type SignedRequest,
} from '../helpers/fake-slack-requests.js';

interface Harness {
  base: string;
  fake: FakeSlackApi;
  answers: FakeSlackAnswers;
  slack: SlackAdapter;
  logs: Array<{ level: number; msg: string }>;
  now: () => number;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(
  options: { clockMs?: number; holder?: ServicesHolder; signingSecret?: string; answerTimeoutMs?: number } = {},
): Promise<Harness> {
  const fake = await startFakeSlackApi();
  cleanups.push(() => fake.close());
  const answers = createFakeSlackAnswers();
  const holder = options.holder ?? answers.holder;
  const logs: Harness['logs'] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      cb();
    },
  });
  const logger = createLogger('debug', sink);
  // The same path main.ts takes: environment → Config → adapter.
  const config = loadConfig({ SLACK_SIGNING_SECRET: options.signingSecret ?? TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: fake.apiUrl });
  const clock = options.clockMs !== undefined ? () => options.clockMs! : Date.now;
  const slack = createSlackAdapter({
    services: holder,
    config: config.slack!,
    logger,
    clock,
    apiRetries: 0,
    answerTimeoutMs: options.answerTimeoutMs,
  });
  const app = createApp({ services: holder, logger, config, slack });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(async () => {
    await slack.drain();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, fake, answers, slack, logs, now: () => Math.floor(clock() / 1000) };
}

async function post(h: Harness, req: SignedRequest, extraHeaders: Record<string, string> = {}) {
  const started = performance.now();
  const res = await fetch(`${h.base}/slack/events`, { method: 'POST', headers: { ...req.headers, ...extraHeaders }, body: req.body });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}

/** All text a Block Kit message shows, for "does it contain the fact / the source" assertions. */
function blockText(call: RecordedSlackCall): string {
  return JSON.stringify(call.body.blocks ?? []);
}

const posts = (h: Harness) => h.fake.callsTo('chat.postMessage');
/** Work is done when the 👀 has been taken off again (it is removed in a finally). */
const settled = (h: Harness, n = 1) => h.fake.waitFor((calls) => calls.filter((c) => c.method === 'reactions.remove').length >= n);

function mention(ts: string, text: string, extra: Record<string, unknown> = {}) {
  return { type: 'app_mention', user: 'U0ASKER01', text, ts, channel: 'C0CHANNEL1', event_ts: ts, ...extra };
}

function directMessage(ts: string, text: string, extra: Record<string, unknown> = {}) {
  return { type: 'message', channel_type: 'im', user: 'U0ASKER01', text, ts, channel: 'D0DIRECT1', event_ts: ts, ...extra };
}

describe('Slack bot on POST /slack/events', () => {
  it('answers url_verification with the challenge and posts nothing', async () => {
    const h = await start();
    const body = JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' });
    const res = await post(h, signed(body, 'application/json', h.now()));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'c-123' });
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('accepts Slack’s published signing example when the clock is set to its timestamp', async () => {
    const h = await start({ clockMs: 1531420618 * 1000, signingSecret: '8f742231b10e8888abcd99yyyzzz85a5' });
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const res = await post(h, {
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': '1531420618',
        'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      },
    });
    // Authentic; the command has no text, so it gets a usage hint and nothing is sent anywhere.
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).text).toContain('/webhook-collect <question>');
    await h.slack.drain();
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('replies to a mention exactly once, in its thread, with the fact and its source', async () => {
    const h = await start();
    const res = await post(h, signedEvent('Ev001', mention('1700000001.000100', `<@${FAKE_BOT_USER_ID}> 摩尔线程有多少名员工?`), h.now()));
    expect(res.status).toBe(200);
    await settled(h);
    await h.slack.drain();

    expect(posts(h)).toHaveLength(1);
    const reply = posts(h)[0];
    expect(reply.body.channel).toBe('C0CHANNEL1');
    expect(reply.body.thread_ts).toBe('1700000001.000100');
    expect(reply.authorization).toBe(`Bearer ${TEST_BOT_TOKEN}`);
    const blocks = reply.body.blocks as Array<{ type: string; text?: { text: string }; elements?: Array<{ text: string }> }>;
    const answerSection = blocks.find((b) => b.type === 'section')!;
    expect(answerSection.text!.text).toContain('1126');
    const sources = blocks.filter((b) => b.type === 'context').flatMap((b) => b.elements!.map((e) => e.text));
    expect(sources.join('\n')).toContain(EMPLOYEES_RESULT.citations[0].title);
    expect(sources.join('\n')).toContain('1126 名员工中研发人员占比达 74.94%');
    expect(String(reply.body.text)).toContain('1126');

    // The mention itself is not part of the question; a top-level mention has no history.
    expect(h.answers.calls).toEqual([{ question: '摩尔线程有多少名员工?', history: [] }]);
    const reaction = { channel: 'C0CHANNEL1', timestamp: '1700000001.000100', name: 'eyes' };
    expect(h.fake.callsTo('reactions.add')[0].body).toMatchObject(reaction);
    expect(h.fake.callsTo('reactions.remove')[0].body).toMatchObject(reaction);
  });

  it('answers once when Slack retries the event or delivers the same event_id twice', async () => {
    const h = await start();
    const event = mention('1700000002.000100', `<@${FAKE_BOT_USER_ID}> 摩尔线程有多少名员工?`);
    expect((await post(h, signedEvent('Ev002', event, h.now()))).status).toBe(200);
    const retry = await post(h, signedEvent('Ev002', event, h.now()), { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    const duplicate = await post(h, signedEvent('Ev002', event, h.now()));
    expect(retry.status).toBe(200);
    expect(duplicate.status).toBe(200);
    await settled(h);
    await h.slack.drain();
    expect(posts(h)).toHaveLength(1);
    expect(h.answers.calls).toHaveLength(1);
    // Dropped by the event_id check before reaching Bolt (not just by the per-message guard behind it).
    expect(h.logs.filter((l) => /duplicate event acknowledged/.test(l.msg))).toHaveLength(2);
  });

  it('answers a message delivered both as app_mention and as message (different event_ids) once', async () => {
    const h = await start();
    const ts = '1700000003.000100';
    const text = `<@${FAKE_BOT_USER_ID}> 摩尔线程有多少名员工?`;
    await post(h, signedEvent('Ev003a', { ...mention(ts, text), channel: 'D0DIRECT1' }, h.now()));
    await post(h, signedEvent('Ev003b', directMessage(ts, text), h.now()));
    await settled(h);
    await h.slack.drain();
    expect(posts(h)).toHaveLength(1);
    expect(h.answers.calls).toHaveLength(1);
  });

  it('ignores messages from bots, from itself and system subtypes (no loops)', async () => {
    const h = await start();
    await post(h, signedEvent('Ev004a', directMessage('1700000004.000100', '摩尔线程有多少名员工?', { bot_id: 'B0OTHER01' }), h.now()));
    await post(h, signedEvent('Ev004b', directMessage('1700000004.000200', '摩尔线程有多少名员工?', { user: FAKE_BOT_USER_ID, bot_id: FAKE_BOT_ID }), h.now()));
    await post(h, signedEvent('Ev004c', directMessage('1700000004.000300', '摩尔线程有多少名员工?', { subtype: 'message_changed' }), h.now()));
    await post(h, signedEvent('Ev004d', mention('1700000004.000400', `<@${FAKE_BOT_USER_ID}> hi`, { user: undefined, bot_id: 'B0OTHER01' }), h.now()));
    // Plain channel messages (if the app were subscribed to them) are not questions unless they mention us.
    await post(h, signedEvent('Ev004e', { ...directMessage('1700000004.000500', '摩尔线程有多少名员工?'), channel_type: 'channel', channel: 'C0CHANNEL1' }, h.now()));
    await h.slack.drain();
    expect(posts(h)).toEqual([]);
    expect(h.answers.calls).toEqual([]);
  });

  it('answers a direct message in the DM itself (not in a thread)', async () => {
    const h = await start();
    await post(h, signedEvent('Ev005', directMessage('1700000005.000100', '摩尔线程有多少名员工?'), h.now()));
    await settled(h);
    await h.slack.drain();
    expect(posts(h)).toHaveLength(1);
    expect(posts(h)[0].body.channel).toBe('D0DIRECT1');
    expect(posts(h)[0].body.thread_ts).toBeUndefined();
    expect(blockText(posts(h)[0])).toContain('1126');
    expect(h.answers.calls[0]).toEqual({ question: '摩尔线程有多少名员工?', history: [] });
  });

  it('uses the thread (conversations.replies) as history for a follow-up mention', async () => {
    const h = await start();
    const threadTs = '1700000006.000100';
    h.fake.setThread(threadTs, [
      { ts: threadTs, user: 'U0ASKER01', text: `<@${FAKE_BOT_USER_ID}> 摩尔线程有多少名员工?` },
      { ts: '1700000006.000200', user: FAKE_BOT_USER_ID, bot_id: FAKE_BOT_ID, text: `${EMPLOYEES_RESULT.answer}\nSources: [1] 标题` },
      { ts: '1700000006.000250', user: 'U0OTHER01', bot_id: 'B0OTHER01', subtype: 'bot_message', text: 'another bot' },
      { ts: '1700000006.000300', user: 'U0ASKER01', text: `<@${FAKE_BOT_USER_ID}> 研发人员占比呢?` },
    ]);
    await post(h, signedEvent('Ev006', mention('1700000006.000300', `<@${FAKE_BOT_USER_ID}> 研发人员占比呢?`, { thread_ts: threadTs }), h.now()));
    await settled(h);
    await h.slack.drain();

    expect(h.fake.callsTo('conversations.replies')[0].body).toMatchObject({ channel: 'C0CHANNEL1', ts: threadTs });
    expect(h.answers.calls).toEqual([
      {
        question: '研发人员占比呢?',
        history: [
          { role: 'user', content: '摩尔线程有多少名员工?' },
          { role: 'assistant', content: EMPLOYEES_RESULT.answer },
        ],
      },
    ]);
    expect(posts(h)).toHaveLength(1);
    expect(posts(h)[0].body.thread_ts).toBe(threadTs);
    expect(blockText(posts(h)[0])).toContain('74.94%');
  });

  it('uses a DM thread as history and replies in that thread', async () => {
    const h = await start();
    const threadTs = '1700000007.000100';
    h.fake.setThread(threadTs, [
      { ts: threadTs, user: 'U0ASKER01', text: '摩尔线程有多少名员工?' },
      { ts: '1700000007.000200', user: FAKE_BOT_USER_ID, bot_id: FAKE_BOT_ID, text: EMPLOYEES_RESULT.answer },
    ]);
    await post(h, signedEvent('Ev007', directMessage('1700000007.000300', '研发人员占比呢?', { thread_ts: threadTs }), h.now()));
    await settled(h);
    await h.slack.drain();
    expect(h.answers.calls[0].history).toHaveLength(2);
    expect(posts(h)[0].body).toMatchObject({ channel: 'D0DIRECT1', thread_ts: threadTs });
  });

  it('acknowledges /ask in under 3 s, answers via response_url, then shares it with the channel', async () => {
    const h = await start();
    h.answers.setDelay(300); // the answer takes a while; the ack must not wait for it
    const res = await post(h, signedSlashCommand({ text: '摩尔线程有多少名员工?', response_url: h.fake.responseUrl('cmd-1') }, h.now()));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    expect(JSON.parse(res.text)).toEqual({ response_type: 'ephemeral', text: SEARCHING_TEXT });
    console.info(`slack: /ask acknowledged in ${res.ms.toFixed(1)} ms (answer takes ≥300 ms)`);

    const [answer] = (await h.fake.waitFor((c) => c.some((x) => x.path === '/response/cmd-1'))).filter((c) => c.path === '/response/cmd-1');
    expect(answer.at).toBeGreaterThan(Date.now() - 5000);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(blockText(answer)).toContain('1126');
    expect(blockText(answer)).toContain('摩尔线程有多少名员工?');
    const actions = (answer.body.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((b) => b.type === 'actions')!;
    const button = actions.elements![0];
    expect(button.action_id).toBe('share_answer');
    expect(h.answers.calls).toEqual([{ question: '摩尔线程有多少名员工?', history: [] }]);

    const click = await post(
      h,
      signedInteraction(
        {
          type: 'block_actions',
          user: { id: 'U0ASKER01' },
          team: { id: 'T00000001' },
          channel: { id: 'C0CHANNEL1' },
          container: { type: 'message', is_ephemeral: true },
          response_url: h.fake.responseUrl('share-1'),
          trigger_id: '1.2.3',
          actions: [{ type: 'button', action_id: 'share_answer', block_id: 'share', value: button.value, action_ts: '1' }],
        },
        h.now(),
      ),
    );
    expect(click.status).toBe(200);
    const shareCalls = (await h.fake.waitFor((c) => c.filter((x) => x.path === '/response/share-1').length >= 2)).filter(
      (c) => c.path === '/response/share-1',
    );
    expect(shareCalls[0].body.response_type).toBe('in_channel');
    expect(blockText(shareCalls[0])).toContain('1126');
    expect(blockText(shareCalls[0])).toContain('<@U0ASKER01> asked');
    expect(blockText(shareCalls[0])).not.toContain('share_answer'); // no button on the public copy
    expect(shareCalls[1].body).toEqual({ delete_original: true });
    expect(h.answers.calls).toHaveLength(1); // sharing does not ask again
  });

  it('answers an unanswerable /ask plainly, without a Share button; an unknown share id gets a polite note', async () => {
    const h = await start();
    await post(h, signedSlashCommand({ text: '谁是美国总统?', response_url: h.fake.responseUrl('cmd-3') }, h.now()));
    const [reply] = (await h.fake.waitFor((c) => c.some((x) => x.path === '/response/cmd-3'))).filter((c) => c.path === '/response/cmd-3');
    expect(blockText(reply)).toContain("couldn't find an answer");
    expect(blockText(reply)).not.toContain('share_answer');

    const payload = {
      type: 'block_actions',
      user: { id: 'U0ASKER01' },
      team: { id: 'T00000001' },
      channel: { id: 'C0CHANNEL1' },
      response_url: h.fake.responseUrl('share-x'),
      actions: [{ type: 'button', action_id: 'share_answer', block_id: 'share', value: 'no-such-id', action_ts: '1' }],
    };
    expect((await post(h, signedInteraction(payload, h.now()))).status).toBe(200);
    const [note] = (await h.fake.waitFor((c) => c.some((x) => x.path === '/response/share-x'))).filter((c) => c.path === '/response/share-x');
    expect(note.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(note.body.text)).toMatch(/no longer available/);
    expect(posts(h)).toEqual([]);
  });

  it('answers an empty /ask with a usage hint and does no work', async () => {
    const h = await start();
    const res = await post(h, signedSlashCommand({ text: '  ', response_url: h.fake.responseUrl('cmd-2') }, h.now()));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).text).toContain('/ask <question>');
    await h.slack.drain();
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(h.answers.calls).toEqual([]);
  });

  describe('rejects unauthenticated requests with 401 and posts nothing', () => {
    const event = () => signedEvent('Ev100', mention('1700000100.000100', `<@${FAKE_BOT_USER_ID}> 摩尔线程有多少名员工?`), 0);

    async function expectRejected(h: Harness, req: SignedRequest) {
      const res = await post(h, req);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.text).error.code).toBe('unauthorized');
      await h.slack.drain();
      expect(h.fake.calls).toEqual([]);
      expect(h.answers.calls).toEqual([]);
    }

    it('bad signature', async () => {
      const h = await start();
      const req = signedEvent('Ev101', mention('1700000101.000100', 'hi'), h.now());
      await expectRejected(h, { ...req, headers: { ...req.headers, 'x-slack-signature': `v0=${'0'.repeat(64)}` } });
    });

    it('body changed after signing', async () => {
      const h = await start();
      const req = signedEvent('Ev102', mention('1700000102.000100', 'hi'), h.now());
      await expectRejected(h, { ...req, body: req.body.replace('hi', 'ho') });
    });

    it('signed with another secret', async () => {
      const h = await start();
      await expectRejected(h, signed(event().body, 'application/json', h.now(), 'some-other-secret'));
    });

    it('missing headers', async () => {
      const h = await start();
      await expectRejected(h, { body: event().body, headers: { 'content-type': 'application/json' } });
    });

    it('stale timestamp (5 min + 1 s ago)', async () => {
      const h = await start();
      await expectRejected(h, signed(event().body, 'application/json', h.now() - 301));
    });

    it('future timestamp (5 min + 1 s ahead)', async () => {
      const h = await start();
      await expectRejected(h, signed(event().body, 'application/json', h.now() + 301));
    });
  });

  it('accepts timestamps just inside the 5-minute window in both directions', async () => {
    const h = await start();
    const body = JSON.stringify({ challenge: 'x', type: 'url_verification' });
    expect((await post(h, signed(body, 'application/json', h.now() - 290))).status).toBe(200);
    expect((await post(h, signed(body, 'application/json', h.now() + 290))).status).toBe(200);
  });

  it('keeps serving when the Slack API answers 500, and recovers when it is back', async () => {
    const h = await start();
    h.fake.failWith(500);
    const res = await post(h, signedEvent('Ev200', mention('1700000200.000100', `<@${FAKE_BOT_USER_ID}> 摩尔线程有多少名员工?`), h.now()));
    expect(res.status).toBe(200);
    // The answer fails to post, then the apology is attempted; both fail against the fake.
    await h.fake.waitFor((c) => c.filter((x) => x.method === 'chat.postMessage').length >= 2);
    await h.slack.drain();
    expect(h.logs.some((l) => l.level >= 50 && /could not post the answer/.test(l.msg))).toBe(true);

    const health = await fetch(`${h.base}/api/health`);
    expect(health.status).toBe(200);

    h.fake.failWith(undefined);
    await post(h, signedEvent('Ev201', mention('1700000201.000100', `<@${FAKE_BOT_USER_ID}> 摩尔线程有多少名员工?`), h.now()));
    await h.fake.waitFor((c) => c.filter((x) => x.method === 'chat.postMessage').length >= 3);
    await h.slack.drain();
    expect(blockText(posts(h)[2])).toContain('1126');
  });

  it('apologises in the thread when answering throws', async () => {
    const h = await start();
    h.answers.failWith(new Error('core exploded'));
    await post(h, signedEvent('Ev300', mention('1700000300.000100', `<@${FAKE_BOT_USER_ID}> 摩尔线程有多少名员工?`), h.now()));
    await settled(h);
    await h.slack.drain();
    expect(posts(h)).toHaveLength(1);
    expect(posts(h)[0].body).toMatchObject({ thread_ts: '1700000300.000100', text: APOLOGY_TEXT });
    expect(h.logs.some((l) => l.level >= 50 && /answering failed/.test(l.msg))).toBe(true);
  });

  it('apologises through response_url when the answer takes longer than the answer timeout', async () => {
    const h = await start({ answerTimeoutMs: 100 });
    h.answers.setDelay(1000);
    const res = await post(h, signedSlashCommand({ text: '摩尔线程有多少名员工?', response_url: h.fake.responseUrl('cmd-slow') }, h.now()));
    expect(res.status).toBe(200);
    const [reply] = (await h.fake.waitFor((c) => c.some((x) => x.path === '/response/cmd-slow'))).filter((c) => c.path === '/response/cmd-slow');
    expect(reply.body.text).toBe(APOLOGY_TEXT);
    expect(h.logs.some((l) => l.level >= 50 && /answering failed/.test(l.msg))).toBe(true);
  });

  it('says the index is not loaded instead of failing when there are no services', async () => {
    const h = await start({ holder: { current: undefined } });
    await post(h, signedEvent('Ev400', mention('1700000400.000100', `<@${FAKE_BOT_USER_ID}> 摩尔线程有多少名员工?`), h.now()));
    await settled(h);
    await h.slack.drain();
    expect(posts(h)[0].body.text).toBe(NO_INDEX_TEXT.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });

  it('does not touch other routes: /api still parses JSON and unknown paths are 404', async () => {
    const h = await start();
    expect((await fetch(`${h.base}/api/health`)).status).toBe(200);
    expect((await fetch(`${h.base}/slack/other`, { method: 'POST' })).status).toBe(404);
  });
});

describe('Slack bot with the real answer service', () => {
  let real: TestServices;
  beforeAll(async () => {
    real = await buildTestServices();
  }, 120_000);
  afterAll(async () => {
    await real?.cleanup();
  });

  it('answers 摩尔线程有多少名员工? with 1126 and cites the article', async () => {
    const h = await start({ holder: { current: real.services } });
    await post(h, signedEvent('Ev900', mention('1700000900.000100', `<@${FAKE_BOT_USER_ID}> 摩尔线程有多少名员工?`), h.now()));
    await settled(h, 1);
    await h.slack.drain();
    expect(posts(h)).toHaveLength(1);
    const blocks = posts(h)[0].body.blocks as Array<{ type: string; text?: { text: string }; elements?: Array<{ text: string }> }>;
    const answer = blocks.filter((b) => b.type === 'section').map((b) => b.text!.text).join('\n');
    expect(answer).toContain('1126');
    const sources = blocks.filter((b) => b.type === 'context').flatMap((b) => b.elements!.map((e) => e.text)).join('\n');
    expect(sources).toMatch(/\*\[1\]\*/);
    expect(sources).toContain('1126');
  });
});
