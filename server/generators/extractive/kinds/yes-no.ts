import type { QuestionKind } from './question-kind.js';
import { ENGLISH_AUXILIARIES } from '../../../core/question-words.js';

export const yesNo: QuestionKind = {
  name: 'yes-no',
  ownValue: true,
  // (Not a compound that opens with one: "Must-have features?")
  asks: new RegExp(String.raw`是否|是不是|有没有|能不能|可不可以|会不会|吗[?？]?\s*$|^(?:${ENGLISH_AUXILIARIES})\b(?!-)`, 'i'),
};
