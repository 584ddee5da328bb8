import { ASKS_WHEN } from '../../../core/answer-type.js';
import type { QuestionKind } from './question-kind.js';

export const when: QuestionKind = {
  name: 'when',
  ownValue: true,
  // English "when" only where it opens the question (ASKS_WHEN): inside one it is a conjunction.
  asks: new RegExp(`什么时候|何时|哪天|哪一天|哪年|哪一年|几月|几号|哪个月|什么时间|日期|how often|${ASKS_WHEN.source}`, 'i'),
  answerCue: /\d{4}\s*年|\d+\s*月|\d+\s*日|\d{4}-\d{2}|\b(?:19|20)\d{2}\b|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|before|after|during|at boot|at startup)\b|启动|之前|之后|时/i,
};
