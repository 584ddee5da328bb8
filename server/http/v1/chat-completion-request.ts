import { z } from 'zod';
import type { HistoryTurn } from '../../core/types.js';
import { AppError } from '../../shared/errors.js';
import { MAX_HISTORY_CHARS, MAX_HISTORY_TURNS, MAX_QUESTION_CHARS } from '../../core/question-limits.js';
import { stripSources } from './chat-completion-response.js';
import { charCount, hasLoneSurrogate } from '../../core/question-text.js';

/**
 * POST /v1/chat/completions request → the answer service's (question, history).
 *
 * Lenient where chat clients differ (unknown fields, `developer` role, content as parts, a model
 * id we do not know), strict where an answer would silently be wrong (non-text content, n > 1,
 * a conversation not ending in a user message).
 */
const Part = z.object({ type: z.string(), text: z.string().optional() }).passthrough();
const Message = z
  .object({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
    content: z.union([z.string(), z.array(Part), z.null()]).optional(),
  })
  .passthrough();

const Body = z
  .object({
    model: z.string().optional(),
    messages: z.array(Message).min(1, 'messages must hold at least one message').max(1000),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).passthrough().nullish(),
    n: z.number().int().nullish(),
  })
  .passthrough();

export interface ChatRequest {
  question: string;
  history: HistoryTurn[];
  stream: boolean;
  includeUsage: boolean;
  /** All message text, for the approximate prompt_tokens. */
  promptText: string;
}

const invalid = (message: string, param: string | null, code: 'bad_request' | 'invalid_question' = 'bad_request') =>
  new AppError(code, message, 400, { param });

function textOf(content: z.infer<typeof Message>['content'], index: number): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return content
    .map((part, p) => {
      if (part.type !== 'text' || typeof part.text !== 'string') {
        throw invalid(`Only text content is supported; got a "${part.type}" part.`, `messages[${index}].content[${p}]`);
      }
      return part.text;
    })
    .join('');
}

/** Keeps the most recent turns that fit the limits the /api contract sets for history. */
function trimHistory(turns: HistoryTurn[]): HistoryTurn[] {
  const kept: HistoryTurn[] = [];
  let chars = 0;
  for (let i = turns.length - 1; i >= 0 && kept.length < MAX_HISTORY_TURNS; i--) {
    const content = turns[i].content.slice(0, MAX_QUESTION_CHARS * 4);
    if (chars + content.length > MAX_HISTORY_CHARS) break;
    chars += content.length;
    kept.unshift({ role: turns[i].role, content });
  }
  return kept;
}

export function parseChatRequest(body: unknown): ChatRequest {
  const parsed = Body.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '');
    throw invalid(`${param || 'body'}: ${issue.message}`, param || null);
  }
  const { messages, n, stream, stream_options } = parsed.data;
  if (n !== undefined && n !== null && n !== 1) throw invalid('Only n=1 is supported.', 'n');

  const texts = messages.map((m, i) => textOf(m.content, i));
  // The same text rules as /api: a lone surrogate cannot be tokenized, quoted or echoed back as valid UTF-8.
  const bad = texts.findIndex(hasLoneSurrogate);
  if (bad >= 0) throw invalid('Message content contains invalid Unicode (a lone surrogate).', `messages[${bad}].content`, bad === messages.length - 1 ? 'invalid_question' : 'bad_request');
  const last = messages[messages.length - 1];
  if (last.role !== 'user') throw invalid('The last message must come from the user.', `messages[${messages.length - 1}].role`);
  const question = texts[messages.length - 1].trim();
  if (!question) throw invalid('The last user message is empty.', `messages[${messages.length - 1}].content`, 'invalid_question');
  if (charCount(question) > MAX_QUESTION_CHARS) {
    throw invalid(`The question may be at most ${MAX_QUESTION_CHARS} characters.`, `messages[${messages.length - 1}].content`, 'invalid_question');
  }

  // System/developer prompts are not obeyed: the answering rules are the server's, not the client's.
  const turns: HistoryTurn[] = [];
  messages.slice(0, -1).forEach((m, i) => {
    if (m.role !== 'user' && m.role !== 'assistant') return;
    // Our own earlier replies carry a Sources list; the history needs only the answer.
    const content = (m.role === 'assistant' ? stripSources(texts[i]) : texts[i]).trim();
    if (content) turns.push({ role: m.role, content });
  });

  return {
    question,
    history: trimHistory(turns),
    stream: stream === true,
    includeUsage: stream_options?.include_usage === true,
    promptText: texts.join('\n'),
  };
}
