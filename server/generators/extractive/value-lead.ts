import { COUNT_MEASURES, MEASURE_WORDS } from '../../core/measure-words.js';
import type { GenerateInput } from '../../core/types.js';
import { languageOf } from './language/index.js';
import { MONTHS } from './language/english-values.js';

/**
 * The asked value said before the quote ("摩尔线程:1126 名。…", "21.071 billion yuan (210.71 亿元) — …"): a
 * reader who asked for a number, a share or a date sees it first; the quote after it shows where it stands.
 */

// A value of each checkable answer type, with its unit or measure word.
const VALUE_OF: Partial<Record<string, RegExp>> = {
  number: new RegExp(String.raw`-?\s?\d[\d,]*(?:\.\d+)?\s*(?:万亿美元|亿美元|亿元|万元|美元|亿|万|元|%|[${MEASURE_WORDS}${COUNT_MEASURES}]|纳米)`),
  percent: /\d[\d,]*(?:\.\d+)?\s*%/,
  date: /\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{2}-\d{2}/,
  ordinal: /第\s*(?:\d+|[一二三四五六七八九十]+)\s*(?:大|名|位)?/,
};

// The same patterns for every value in a clause (matchAll), compiled once.
const ALL_VALUES_OF: Partial<Record<string, RegExp>> = Object.fromEntries(Object.entries(VALUE_OF).map(([type, re]) => [type, new RegExp(re!.source, 'g')]));

// The same value types as English writes them ("over 2000 languages", "7.5 GB", "87.5%", "March 2024", "5 seconds").
const ENGLISH_VALUE_OF: Partial<Record<string, RegExp>> = {
  number: /(?<![\w.,-])\d[\d,]*(?:\.\d+)?(?:\s?%|\s?[A-Za-z]+)?/g,
  percent: /(?<![\w.,-])\d[\d,]*(?:\.\d+)?\s?%/g,
  // A month by its first three letters (Jan, Sept., September).
  date: new RegExp(String.raw`\b(?:(?:${MONTHS.map((m) => m.slice(0, 3)).join('|')})[a-z]*\.?\s+(?:\d{1,2},?\s+)?)?(?:19|20)\d{2}\b`, 'g'),
  duration: /(?<![\w.,-])\d[\d,.]*\s?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b/gi,
};

/**
 * The values of the asked type in a clause of the other language: an English clause for a Chinese asker, a
 * Chinese one for an English asker. Only one is an answer; two or more ("Since kernel 5.6, there are 8 kinds")
 * leave the reader to the quote.
 */
function otherLanguageValues(answerType: string, clause: string): string[] {
  const chinese = ALL_VALUES_OF[answerType];
  const found = chinese ? [...clause.matchAll(chinese)].map((m) => m[0]) : [];
  const english = ENGLISH_VALUE_OF[answerType];
  if (!found.length && english) found.push(...[...clause.matchAll(english)].map((m) => m[0]));
  // A count asked: a share beside it ("1126 名员工中研发人员占比达 74.94%") is not a second candidate.
  const counts = answerType === 'number' ? found.filter((v) => !v.trim().endsWith('%')) : found;
  return (counts.length ? counts : found).map((v) => v.replace(/\s+/g, ' ').trim());
}

/** "摩尔线程:1126 名。" — the asked value first (with its subject when the question names one), or nothing. */
export function valueLead(input: GenerateInput, clause: string): string {
  // Across languages the value is said in the asker's language first ("21.071 billion yuan (210.71 亿元) — …").
  if (input.query.translated) {
    const values = otherLanguageValues(input.query.answerType, clause);
    return values.length === 1 ? `${languageOf(input.question).valueFromOtherLanguage(values[0])} — ` : '';
  }
  const m = VALUE_OF[input.query.answerType]?.exec(clause);
  if (!m) return '';
  const value = m[0].replace(/\s+/g, ' ').trim();
  const subject = input.query.terms
    .filter((t) => t.role === 'topic' && t.origin === 'question' && !t.term.startsWith('~'))
    .map((t) => t.term)
    .join('');
  return subject && !value.includes(subject) ? `${subject}:${value}。` : `${value}。`;
}
