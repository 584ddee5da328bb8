/**
 * Two server instances on one database (SQLite file, and PostgreSQL with TEST_DATABASE_URL), each with its
 * own storage handle, app and Slack adapter, like two processes behind a load balancer:
 *  - an event delivered to one and its retry to the other is answered exactly once, also when both copies race;
 *  - the answer carries 👍/👎 buttons; a click through one instance is in the report read through the other.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createPersistence } from '../../server/core/persistence.js';
import { silentLogger } from '../../server/logger.js';
import { createSlackAdapter, type SlackAdapter } from '../../server/slack/slack-adapter.js';
import { openStorage, type Storage } from '../../server/storage/storage.js';
import { FEEDBACK_DOWN_ACTION_ID, FEEDBACK_UP_ACTION_ID } from '../../server/slack/feedback-blocks.js';
import { createFakeSlackAnswers } from '../helpers/fake-slack-answers.js';
import { startFakeSlackApi, type FakeSlackApi } from '../helpers/fake-slack-api.js';
import { signedEvent, signedInteraction, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type SignedRequest } from '../helpers/fake-slack-requests.js';
import { BACKENDS, type OpenedBackend } from '../helpers/storage-backends.js';

interface Instance {
  base: string;
  slack: SlackAdapter;
  storage: Storage;
  close(): Promise<void>;
}

const now = () => Math.floor(Date.now() / 1000);

describe.each(BACKENDS)('two instances on one $name database', (backend) => {
  let opened: OpenedBackend;
  let fake: FakeSlackApi;
  let a: Instance;
  let b: Instance;
  const answers = createFakeSlackAnswers();

  async function instance(): Promise<Instance> {
    const storage = await openStorage(opened.target);
    const config = loadConfig({ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: fake.apiUrl, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' });
    const persistence = createPersistence(storage, silentLogger());
    const slack = createSlackAdapter({ services: answers.holder, config: config.slack!, logger: silentLogger(), apiRetries: 0, persistence });
    const server = http.createServer(createApp({ services: answers.holder, logger: silentLogger(), config, slack, persistence }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return {
      base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      slack,
      storage,
      async close() {
        await slack.drain();
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
        await storage.close();
      },
    };
  }

  beforeAll(async () => {
    if (!backend.available) return;
    opened = await backend.open();
    fake = await startFakeSlackApi();
    a = await instance();
    b = await instance();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await fake?.close();
    await opened?.cleanup();
  });

  const post = (to: Instance, req: SignedRequest, headers: Record<string, string> = {}) =>
    fetch(`${to.base}/slack/events`, { method: 'POST', headers: { ...req.headers, ...headers }, body: req.body });
  const mention = (ts: string, text = '<@UBOT0001> 摩尔线程有多少名员工?') => ({ type: 'app_mention', user: 'U0ASKER01', text, ts, channel: 'C0CHANNEL1', event_ts: ts });
  const answersIn = (ts: string) => fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === ts);

  describe.skipIf(!backend.available)('', () => {
    it('answers an event delivered to one instance and retried to the other exactly once', async () => {
      expect((await post(a, signedEvent('Ev0001', mention('1700000001.000100'), now()))).status).toBe(200);
      await a.slack.drain();
      const retry = await post(b, signedEvent('Ev0001', mention('1700000001.000100'), now()), { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
      expect(retry.status).toBe(200);
      await b.slack.drain();
      expect(answersIn('1700000001.000100')).toHaveLength(1);
    });

    it('answers once when both copies arrive at the same moment', async () => {
      const results = await Promise.all([post(a, signedEvent('Ev0002', mention('1700000002.000100'), now())), post(b, signedEvent('Ev0002', mention('1700000002.000100'), now()))]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      await Promise.all([a.slack.drain(), b.slack.drain()]);
      expect(answersIn('1700000002.000100')).toHaveLength(1);
    });

    it('puts 👍/👎 on the stored answer; a click through one instance is in the report read through the other', async () => {
      const [answer] = answersIn('1700000001.000100');
      const blocks = answer.body.blocks as Array<{ type: string; block_id?: string; elements?: Array<{ action_id: string; value: string }> }>;
      const buttons = blocks.find((x) => x.block_id === 'answer_feedback')!.elements!;
      expect(buttons.map((x) => x.action_id)).toEqual([FEEDBACK_UP_ACTION_ID, FEEDBACK_DOWN_ACTION_ID]);
      const messageId = buttons[1].value;

      const click = (user: string, actionId: string, responseId: string) =>
        signedInteraction(
          {
            type: 'block_actions',
            user: { id: user },
            team: { id: 'T00000001' },
            channel: { id: 'C0CHANNEL1' },
            container: { type: 'message' },
            response_url: fake.responseUrl(responseId),
            trigger_id: '1.2.3',
            actions: [{ type: 'button', action_id: actionId, block_id: 'answer_feedback', value: messageId, action_ts: '1' }],
          },
          now(),
        );
      expect((await post(b, click('U0RATER01', FEEDBACK_UP_ACTION_ID, 'fb-1'))).status).toBe(200);
      await b.slack.drain();
      expect((await post(b, click('U0RATER01', FEEDBACK_DOWN_ACTION_ID, 'fb-2'))).status).toBe(200);
      await b.slack.drain();
      const confirmations = fake.calls.filter((c) => c.path.startsWith('/response/fb-'));
      expect(confirmations.map((c) => c.body.response_type)).toEqual(['ephemeral', 'ephemeral']);

      const report = (await (await fetch(`${a.base}/api/admin/report?since=1d`)).json()) as {
        totals: { down: number; up: number; questions: number };
        downVoted: Array<{ messageId: string; slackUser: string; question: string; citations: unknown[] }>;
      };
      // The last click wins: one down-vote, no up-vote.
      expect(report.totals).toMatchObject({ questions: 2, up: 0, down: 1 });
      expect(report.downVoted).toEqual([expect.objectContaining({ messageId, slackUser: 'U0RATER01', question: '摩尔线程有多少名员工?' })]);
      expect(report.downVoted[0].citations).toHaveLength(1);
    });
  });
});
