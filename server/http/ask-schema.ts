import { z } from 'zod';
import { AppError } from '../errors.js';
import type { HistoryTurn } from '../core/types.js';
import { MAX_HISTORY_CHARS, MAX_HISTORY_TURNS } from '../core/history-limits.js';

export const MAX_QUESTION_CHARS = 2000;
export { MAX_HISTORY_CHARS, MAX_HISTORY_TURNS };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const Question = z
  .string({ error: 'question must be a string' })
  .refine((q) => q.trim().length > 0, 'question must not be empty')
  .refine((q) => q.length <= MAX_QUESTION_CHARS, `question must be at most ${MAX_QUESTION_CHARS} characters`)
  .refine((q) => !LONE_SURROGATE.test(q), 'question contains invalid Unicode (a lone surrogate)');

const Turn = z.object({
  role: z.enum(['user', 'assistant']),
  content: z
    .string()
    .max(MAX_QUESTION_CHARS * 4)
    .refine((c) => !LONE_SURROGATE.test(c), 'history content contains invalid Unicode'),
});

const History = z
  .array(Turn)
  .max(MAX_HISTORY_TURNS, `history may hold at most ${MAX_HISTORY_TURNS} turns`)
  .refine(
    (turns) => turns.reduce((n, t) => n + t.content.length, 0) <= MAX_HISTORY_CHARS,
    `history may hold at most ${MAX_HISTORY_CHARS} characters`,
  );

/** Ids are ours (UUIDs), but any short printable string is accepted: an unknown one is a 404, not a 400. */
const ConversationId = z.string().min(1).max(100).regex(/^[\x21-\x7e]+$/);

/** Validates the shared body of /api/ask and /api/ask/stream. */
export function parseAskBody(body: unknown): { question: string; history: HistoryTurn[]; conversationId?: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('bad_request', 'Body must be a JSON object like {"question": "..."}.', 400);
  }
  const b = body as Record<string, unknown>;
  const q = Question.safeParse(b.question);
  if (!q.success) {
    const message = b.question === undefined ? 'question is required' : q.error.issues[0].message;
    throw new AppError('invalid_question', message, 400);
  }
  const h = History.optional().safeParse(b.history ?? undefined);
  if (!h.success) {
    const issue = h.error.issues[0];
    const where = issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
    throw new AppError('invalid_history', `history${where}: ${issue.message}`, 400);
  }
  let conversationId: string | undefined;
  if (b.conversationId !== undefined && b.conversationId !== null) {
    const c = ConversationId.safeParse(b.conversationId);
    if (!c.success) throw new AppError('bad_request', 'conversationId must be the id of one of your conversations (a string).', 400);
    conversationId = c.data;
  }
  return { question: q.data, history: h.data ?? [], ...(conversationId ? { conversationId } : {}) };
}
