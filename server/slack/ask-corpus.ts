/**
 * The one way Slack handlers get an answer: the current answer service (read per question, so an index
 * reload is picked up), with every failure turned into a message a Slack user can act on.
 */
import type { Logger } from 'pino';
import type { ServicesHolder } from '../core/services.js';
import type { AskResult, HistoryTurn } from '../core/types.js';
import { MAX_QUESTION_CHARS } from '../core/question-limits.js';
import { charCount } from '../core/question-text.js';
import { buildNoticeMessage, type SlackMessage } from './answer-blocks.js';

export const APOLOGY_TEXT = 'Sorry, something went wrong while answering that. Please try again in a moment.';
export const NO_INDEX_TEXT = "Sorry, I can't answer right now: the document index isn't loaded. An admin needs to run `npm run ingest`.";
export const USAGE_TEXT = 'Ask me a question about the documents, for example: 摩尔线程有多少名员工?';
export const TOO_LONG_TEXT = `That question is too long; please keep it under ${MAX_QUESTION_CHARS} characters.`;

/** Slack users get an apology rather than an endless 👀 if the answer service hangs. */
export const DEFAULT_ANSWER_TIMEOUT_MS = 90_000;

export type AskOutcome = { ok: true; result: AskResult } | { ok: false; message: SlackMessage };

export async function askCorpus(
  services: ServicesHolder,
  logger: Logger,
  question: string,
  history: HistoryTurn[],
  timeoutMs = DEFAULT_ANSWER_TIMEOUT_MS,
): Promise<AskOutcome> {
  if (!question.trim()) return { ok: false, message: buildNoticeMessage(USAGE_TEXT) };
  if (charCount(question) > MAX_QUESTION_CHARS) return { ok: false, message: buildNoticeMessage(TOO_LONG_TEXT) };
  const current = services.current;
  if (!current) return { ok: false, message: buildNoticeMessage(NO_INDEX_TEXT) };
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // The signal lets a cooperative service stop its work; the race covers one that ignores it.
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`answer timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const result = await Promise.race([
      current.answerService.answerQuestion(question, history, { signal: controller.signal }),
      timeout,
    ]);
    return { ok: true, result };
  } catch (err) {
    logger.error({ err }, 'slack: answering failed');
    return { ok: false, message: buildNoticeMessage(APOLOGY_TEXT) };
  } finally {
    clearTimeout(timer);
  }
}
