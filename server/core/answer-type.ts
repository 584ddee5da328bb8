import type { AnswerType } from './types.js';

/** What kind of value the question asks for; a sentence that lacks one cannot answer it. */
export function detectAnswerType(question: string): AnswerType {
  const q = question.normalize('NFKC');
  if (/哪天|哪一天|何时|什么时候|哪年|哪一年|几月|几号|哪个月|什么时间|日期|when/i.test(q)) return 'date';
  if (/占比|比例|百分之|百分比|比重|份额|percentage|share/i.test(q)) return 'percent';
  if (/多少|几[个名家位类种轮年倍款项次亿万]?|数量|金额|规模|how (much|many)/i.test(q)) return 'number';
  if (/谁|哪位|什么人|who/i.test(q)) return 'person';
  if (/哪家|哪些|哪个|哪款|哪种|什么|which|what/i.test(q)) return 'entity';
  return 'other';
}

const NUMBER = /\d/;
const PERCENT = /\d\s*%|百分之/;
const DATE = /\d{4}\s*年|\d+\s*月\s*\d+\s*日|\d{4}-\d{2}-\d{2}/;

/** Whether a sentence contains a value of the asked type (only checkable for numeric and date types). */
export function satisfiesAnswerType(type: AnswerType, sentence: string): boolean {
  switch (type) {
    case 'number':
      return NUMBER.test(sentence) || /[一二两三四五六七八九十百千万亿]+\s*[个名家位类种轮年倍亿万元]/.test(sentence);
    case 'percent':
      return PERCENT.test(sentence);
    case 'date':
      return DATE.test(sentence);
    default:
      return true;
  }
}
