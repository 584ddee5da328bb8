/**
 * The Slack bot: a Bolt 5 app mounted on our own Express app at POST /slack/events (one process, one port).
 *
 * Request path: raw body → our signature/timestamp check (401) → payload shape (400) → event_id dedupe (200, dropped) → Bolt
 * (url_verification, ack) → listeners, which ack first and answer in the background.
 */
import { randomUUID } from 'node:crypto';
import { App, ExpressReceiver, type AuthorizeResult } from '@slack/bolt';
import { webApi } from '@slack/bolt';
import { Router } from 'express';
import type { Logger } from 'pino';
import type { ServicesHolder } from '../core/services.js';
import { SHARE_ACTION_ID } from './answer-blocks.js';
import { answerMessage, type IncomingMessage } from './answer-message.js';
import { DEFAULT_ANSWER_TIMEOUT_MS } from './ask-corpus.js';
import { createBoltLogger } from './bolt-logger.js';
import { createBotAuthorizer, type BotIdentity } from './bot-identity.js';
import { EVENT_ID_MAX_ENTRIES, EVENT_ID_TTL_MS, eventDedupeMiddleware } from './event-dedupe.js';
import type { FetchLike } from './response-url.js';
import { postClientOptions } from './post-once.js';
import { handleShareAction, handleSlashCommand, type SharedAnswer } from './slash-command.js';
import { createTtlCache } from './ttl-cache.js';
import { slackBodyValidation } from './validate-slack-body.js';
import { slackSignatureMiddleware } from './verify-slack-request.js';
import type { Persistence } from '../core/persistence.js';
import { FEEDBACK_DOWN_ACTION_ID, FEEDBACK_UP_ACTION_ID } from './feedback-blocks.js';
import { handleFeedbackAction } from './feedback-action.js';
import { recordingServices } from './recording-services.js';
import { createDeliveryClaimer } from './stored-event-dedupe.js';

export const SLACK_EVENTS_PATH = '/slack/events';

/** Slack Web API calls time out rather than hold an answer (and its 👀) indefinitely. */
const WEB_API_TIMEOUT_MS = 10_000;
/** Share buttons stay usable for a day; response_url itself expires after 30 minutes, the bot fallback does not. */
const SHARE_TTL_MS = 24 * 60 * 60 * 1000;

export interface SlackAdapterConfig {
  signingSecret: string;
  botToken: string;
  /** Web API base URL, e.g. a fake in tests; defaults to https://slack.com/api/. */
  apiUrl?: string;
}

export interface SlackAdapterDeps {
  services: ServicesHolder;
  config: SlackAdapterConfig;
  logger: Logger;
  /** Milliseconds since the epoch; used for signature timestamps and cache expiry. */
  clock?: () => number;
  /** Used for the Web API and response_url posts. */
  fetch?: FetchLike;
  /**
   * Web API retries on network errors/5xx for reads and reactions (idempotent). Tests use 0 so a failing
   * fake fails fast. Posts are never retried automatically (post-once.ts).
   */
  apiRetries?: number;
  /** Per-call Web API timeout. */
  webApiTimeoutMs?: number;
  /** How long an answer may take before the user gets an apology instead. */
  answerTimeoutMs?: number;
  /**
   * The database: answers are stored (with 👍/👎 buttons) and deliveries are claimed there, so any number
   * of processes answer each event once. Without it, dedupe is per process and nothing is stored.
   */
  persistence?: Persistence;
}

export interface SlackAdapter {
  /** Mount with app.use(adapter.router) before the 404 handler; it only claims POST /slack/events. */
  router: Router;
  /** The bot's ids from auth.test (retried until it succeeds); {} if Slack is unreachable. */
  identity(): Promise<BotIdentity>;
  /** Resolves once every answer in progress has been delivered (graceful shutdown, tests). */
  drain(): Promise<void>;
}

interface LooseMessageEvent {
  type: string;
  subtype?: string;
  channel?: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
}

/** Bots (including ourselves) and system messages never get an answer, so bots cannot loop. */
function isFromHumanUser(event: LooseMessageEvent, botUserId?: string): boolean {
  if (event.bot_id || !event.user || event.user === botUserId) return false;
  return event.subtype === undefined || event.subtype === 'file_share' || event.subtype === 'thread_broadcast';
}

export function createSlackAdapter({
  services,
  config,
  logger: parentLogger,
  clock = Date.now,
  fetch: fetchFn = globalThis.fetch,
  apiRetries = 2,
  answerTimeoutMs = DEFAULT_ANSWER_TIMEOUT_MS,
  webApiTimeoutMs = WEB_API_TIMEOUT_MS,
  persistence,
}: SlackAdapterDeps): SlackAdapter {
  const logger = parentLogger.child({ component: 'slack' });
  const clientOptions = {
    slackApiUrl: config.apiUrl,
    retryConfig: { retries: apiRetries, factor: 2, minTimeout: 500, maxTimeout: 3000 },
    fetch: fetchFn,
    timeout: webApiTimeoutMs,
    logger: createBoltLogger(logger),
  };
  const authClient = new webApi.WebClient(config.botToken, clientOptions);
  // chat.postMessage is not idempotent: a retried post can post twice (issue 17).
  const postClient = new webApi.WebClient(config.botToken, postClientOptions(clientOptions));
  const authorizer = createBotAuthorizer(authClient, config.botToken, logger);

  const seenEvents = createTtlCache<true>({ maxEntries: EVENT_ID_MAX_ENTRIES, ttlMs: EVENT_ID_TTL_MS, clock });
  const answeredMessages = createTtlCache<true>({ maxEntries: EVENT_ID_MAX_ENTRIES, ttlMs: EVENT_ID_TTL_MS, clock });
  const shares = createTtlCache<SharedAnswer>({ maxEntries: 1000, ttlMs: SHARE_TTL_MS, clock });

  const router = Router();
  const claim = persistence ? createDeliveryClaimer(persistence.storage.slackEvents, seenEvents, logger, clock) : undefined;
  const dedupe = eventDedupeMiddleware(claim ? (eventId) => claim(`event:${eventId}`) : (eventId) => seenEvents.claim(eventId, true), logger);
  router.post(SLACK_EVENTS_PATH, ...slackSignatureMiddleware({ signingSecret: config.signingSecret, logger, clock }), slackBodyValidation(logger), dedupe);
  /** Stored answers when persistence is on: one conversation per thread or command. */
  const servicesFor = (channel: string, key: string): ServicesHolder =>
    persistence ? recordingServices(services, persistence.conversations, { channel, key }) : services;

  // Registers Bolt's own handlers for the same path on our router, after ours.
  const receiver = new ExpressReceiver({
    signingSecret: config.signingSecret,
    // Verified above with an injectable clock and a symmetric window; Bolt's check would read Date.now().
    signatureVerification: false,
    // Respond as soon as ack() is called; answers are computed afterwards.
    processBeforeResponse: false,
    endpoints: SLACK_EVENTS_PATH,
    router,
    logger: createBoltLogger(logger),
  });

  const bolt = new App({
    receiver,
    authorize: (): Promise<AuthorizeResult> => authorizer.authorize(),
    clientOptions,
    logger: createBoltLogger(logger),
    ignoreSelf: true,
  });
  bolt.error(async (err) => {
    logger.error({ err }, 'slack: unhandled Bolt error');
  });

  // Background work is tracked so shutdown (and tests) can wait for answers in flight.
  const inFlight = new Set<Promise<void>>();
  const runInBackground = (work: () => Promise<void>) => {
    const p = work()
      .catch((err: unknown) => logger.error({ err }, 'slack: background work failed'))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  const answer = (msg: IncomingMessage, client: webApi.WebClient, ids: BotIdentity) =>
    runInBackground(async () => {
      // One message can arrive as app_mention and as message (two event_ids), possibly at two processes.
      if (claim && !(await claim(`message:${msg.channel}:${msg.ts}`))) return;
      const thread = servicesFor(msg.channel, msg.threadTs ?? msg.ts);
      await answerMessage(msg, { services: thread, logger, client, postClient, answered: answeredMessages, answerTimeoutMs, ...ids });
    });

  bolt.event('app_mention', async ({ event, context, client }) => {
    const e = event as LooseMessageEvent;
    if (!isFromHumanUser(e, context.botUserId) || !e.channel || !e.ts) return;
    answer(
      { channel: e.channel, ts: e.ts, threadTs: e.thread_ts, text: e.text ?? '', replyInThread: true },
      client,
      { botUserId: context.botUserId, botId: context.botId },
    );
  });

  bolt.event('message', async ({ event, context, client }) => {
    const e = event as LooseMessageEvent;
    // Channel messages are only answered when they mention us (app_mention); this handles DMs.
    if (e.channel_type !== 'im' || !isFromHumanUser(e, context.botUserId) || !e.channel || !e.ts) return;
    answer(
      { channel: e.channel, ts: e.ts, threadTs: e.thread_ts, text: e.text ?? '', replyInThread: false },
      client,
      { botUserId: context.botUserId, botId: context.botId },
    );
  });

  // Any command routed here is treated as /ask, so a workspace can rename it if /ask is taken.
  bolt.command(/.*/, async ({ command, ack }) => {
    const { ack: body, work } = handleSlashCommand(command, {
      services: servicesFor(command.channel_id, `command:${randomUUID()}`),
      logger,
      fetch: fetchFn,
      shares,
      answerTimeoutMs,
    });
    await ack(body);
    if (work) runInBackground(work);
  });

  bolt.action(SHARE_ACTION_ID, async ({ ack, body, action, client }) => {
    await ack();
    const b = body as { user?: { id?: string }; channel?: { id?: string }; response_url?: string };
    const value = 'value' in action && typeof action.value === 'string' ? action.value : '';
    runInBackground(() =>
      handleShareAction(
        { value, userId: b.user?.id ?? '', channelId: b.channel?.id, responseUrl: b.response_url },
        { services, logger, fetch: fetchFn, shares, client: postClient },
      ),
    );
  });

  if (persistence) {
    for (const [actionId, rating] of [
      [FEEDBACK_UP_ACTION_ID, 'up'],
      [FEEDBACK_DOWN_ACTION_ID, 'down'],
    ] as const) {
      bolt.action(actionId, async ({ ack, body, action }) => {
        await ack();
        const b = body as { user?: { id?: string }; channel?: { id?: string }; response_url?: string };
        const messageId = 'value' in action && typeof action.value === 'string' ? action.value : '';
        if (!messageId || !b.user?.id) return;
        runInBackground(() =>
          handleFeedbackAction(
            { messageId, rating, userId: b.user!.id!, channelId: b.channel?.id, responseUrl: b.response_url },
            { feedback: persistence.storage.feedback, logger, fetch: fetchFn, clock },
          ),
        );
      });
    }
  }

  return {
    router,
    identity: authorizer.identity,
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
