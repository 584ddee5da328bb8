/**
 * English month names, written once: values said in English (generators' english-values.ts), dates in English text
 * (core/answer-type.ts, value-lead.ts) and a document's labelled date (dated-line.ts).
 */
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Their first three letters ("Jan", "Sep"): what an abbreviated or full month name starts with. */
export const MONTH_PREFIXES = MONTHS.map((m) => m.slice(0, 3));

/** A month name as English text writes it, whole or abbreviated ("January", "Jan", "Sept."): a pattern's source. */
export const MONTH_NAME = String.raw`(?:${MONTH_PREFIXES.join('|')})[a-z]*\.?`;

const CHINESE_DIGITS = '一二三四';
// The names and their abbreviations as the tokenizer gives them (lower case), but "mar" and "may": English verbs first.
const LOWER_NAMES = MONTHS.map((m) => m.toLowerCase());
const ABBREVIATED = MONTH_PREFIXES.map((p) => p.toLowerCase()).map((p) => (p === 'mar' || p === 'may' ? undefined : p));

/**
 * How Chinese text writes a month, quarter or half-year an English question names (as the tokenizer gives it: lower
 * case): "July" → 7月 ("2025 年 7 月" once spaces are removed), "Q1" → 一季度 (in 第一季度 too), "H2" → 下半年. CC-CEDICT
 * glosses 七月 "July", but Chinese text writes months with digits, and it has no entry for Q1; these are one closed
 * class, written here once, for English questions over Chinese documents. [] for any other word.
 */
export function chineseCalendarForms(word: string): readonly string[] {
  const month = LOWER_NAMES.indexOf(word);
  const abbreviated = month >= 0 ? month : ABBREVIATED.indexOf(word === 'sept' ? 'sep' : word);
  if (abbreviated >= 0) return [`${abbreviated + 1}月`];
  const quarter = /^q([1-4])$/.exec(word);
  if (quarter) return [`${CHINESE_DIGITS[Number(quarter[1]) - 1]}季度`, `${quarter[1]}季度`];
  if (word === 'h1') return ['上半年'];
  if (word === 'h2') return ['下半年'];
  return [];
}
