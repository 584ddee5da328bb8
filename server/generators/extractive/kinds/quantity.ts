import { asksHowManyWithJi } from '../../../core/answer-type.js';
import type { QuestionKind } from './question-kind.js';

const CUES = /多少|数量|金额|规模|占比|比例|百分|how (?:much|many|long|large|big|wide|old|fast|far|high|small|heavy)|what (?:percentage|share|number|size)/i;

export const quantity: QuestionKind = {
  name: 'quantity',
  // 几 asks a number only when it is the question's one question word (asksHowManyWithJi): "哪几个目录" asks which.
  asks: { test: (q) => CUES.test(q) || asksHowManyWithJi(q) },
  answerCue: /\d|[一二两三四五六七八九十百千万亿]+[个名家位种类项倍]/,
};
