/**
 * Answers inside a stored conversation: loads the history for a follow-up, answers through the one
 * AnswerService, stores the exchange, and returns the answer with its conversationId and messageId.
 * Used by REST, the stream, Slack and the CLI alike.
 *
 * Persistence never fails an answer: a storage error is logged, marks health degraded, and the answer
 * goes out anyway (with the ids it would have had). A conversationId the owner cannot see is 404.
 */
import type { Logger } from 'pino';
import { AppError } from '../shared/errors.js';
import type { ConversationRepository, NewConversation, StoredTurn } from '../storage/conversation-repository.js';
import type { PersistenceHealth } from '../storage/persistence-health.js';
import type { AnswerOptions, AnswerService, AskResult, HistoryTurn } from './types.js';
import { MAX_HISTORY_CHARS, MAX_HISTORY_TURNS } from './question-limits.js';
import { timeOrderedId } from './time-ordered-id.js';

export const MAX_TITLE_CHARS = 120;

export interface ConversationAsk {
  owner: string;
  question: string;
  /** Continue this conversation (its stored turns become the history); omitted: a new one. */
  conversationId?: string;
  /** Where a new conversation comes from. */
  source?: NewConversation['source'];
  /**
   * A client-sent history (stateless callers). Used when there is no conversationId, or when the stored
   * history cannot be read (storage outage).
   */
  history?: HistoryTurn[];
  /**
   * Slack: the conversation id is derived from the thread and the history read from the thread itself,
   * so an unknown id is simply new rather than 404.
   */
  createIfMissing?: boolean;
}

export interface ConversationAskResult extends AskResult {
  conversationId: string;
  messageId: string;
}

export interface ConversationService {
  /**
   * Loads what the turn needs (the stored history); throws 404 for a conversation the owner cannot see.
   * Adapters that must fail before they start responding (the stream) call this first.
   */
  prepare(input: ConversationAsk): Promise<PreparedTurn>;
  /** Answers a prepared turn and stores it. */
  answer(turn: PreparedTurn, answerService: AnswerService, options?: AnswerOptions): Promise<ConversationAskResult>;
  /** prepare + answer. */
  ask(input: ConversationAsk, answerService: AnswerService, options?: AnswerOptions): Promise<ConversationAskResult>;
}

export interface PreparedTurn {
  input: ConversationAsk;
  conversationId: string;
  /** The id was made up here for a new conversation (see NewConversation.minted). */
  minted: boolean;
  history: HistoryTurn[];
}

export interface ConversationServiceDeps {
  conversations: ConversationRepository;
  health: PersistenceHealth;
  logger: Logger;
  clock?: () => number;
  newId?: () => string;
}

/** A title from the first question: one line, at most MAX_TITLE_CHARS. */
export function titleFrom(question: string): string {
  const line = question.replace(/\s+/g, ' ').trim();
  return line.length <= MAX_TITLE_CHARS ? line : `${line.slice(0, MAX_TITLE_CHARS - 1)}…`;
}

/** Stored exchanges → history turns, newest kept, within the limits /api/ask accepts from clients. */
export function historyFromTurns(turns: Array<Pick<StoredTurn, 'question' | 'answer'>>): HistoryTurn[] {
  const out: HistoryTurn[] = [];
  for (const t of turns) out.push({ role: 'user', content: t.question }, { role: 'assistant', content: t.answer });
  let recent = out.slice(-MAX_HISTORY_TURNS);
  const total = () => recent.reduce((n, t) => n + t.content.length, 0);
  // Whole exchanges go, so the history never starts with an orphaned answer.
  while (recent.length > 0 && total() > MAX_HISTORY_CHARS) recent = recent.slice(2);
  return recent;
}

export function createConversationService({ conversations, health, logger, clock = Date.now, newId = () => timeOrderedId(clock()) }: ConversationServiceDeps): ConversationService {
  const notFound = (id: string) => new AppError('not_found', `No conversation with id "${id}".`, 404);

  async function storedHistory(owner: string, id: string): Promise<HistoryTurn[] | undefined> {
    try {
      const found = await conversations.history(owner, id, MAX_HISTORY_TURNS / 2);
      health.succeeded();
      if (!found) throw notFound(id);
      return historyFromTurns(found);
    } catch (error) {
      if (error instanceof AppError) throw error;
      health.failed('load history', error);
      logger.error({ err: error, conversationId: id }, 'storage: could not load the conversation; answering with the history the client sent');
      return undefined;
    }
  }

  async function prepare(input: ConversationAsk): Promise<PreparedTurn> {
    const conversationId = input.conversationId ?? newId();
    let history = input.history ?? [];
    // Slack passes the thread as history and only needs the id; the page and API rely on the stored turns.
    if (input.conversationId && !input.createIfMissing) {
      const stored = await storedHistory(input.owner, input.conversationId);
      if (stored !== undefined) history = stored;
    }
    return { input, conversationId, minted: input.conversationId === undefined, history };
  }

  async function answer(turn: PreparedTurn, answerService: AnswerService, options: AnswerOptions = {}): Promise<ConversationAskResult> {
    const { input, conversationId, minted, history } = turn;
    const { owner, question } = input;
    const createdAt = clock();
    const result = await answerService.answerQuestion(question, history, options);
    const messageId = newId();
    try {
      const stored = await conversations.appendTurn(
        owner,
        { id: conversationId, title: titleFrom(question), source: input.source ?? 'web', minted },
        { messageId, question, answer: result.answer, answered: result.answered, degraded: Boolean(result.degraded), citations: result.citations, createdAt },
      );
      health.succeeded();
      // Only possible in a race with a delete, or an id guessed for another owner: never store into it.
      if (!stored) throw notFound(conversationId);
    } catch (error) {
      if (error instanceof AppError) throw error;
      health.failed('store answer', error);
      logger.error({ err: error, conversationId }, 'storage: could not store the answer; it was sent anyway');
    }
    return { ...result, conversationId, messageId };
  }

  return {
    prepare,
    answer,
    async ask(input, answerService, options) {
      return answer(await prepare(input), answerService, options);
    },
  };
}
