/**
 * `/ask <question>`: acknowledge at once (Slack gives up after 3 s), answer through `response_url`
 * as an ephemeral message, and let the asker share it with the channel via a button.
 */
import { randomUUID } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ServicesHolder } from '../core/services.js';
import type { AskResult } from '../core/types.js';
import { buildAnswerMessage, buildNoticeMessage } from './answer-blocks.js';
import { APOLOGY_TEXT, askCorpus, USAGE_TEXT } from './ask-corpus.js';
import { postToResponseUrl, type FetchLike } from './response-url.js';
import { slackTextToPlain } from './slack-text.js';
import type { TtlCache } from './ttl-cache.js';

export const SEARCHING_TEXT = ':mag: Searching the documents…';
export const EXPIRED_SHARE_TEXT = 'That answer is no longer available to share. Run the command again to get a fresh one.';

/** What the share button refers to: kept server-side because a button value holds only 2,000 characters. */
export interface SharedAnswer {
  question: string;
  result: AskResult;
  userId: string;
  shared: boolean;
}

export interface SlashCommandDeps {
  services: ServicesHolder;
  logger: Logger;
  fetch: FetchLike;
  shares: TtlCache<SharedAnswer>;
  answerTimeoutMs?: number;
}

export interface SlashCommandPayload {
  text: string;
  user_id: string;
  channel_id: string;
  response_url: string;
  command: string;
}

/** Returns the ack body now, and the work to run after the ack has been sent. */
export function handleSlashCommand(
  command: SlashCommandPayload,
  deps: SlashCommandDeps,
): { ack: { response_type: 'ephemeral'; text: string }; work?: () => Promise<void> } {
  const question = slackTextToPlain(command.text);
  if (!question) return { ack: { response_type: 'ephemeral', text: `${USAGE_TEXT}\nUsage: \`${command.command} <question>\`` } };

  const work = async () => {
    const { logger } = deps;
    try {
      const outcome = await askCorpus(deps.services, logger, question, [], deps.answerTimeoutMs);
      if (!outcome.ok) {
        await postToResponseUrl(deps.fetch, command.response_url, { response_type: 'ephemeral', ...outcome.message });
        return;
      }
      // Only real answers are worth sharing; "not in the documents" stays private to the asker.
      let shareValue: string | undefined;
      if (outcome.result.answered) {
        shareValue = randomUUID();
        deps.shares.set(shareValue, { question, result: outcome.result, userId: command.user_id, shared: false });
      }
      const message = buildAnswerMessage(outcome.result, { question, shareValue });
      await postToResponseUrl(deps.fetch, command.response_url, { response_type: 'ephemeral', ...message });
    } catch (err) {
      logger.error({ err, channel: command.channel_id }, 'slack: slash command answer could not be delivered');
      await postToResponseUrl(deps.fetch, command.response_url, { response_type: 'ephemeral', ...buildNoticeMessage(APOLOGY_TEXT) }).catch(
        (e: unknown) => logger.warn({ err: e }, 'slack: apology could not be delivered either'),
      );
    }
  };
  return { ack: { response_type: 'ephemeral', text: SEARCHING_TEXT }, work };
}

export interface ShareActionPayload {
  value: string;
  userId: string;
  channelId?: string;
  responseUrl?: string;
}

/** The "Share in channel" button: post the stored answer for everyone, then remove the ephemeral copy. */
export async function handleShareAction(
  action: ShareActionPayload,
  deps: SlashCommandDeps & { client: webApi.WebClient },
): Promise<void> {
  const { logger } = deps;
  const entry = deps.shares.get(action.value);
  const reply = async (text: string) => {
    if (!action.responseUrl) return;
    await postToResponseUrl(deps.fetch, action.responseUrl, { response_type: 'ephemeral', replace_original: false, ...buildNoticeMessage(text) });
  };
  try {
    if (!entry) return await reply(EXPIRED_SHARE_TEXT);
    if (entry.shared) return await reply('That answer has already been shared.');
    const message = buildAnswerMessage(entry.result, { question: entry.question, askedBy: entry.userId });
    entry.shared = true;
    if (action.responseUrl) {
      try {
        await postToResponseUrl(deps.fetch, action.responseUrl, { response_type: 'in_channel', replace_original: false, ...message });
      } catch (err) {
        if (!action.channelId) throw err;
        // response_url can expire (30 min, 5 uses); posting as the bot works where the bot is a member.
        logger.warn({ err }, 'slack: share via response_url failed; posting as the bot instead');
        await deps.client.chat.postMessage({ channel: action.channelId, text: message.text, blocks: message.blocks, unfurl_links: false });
      }
      await postToResponseUrl(deps.fetch, action.responseUrl, { delete_original: true }).catch((err: unknown) =>
        logger.debug({ err }, 'slack: could not remove the ephemeral answer (ignored)'),
      );
    } else if (action.channelId) {
      await deps.client.chat.postMessage({ channel: action.channelId, text: message.text, blocks: message.blocks, unfurl_links: false });
    }
  } catch (err) {
    if (entry) entry.shared = false;
    logger.error({ err }, 'slack: sharing the answer failed');
    await reply('Sorry, I could not share that answer. Please try again.').catch(() => undefined);
  }
}
