/**
 * Answering a Slack message (an @mention in a channel or a direct message): 👀 while working, read the
 * thread for history, answer, reply, and apologise if anything fails. Never throws.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ServicesHolder } from '../core/services.js';
import { buildAnswerMessage, type SlackMessage } from './answer-blocks.js';
import { APOLOGY_TEXT, askCorpus } from './ask-corpus.js';
import { postOnce, type PostOnceDeps, type ReplyKind } from './post-once.js';
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
  /** Token-bound client from Bolt's listener arguments (reads, reactions). */
  client: webApi.WebClient;
  /** Client for chat.postMessage with no automatic retries (post-once.ts). */
  postClient: webApi.WebClient;
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
  // Posts never retry on their own; the landed-check reads through Bolt's client, which may retry reads.
  const postDeps: PostOnceDeps = { client: deps.postClient, readClient: client, logger, botUserId: deps.botUserId, botId: deps.botId };
  const post = (message: Pick<SlackMessage, 'text'> & Partial<SlackMessage>, kind: ReplyKind) =>
    postOnce({ channel: msg.channel, threadTs, replyTo: msg.ts, kind, text: message.text, blocks: message.blocks }, postDeps);

  await react(deps, msg, true);
  let answered: Awaited<ReturnType<typeof post>> = 'failed';
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
    answered = await post(outcome.ok ? buildAnswerMessage(outcome.result) : outcome.message, 'answer');
  } catch (err) {
    logger.error({ err, channel: msg.channel }, 'slack: answering the message failed');
  }
  try {
    if (answered === 'failed') {
      logger.error({ channel: msg.channel, ts: msg.ts }, 'slack: could not post the answer');
      // The blocks may have been the problem (or Slack is down); a bare text apology is the best effort left.
      if ((await post({ text: APOLOGY_TEXT }, 'apology')) === 'failed') logger.warn({ channel: msg.channel }, 'slack: apology could not be posted either');
    }
  } finally {
    await react(deps, msg, false);
  }
}
