/**
 * Bolt's `authorize` for a single workspace, replacing Bolt's own `token:` mode.
 *
 * With `token:`, Bolt calls auth.test once in its constructor and caches the promise forever: if Slack
 * is down at start-up every later event fails authorization (and the rejection may go unhandled). Here
 * a successful auth.test is cached, a failed one is retried on the next event, and meanwhile events are
 * still handled (without the bot's own ids; bot messages are filtered by bot_id as well).
 */
import type { AuthorizeResult, webApi } from '@slack/bolt';
import type { Logger } from 'pino';

export interface BotIdentity {
  botUserId?: string;
  botId?: string;
}

export interface BotAuthorizer {
  authorize: () => Promise<AuthorizeResult>;
  /** The bot's ids if auth.test has succeeded (or is fetched now); {} when Slack is unreachable. */
  identity: () => Promise<BotIdentity>;
}

export function createBotAuthorizer(client: webApi.WebClient, botToken: string, logger: Logger): BotAuthorizer {
  let pending: Promise<BotIdentity> | undefined;

  const identity = (): Promise<BotIdentity> => {
    pending ??= client.auth
      .test()
      .then((res) => ({ botUserId: res.user_id, botId: res.bot_id }))
      .catch((err: unknown) => {
        pending = undefined; // retry on the next event
        logger.warn({ err }, 'slack: auth.test failed; continuing without the bot identity');
        return {};
      });
    return pending;
  };

  return {
    identity,
    authorize: async () => ({ botToken, ...(await identity()) }),
  };
}
