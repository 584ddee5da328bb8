import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../server/logger.js';
import { createBotAuthorizer } from '../../server/slack/bot-identity.js';

function fakeClient(results: Array<'fail' | { user_id: string; bot_id: string }>) {
  let calls = 0;
  const client = {
    auth: {
      test: async () => {
        const r = results[Math.min(calls++, results.length - 1)];
        if (r === 'fail') throw new Error('slack down');
        return { ok: true, ...r };
      },
    },
  } as unknown as webApi.WebClient;
  return { client, calls: () => calls };
}

describe('createBotAuthorizer', () => {
  it('authorizes without the bot ids while auth.test fails, retries, then caches success', async () => {
    const { client, calls } = fakeClient(['fail', { user_id: 'UBOT', bot_id: 'BBOT' }]);
    const auth = createBotAuthorizer(client, 'xoxb-1', silentLogger());
    expect(await auth.authorize()).toEqual({ botToken: 'xoxb-1' });
    expect(await auth.authorize()).toEqual({ botToken: 'xoxb-1', botUserId: 'UBOT', botId: 'BBOT' });
    expect(await auth.authorize()).toEqual({ botToken: 'xoxb-1', botUserId: 'UBOT', botId: 'BBOT' });
    expect(calls()).toBe(2);
  });

  it('shares one auth.test between concurrent events', async () => {
    const { client, calls } = fakeClient([{ user_id: 'UBOT', bot_id: 'BBOT' }]);
    const auth = createBotAuthorizer(client, 'xoxb-1', silentLogger());
    await Promise.all([auth.authorize(), auth.authorize(), auth.identity()]);
    expect(calls()).toBe(1);
  });
});
