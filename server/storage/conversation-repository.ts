import type { Citation } from '../core/types.js';

/** Conversations and their turns, always read and changed on behalf of one owner. */
export interface ConversationRepository {
  /**
   * Stores one answered question, creating the conversation (titled `conversation.title`) when it is new,
   * in one transaction. Returns false (and stores nothing) when the conversation belongs to another owner.
   */
  appendTurn(owner: string, conversation: NewConversation, turn: NewTurn): Promise<boolean>;
  /** The owner's conversations, most recently used first. */
  list(owner: string, options?: { limit?: number; before?: number }): Promise<ConversationSummary[]>;
  /** A conversation with its turns (oldest first), or undefined when it is not the owner's. */
  get(owner: string, id: string, options?: { lastTurns?: number }): Promise<ConversationDetail | undefined>;
  /**
   * The questions and answers of the last `lastTurns` turns (oldest first), which is all a follow-up needs:
   * one query, without the citations, feedback and summary that `get` adds. Undefined when the
   * conversation is not the owner's.
   */
  history(owner: string, id: string, lastTurns: number): Promise<Array<{ question: string; answer: string }> | undefined>;
  rename(owner: string, id: string, title: string, at: number): Promise<boolean>;
  remove(owner: string, id: string): Promise<boolean>;
  /** Deletes conversations (with their turns, citations and feedback) last used before `cutoff`. */
  pruneOlderThan(cutoff: number): Promise<number>;
}

export interface NewConversation {
  id: string;
  title: string;
  source: 'web' | 'slack' | 'cli';
  /**
   * The caller made the id up for this turn (a new conversation no other turn can name yet), so it is
   * created without first looking for it; otherwise (a follow-up, a Slack thread) it is created only when missing.
   */
  minted?: boolean;
}

export interface NewTurn {
  messageId: string;
  question: string;
  answer: string;
  answered: boolean;
  degraded: boolean;
  citations: Citation[];
  createdAt: number;
}

export interface ConversationSummary {
  id: string;
  title: string;
  source: string;
  createdAt: number;
  updatedAt: number;
  turns: number;
}

export interface StoredTurn {
  messageId: string;
  question: string;
  answer: string;
  answered: boolean;
  degraded: boolean;
  citations: Citation[];
  createdAt: number;
  /** The owner's own rating of this answer, if any. */
  feedback?: { rating: 'up' | 'down'; comment: string | null };
}

export interface ConversationDetail extends ConversationSummary {
  turns: number;
  items: StoredTurn[];
}
