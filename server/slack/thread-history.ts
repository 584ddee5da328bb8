/**
 * A Slack thread → conversation history for the answer service, so "and how many employees?" in a
 * thread is understood in the context of the earlier turns.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { HistoryTurn } from '../core/types.js';
import { MAX_HISTORY_CHARS, MAX_HISTORY_TURNS } from '../core/question-limits.js';
import { slackTextToPlain } from './slack-text.js';

/** The same bounds the HTTP API enforces, so Slack cannot feed the service more than /api/ask accepts. */
const MAX_TURN_CHARS = 2000;
/** One page of replies; older turns matter little and MAX_HISTORY_TURNS caps them anyway. */
const REPLIES_PAGE = 100;

export interface ThreadMessage {
  ts?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  subtype?: string;
}

export interface ThreadRef {
  channel: string;
  threadTs: string;
  /** The message being answered; it and anything after it are not history. */
  currentTs: string;
}

/** Pure mapping, exported for unit tests. */
export function toHistory(messages: ThreadMessage[], currentTs: string, botUserId?: string, botId?: string): HistoryTurn[] {
  const turns: HistoryTurn[] = [];
  for (const m of messages) {
    if (!m.ts || Number(m.ts) >= Number(currentTs)) continue;
    const fromUs = (botUserId !== undefined && m.user === botUserId) || (botId !== undefined && m.bot_id === botId);
    // Other bots and system messages (joins, edits) are not part of the conversation with us.
    if (!fromUs && (m.bot_id || (m.subtype && m.subtype !== 'thread_broadcast'))) continue;
    // Our own replies end with a "Sources:" line (the plain-text fallback); it is not part of what we said.
    const text = fromUs ? (m.text ?? '').split('\nSources: ')[0] : (m.text ?? '');
    const content = slackTextToPlain(text, botUserId).slice(0, MAX_TURN_CHARS);
    if (!content) continue;
    turns.push({ role: fromUs ? 'assistant' : 'user', content });
  }
  const recent = turns.slice(-MAX_HISTORY_TURNS);
  // Drop the oldest turns until the total fits.
  let total = recent.reduce((n, t) => n + t.content.length, 0);
  while (recent.length > 0 && total > MAX_HISTORY_CHARS) total -= recent.shift()!.content.length;
  return recent;
}

export interface ThreadHistoryDeps {
  client: webApi.WebClient;
  logger: Logger;
  botUserId?: string;
  botId?: string;
}

/**
 * Reads the thread with conversations.replies. A failure (missing *:history scope, API error) degrades
 * to "no history" rather than failing the answer.
 */
export async function readThreadHistory(ref: ThreadRef, deps: ThreadHistoryDeps): Promise<HistoryTurn[]> {
  try {
    const res = await deps.client.conversations.replies({ channel: ref.channel, ts: ref.threadTs, limit: REPLIES_PAGE });
    return toHistory((res.messages ?? []) as ThreadMessage[], ref.currentTs, deps.botUserId, deps.botId);
  } catch (err) {
    deps.logger.warn({ err, channel: ref.channel }, 'slack: could not read thread history; answering without it');
    return [];
  }
}
