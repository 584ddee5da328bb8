import type { QuestionKind } from './question-kind.js';

export const quantity: QuestionKind = {
  name: 'quantity',
  asks: /多少|几[个名家位类种轮年倍款项次亿万]|数量|金额|规模|占比|比例|百分|how (?:much|many|long|large|big|wide|old|fast|far|high|small|heavy)|what (?:percentage|share|number|size)/i,
  answerCue: /\d|[一二两三四五六七八九十百千万亿]+[个名家位种类项倍]/,
};
