import type { ServicesHolder } from '../../server/core/services.js';
import type { AnswerService, AskResult, HistoryTurn } from '../../server/core/types.js';
import { citeSentence, corpusDocument, fakeServices } from './fake-services.js';

/**
 * A recording AnswerService with realistic results drawn from the real article (citations with exact
 * offsets), so the Slack adapter can be tested while the retrieval core is developed separately.
 */

export interface AnswerCall {
  question: string;
  history: HistoryTurn[];
}

export interface FakeSlackAnswers {
  holder: ServicesHolder;
  calls: AnswerCall[];
  /** Make the next answers throw. */
  failWith(error: Error | undefined): void;
  /** Make answering take this long (shows that Slack is acknowledged before the answer exists). */
  setDelay(ms: number): void;
}

const doc = corpusDocument();
const employees = citeSentence(doc, '1126 名员工', 1);

export const EMPLOYEES_RESULT: AskResult = {
  answer: '摩尔线程共有 1126 名员工,其中研发人员占比达 74.94% [1]。',
  answered: true,
  citations: [employees],
};

export const RND_SHARE_RESULT: AskResult = {
  answer: '研发人员占比达 74.94% [1]。',
  answered: true,
  citations: [{ ...employees }],
};

export const NOT_FOUND_RESULT: AskResult = {
  answer: '文章中没有提到这一信息。',
  answered: false,
  citations: [],
};

export function createFakeSlackAnswers(): FakeSlackAnswers {
  const calls: AnswerCall[] = [];
  let error: Error | undefined;
  let delayMs = 0;
  const service: AnswerService = {
    async answerQuestion(question, history = []) {
      calls.push({ question, history });
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      if (error) throw error;
      if (/员工/.test(question)) return EMPLOYEES_RESULT;
      if (/研发/.test(question) && history.length > 0) return RND_SHARE_RESULT;
      return NOT_FOUND_RESULT;
    },
  };
  return {
    holder: { current: fakeServices(service) },
    calls,
    failWith(e) {
      error = e;
    },
    setDelay(ms) {
      delayMs = ms;
    },
  };
}
