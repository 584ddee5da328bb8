/**
 * The rows one answered turn becomes (a conversation when it is new, and the message with its citations),
 * built in one place for both dialects' batch writers.
 */
import type { Insertable } from 'kysely';
import type { Citation } from '../core/types.js';
import type { NewConversation, NewTurn } from './conversation-repository.js';
import type { ConversationsTable, MessagesTable } from './database-schema.js';
import { normaliseQuestion } from './normalise-question.js';

/** One turn waiting to be written, with its owner. */
export interface TurnToStore {
  owner: string;
  conversation: NewConversation;
  turn: NewTurn;
}

/** Writes a batch atomically; per turn, whether it was stored (false: the conversation is another owner's). */
export type TurnBatchWriter = (batch: TurnToStore[]) => Promise<boolean[]>;

export const conversationRow = ({ owner, conversation, turn }: TurnToStore, updatedAt = turn.createdAt): Insertable<ConversationsTable> => ({
  id: conversation.id,
  owner,
  title: conversation.title,
  source: conversation.source,
  created_at: turn.createdAt,
  updated_at: updatedAt,
});

/** The message row without its citations (each writer serialises those its own way: see messageRow). */
export const messageFields = ({ conversation, turn }: TurnToStore) => ({
  id: turn.messageId,
  conversation_id: conversation.id,
  question: turn.question,
  question_norm: normaliseQuestion(turn.question),
  answer: turn.answer,
  answered: turn.answered ? 1 : 0,
  degraded: turn.degraded ? 1 : 0,
  created_at: turn.createdAt,
});

/** The message row: its citations as the answer sent them, one JSON text. */
export const messageRow = (p: TurnToStore): Insertable<MessagesTable> => ({ ...messageFields(p), citations: wellFormedJson(p.turn.citations) });

/** A message's citations column, as messageRow wrote it (a JSON array of Citation, as the answer sent them). */
export const parseCitations = (json: string): Citation[] => JSON.parse(json) as Citation[];

/**
 * JSON text whose strings are well-formed UTF-16. A string with a lone surrogate (valid in JavaScript and in
 * a request's JSON; /api/ask refuses it, the CLI or Slack could pass it) becomes a `\udXXX` escape, which
 * PostgreSQL's json refuses and which would read back as the lone surrogate; it is stored as U+FFFD, as a
 * text column's UTF-8 encoding stores it. The check is one pass over the text.
 */
const LONE_SURROGATE_ESCAPE = /\\ud[89a-f][0-9a-f]{2}/i;
export function wellFormedJson(value: unknown): string {
  const text = JSON.stringify(value);
  return LONE_SURROGATE_ESCAPE.test(text) ? JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? (v as string & { toWellFormed(): string }).toWellFormed() : v)) : text;
}

/**
 * Which turns of a batch may be stored, given each conversation's owner (`owners`, after creating the new
 * ones), and the last-use time to set on conversations that already existed or got more than their first turn.
 */
export function acceptTurns(batch: TurnToStore[], owners: Map<string, string>, created: Set<string>) {
  const stored = batch.map((p) => owners.get(p.conversation.id) === p.owner);
  const firstAt = new Map<string, number>();
  const lastUse = new Map<string, number>();
  batch.forEach((p, i) => {
    if (!stored[i]) return;
    const id = p.conversation.id;
    if (!firstAt.has(id)) firstAt.set(id, p.turn.createdAt);
    lastUse.set(id, Math.max(lastUse.get(id) ?? 0, p.turn.createdAt));
  });
  const touch = [...lastUse].filter(([id, at]) => !created.has(id) || at > firstAt.get(id)!);
  return { stored, touch };
}
