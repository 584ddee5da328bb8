/**
 * Answering a Slack message (an @mention in a channel or a direct message): 👀 while working, read the
 * thread for history, answer, reply, and apologise if anything fails. Never throws.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ServicesHolder } from '../core/services.js';
import { buildAnswerMessage, type SlackMessage } from './answer-blocks.js';
import { APOLOGY_TEXT, askCorpus } from './ask-corpus.js';
import { slackTextToPlain } from './slack-text.js';
import { readThreadHistory } from './thread-history.js';
import type { TtlCache } from './ttl-cache.js';

export const WORKING_REACTION = 'eyes';

export interface IncomingMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
  /** Mentions are answered in a thread; top-level DMs are answered in the DM itself. */
  replyInThread: boolean;
}

export interface AnswerMessageDeps {
  services: ServicesHolder;
  logger: Logger;
  /** Token-bound client from Bolt's listener arguments. */
  client: webApi.WebClient;
  botUserId?: string;
  botId?: string;
  /**
   * Messages already being answered, keyed by channel + ts: a mention can arrive both as `app_mention`
   * and as `message` (different event_ids), and must be answered once.
   */
  answered: TtlCache<true>;
  answerTimeoutMs?: number;
}

async function react(deps: AnswerMessageDeps, msg: IncomingMessage, add: boolean): Promise<void> {
  try {
    const args = { channel: msg.channel, timestamp: msg.ts, name: WORKING_REACTION };
    await (add ? deps.client.reactions.add(args) : deps.client.reactions.remove(args));
  } catch (err) {
    // Cosmetic only: a missing reactions:write scope or an already-removed reaction must not matter.
    deps.logger.debug({ err, add }, 'slack: reaction update failed (ignored)');
  }
}

export async function answerMessage(msg: IncomingMessage, deps: AnswerMessageDeps): Promise<void> {
  const { logger, client } = deps;
  if (!deps.answered.claim(`${msg.channel}:${msg.ts}`, true)) {
    logger.debug({ channel: msg.channel, ts: msg.ts }, 'slack: message already being answered');
    return;
  }
  const threadTs = msg.replyInThread ? (msg.threadTs ?? msg.ts) : msg.threadTs;
  const post = (message: SlackMessage) =>
    client.chat.postMessage({
      channel: msg.channel,
      thread_ts: threadTs,
      text: message.text,
      blocks: message.blocks,
      // Source links would otherwise unfold into large previews under every answer.
      unfurl_links: false,
      unfurl_media: false,
    });

  await react(deps, msg, true);
  try {
    const inThread = msg.threadTs !== undefined && msg.threadTs !== msg.ts;
    const history = inThread
      ? await readThreadHistory(
          { channel: msg.channel, threadTs: msg.threadTs!, currentTs: msg.ts },
          { client, logger, botUserId: deps.botUserId, botId: deps.botId },
        )
      : [];
    const question = slackTextToPlain(msg.text, deps.botUserId);
    const outcome = await askCorpus(deps.services, logger, question, history, deps.answerTimeoutMs);
    await post(outcome.ok ? buildAnswerMessage(outcome.result) : outcome.message);
  } catch (err) {
    logger.error({ err, channel: msg.channel }, 'slack: could not post the answer');
    // The blocks may have been the problem (or Slack is down); a bare text apology is the best effort left.
    await client.chat
      .postMessage({ channel: msg.channel, thread_ts: threadTs, text: APOLOGY_TEXT })
      .catch((e: unknown) => logger.warn({ err: e }, 'slack: apology could not be posted either'));
  } finally {
    await react(deps, msg, false);
  }
}
