/**
 * Posting a bot reply at most once.
 *
 * `chat.postMessage` is not idempotent: a call that timed out or got a 5xx may still have posted, so
 * the Web API client's automatic retries post the same answer twice (issue 17). Here the client never
 * retries on its own (retries: 0, rate limits rejected rather than waited out). We retry only when
 * the first attempt provably did not land:
 *   - HTTP 429: Slack refused the call; wait Retry-After (bounded) and post again;
 *   - a timeout, network error or 5xx: ambiguous, so read the thread (or the DM) for our reply, which
 *     carries message metadata naming the message it answers; post again only if it is not there;
 *   - an `ok: false` platform error (channel_not_found, invalid_blocks…): definitive, not retried.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

/** Message metadata event type that marks our replies, so a check can tell them from anything else. */
export const REPLY_EVENT_TYPE = 'corpus_qa_reply';
/** Longest Retry-After we wait out before giving up (Slack asks for ~1–60 s; an answer older than this is stale). */
export const MAX_RATE_LIMIT_WAIT_MS = 30_000;

export type ReplyKind = 'answer' | 'apology';

export interface PostOnceArgs {
  channel: string;
  /** Thread to reply in; undefined for a top-level message in a DM. */
  threadTs?: string;
  /** The user message this replies to: the check looks for replies after it that name it. */
  replyTo: string;
  kind: ReplyKind;
  text: string;
  blocks?: unknown[];
}

export interface PostOnceDeps {
  /** A client built with retries off and rejectRateLimitedCalls (postClientOptions). */
  client: webApi.WebClient;
  /** For the landed-check: reads are idempotent, so this client may retry them (defaults to `client`). */
  readClient?: webApi.WebClient;
  logger: Logger;
  botUserId?: string;
  botId?: string;
  /** Attempts including the first; a retry only ever follows a check that found nothing. */
  attempts?: number;
  maxRateLimitWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * posted: the call succeeded; landed: it failed ambiguously but the reply is in the conversation;
 * failed: nothing (we know of) reached the user.
 */
export type PostOutcome = 'posted' | 'landed' | 'failed';

interface SlackErrorLike {
  code?: string;
  retryAfter?: number;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The Web API client options for posts: no automatic retry of any kind. */
export function postClientOptions<T extends object>(base: T): T & { retryConfig: { retries: number }; rejectRateLimitedCalls: true } {
  return { ...base, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true };
}

interface FoundMessage {
  ts?: string;
  user?: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/** true: our reply of this kind is there; false: it is not; undefined: the check itself failed. */
async function replyIsThere(args: PostOnceArgs, deps: PostOnceDeps): Promise<boolean | undefined> {
  try {
    const query = { channel: args.channel, oldest: args.replyTo, include_all_metadata: true, limit: 100 };
    const reader = deps.readClient ?? deps.client;
    const res = args.threadTs ? await reader.conversations.replies({ ...query, ts: args.threadTs }) : await reader.conversations.history(query);
    const messages = (res.messages ?? []) as FoundMessage[];
    // Our metadata names the message replied to; the sender check is extra when our identity is known
    // (auth.test may not have answered yet — then the metadata alone decides).
    const known = deps.botUserId !== undefined || deps.botId !== undefined;
    return messages.some(
      (m) =>
        (!known || (deps.botUserId !== undefined && m.user === deps.botUserId) || (deps.botId !== undefined && m.bot_id === deps.botId)) &&
        m.metadata?.event_type === REPLY_EVENT_TYPE &&
        m.metadata.event_payload?.reply_to === args.replyTo &&
        m.metadata.event_payload?.kind === args.kind,
    );
  } catch (err) {
    deps.logger.warn({ err, channel: args.channel }, 'slack: could not check whether a failed post landed');
    return undefined;
  }
}

export async function postOnce(args: PostOnceArgs, deps: PostOnceDeps): Promise<PostOutcome> {
  const attempts = deps.attempts ?? 2;
  const maxWait = deps.maxRateLimitWaitMs ?? MAX_RATE_LIMIT_WAIT_MS;
  const sleep = deps.sleep ?? sleepFor;
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.client.chat.postMessage({
        channel: args.channel,
        thread_ts: args.threadTs,
        text: args.text,
        blocks: args.blocks as never,
        metadata: { event_type: REPLY_EVENT_TYPE, event_payload: { reply_to: args.replyTo, kind: args.kind } },
        // Source links would otherwise unfold into large previews under every answer.
        unfurl_links: false,
        unfurl_media: false,
      });
      return 'posted';
    } catch (err) {
      const e = err as SlackErrorLike;
      const last = attempt >= attempts;
      if (e.code === 'slack_webapi_rate_limited_error') {
        const waitMs = (e.retryAfter ?? 1) * 1000;
        deps.logger.warn({ channel: args.channel, retryAfterMs: waitMs, kind: args.kind }, 'slack: post rate-limited');
        if (last || waitMs > maxWait) return 'failed';
        await sleep(waitMs);
        continue;
      }
      deps.logger.warn({ err, channel: args.channel, kind: args.kind, attempt }, 'slack: post failed');
      if (e.code === 'slack_webapi_platform_error') return 'failed';
      // Timeout, network error or 5xx: the post may have landed. Look before posting again.
      const there = await replyIsThere(args, deps);
      if (there) {
        deps.logger.info({ channel: args.channel, kind: args.kind }, 'slack: the failed post had landed; not posting again');
        return 'landed';
      }
      if (there === undefined || last) return 'failed';
    }
  }
}
