/**
 * The rows one answered turn becomes (a conversation when it is new, the message, its citations), built in
 * one place for both dialects' batch writers.
 */
import type { Insertable } from 'kysely';
import type { NewConversation, NewTurn } from './conversation-repository.js';
import type { CitationsTable, ConversationsTable, MessagesTable } from './database-schema.js';
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

export const messageRow = ({ conversation, turn }: TurnToStore): Insertable<MessagesTable> => ({
  id: turn.messageId,
  conversation_id: conversation.id,
  question: turn.question,
  question_norm: normaliseQuestion(turn.question),
  answer: turn.answer,
  answered: turn.answered ? 1 : 0,
  degraded: turn.degraded ? 1 : 0,
  created_at: turn.createdAt,
});

export const citationRows = ({ turn }: TurnToStore): Insertable<CitationsTable>[] =>
  turn.citations.map((c) => ({ message_id: turn.messageId, n: c.n, doc_id: c.docId, source: c.source, title: c.title, start_offset: c.start, end_offset: c.end, quote: c.quote }));

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
