import { WHICH_MEASURE } from '../../../core/question-words.js';
import type { QuestionKind } from './question-kind.js';

export const which: QuestionKind = {
  name: 'which',
  // 哪家, 哪个, 哪所, 哪一类: "which" and any measure word (question-words.ts).
  asks: new RegExp(String.raw`${WHICH_MEASURE}|哪一|\bwhich\b|what (?:package|file|command|program|tool|option|company|kind)`, 'i'),
};
