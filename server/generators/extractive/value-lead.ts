import { COUNT_MEASURES, MEASURE_WORDS } from '../../core/measure-words.js';
import { expansionIn } from '../../core/acronym-expansion.js';
import type { CandidateSentence, GenerateInput } from '../../core/types.js';
import { ELLIPSIS, YEAR_COUNT_TERM } from '../../core/question-words.js';
import { lastTurns } from '../../core/query-analysis.js';
import { languageOf } from './language/index.js';
import { MONTH_NAME } from '../../shared/text/english-months.js';
import { allMatches } from '../../shared/text/all-matches.js';
import { CHINESE_NUMERAL_CHARS } from '../../shared/text/chinese-numerals.js';
import { escapeRegExp } from '../../shared/text/escape-regexp.js';
import { compactText } from '../../shared/text/compact-text.js';
import { questionTopic, topicWordsPointing } from './answer-focus.js';
import { analyzeText, isNumberUnit } from '../../shared/text/tokenizer.js';
import { hedgeRead, NUMBER_HEDGE } from './number-hedges.js';
import { ENGLISH_FUNCTION_WORDS } from '../../shared/text/english-function-words.js';

/**
 * The asked value said before the quote ("摩尔线程:1126 名。…", "21.071 billion yuan (210.71 亿元) — …"): a
 * reader who asked for a number, a share or a date sees it first; the quote after it shows where it stands.
 */

// A value of each checkable answer type, with its unit or measure word, and a hedge before a number or share ("约 6 亿元").
// A month's or a day's number, in digits or Chinese numerals ("1996 年七月", "十二月三日").
const MONTH_OR_DAY = String.raw`(?:\d{1,2}|[${CHINESE_NUMERAL_CHARS}]{1,3})`;

const VALUE_OF: Partial<Record<string, RegExp>> = {
  // A range is one value ("60-70%", "30%-40%", "5～10 个", "3到4位"; "从 500 到 1126 名" is a change, not a range), and
  // a minus sign (-, −, －) is one only where no digit, letter or % stands before it: "60-70%" is not "-70%",
  // "S4000-48" no range. The article writes negatives with a space ("- 18.40 亿元").
  number: new RegExp(String.raw`${NUMBER_HEDGE}(?<![A-Za-z\d.,%])(?:[-−－]\s?)?(?:(?<![从由]\s*)\d[\d,]*(?:\.\d+)?\s*%?\s*(?:[-–~～]|到|至)\s*)?\d[\d,]*(?:\.\d+)?\s*(?:万亿美元|亿美元|亿元|万元|美元|亿|万|元|%|[${MEASURE_WORDS}${COUNT_MEASURES}]|纳米)`),
  percent: new RegExp(String.raw`${NUMBER_HEDGE}(?<![A-Za-z\d.,%])(?:[-−－]\s?)?(?:(?<![从由]\s*)\d[\d,]*(?:\.\d+)?\s*%?\s*(?:[-–~～]|到|至)\s*)?\d[\d,]*(?:\.\d+)?\s*%`),
  date: new RegExp(
    String.raw`\d{4}\s*年(?:\s*${MONTH_OR_DAY}\s*月(?:\s*${MONTH_OR_DAY}\s*[日号])?)?|${MONTH_OR_DAY}\s*月\s*${MONTH_OR_DAY}\s*[日号]|\d{4}-\d{2}-\d{2}`,
  ),
  ordinal: /第\s*(?:\d+|[一二三四五六七八九十]+)\s*(?:大|名|位)?/,
};

// The same patterns for every value in a clause (matchAll), compiled once.
const ALL_VALUES_OF: Partial<Record<string, RegExp>> = Object.fromEntries(Object.entries(VALUE_OF).map(([type, re]) => [type, new RegExp(re!.source, 'g')]));

// The same value types as English writes them ("over 2000 languages", "7.5 GB", "87.5%", "March 2024", "5 seconds").
// A number of several dotted parts (an address 192.0.2.1, a version 2.8.4) is no amount: no piece of it is one either.
const TRAILING_WORD = /\s?([A-Za-z]+)$/;
const ENGLISH_VALUE_OF: Partial<Record<string, RegExp>> = {
  number: /(?<![\w.,-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\.?\d|,\d)(?:\s?%|\s?[A-Za-z]+)?/g,
  percent: /(?<![\w.,-])\d[\d,]*(?:\.\d+)?\s?%/g,
  // A month by its first three letters (Jan, Sept., September).
  date: new RegExp(String.raw`\b(?:${MONTH_NAME}\s+(?:\d{1,2},?\s+)?)?(?:19|20)\d{2}\b`, 'g'),
  duration: /(?<![\w.,-])\d[\d,.]*\s?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b/gi,
};

/**
 * The values of the asked type in a clause of the other language: an English clause for a Chinese asker, a
 * Chinese one for an English asker. Only one is an answer; two or more ("Since kernel 5.6, there are 8 kinds")
 * leave the reader to the quote.
 */
function otherLanguageValues(answerType: string, clause: string): string[] {
  const chinese = ALL_VALUES_OF[answerType];
  const found = chinese ? allMatches(chinese, clause).map((m) => hedgeRead(clause, m[0], m.index, m.index + m[0].length).value) : [];
  const english = ENGLISH_VALUE_OF[answerType];
  // (A word after an English number is its unit, "7.5 GB", "35 languages" — not a function word: "port 22 by default".)
  if (!found.length && english) found.push(...allMatches(english, clause).map((m) => m[0].replace(TRAILING_WORD, (w, word: string) => (ENGLISH_FUNCTION_WORDS.has(word.toLowerCase()) ? '' : w))));
  // A count asked: a share beside it ("1126 名员工中研发人员占比达 74.94%") is not a second candidate.
  const counts = answerType === 'number' ? found.filter((v) => !v.trim().endsWith('%')) : found;
  return (counts.length ? counts : found).map((v) => v.replace(/\s+/g, ' ').trim());
}

// Where one statement of a clause ends and the next begins: a value belongs to the words of its own statement.
const STATEMENT_END = /[,，;；。:：!！?？]/;
// An English full stop ends one too, where a space, a quote or the end follows it (not in "2.5" or "3.11.2").
const FULL_STOP = /\.(?=[\s"'”’)]|$)/y;
// A colon right after a value (sticky: read at the value's end).
const COLON = /\s*[:：]/y;
/** Whether the character at `i` ends a statement. */
function endsStatement(clause: string, i: number): boolean {
  if (STATEMENT_END.test(clause[i])) return true;
  FULL_STOP.lastIndex = i;
  return FULL_STOP.test(clause);
}
// A year or another number of the question mostly sets the period or scope of the whole sentence, which states it once
// ("2022 年至 2025 年第一季度……亏损达 32.90 亿元,研发投入合计 24.66 亿元"): it only breaks a tie between statements
// ("2023 年营收 5 亿元,2024 年营收 8 亿元"). So does the unit a question's number is said with ("2025 年一季度" → 年,
// 季度): the period is one expression, number and unit.
// (Several dotted parts too: the tokenizer keeps "2.10.1" whole.)
const NUMBER_TERM = /^\d+(?:\.\d+)*$/;
/**
 * The units the question's numbers are said with (年, 季度 of "2025 年一季度"); not any word after a number ("GIMP 2.10
 * 新增了多少个滤镜": 新增 is asked).
 */
function numberUnits(question: string): Set<string> {
  const words = analyzeText(question).words;
  return new Set(words.filter((w, i) => i > 0 && NUMBER_TERM.test(words[i - 1]) && isNumberUnit(w)));
}
const LATIN_END = /[A-Za-z\d]$/;
const LATIN_START = /^[A-Za-z\d]/;
// English asks a count so; Chinese with a measure word (多少名, 几家: the query's measure).
const HOW_MANY = /\bhow many\b/i;
const TIE_BREAK = 0.001;

/**
 * Of the asked type's values in a clause, the one the question's words point at: a clause often states several
 * ("累计经历 8 轮融资……其估值已达 210.71 亿元"; "从 769.28 万元增长至 1310.11 万元,……从 1192.88 万元激增至
 * 2991.73 万元"), and leading with the first would answer another question. A count asked with a measure word
 * keeps the values that carry it; then each value scores the weight of the question's own words (not its topic)
 * said in the same statement (between commas). The value of the best statement leads; two statements as good,
 * or one statement with two values, leave the reader to the quote.
 */
export function boundValue(input: GenerateInput, clause: string): string | undefined {
  const pattern = ALL_VALUES_OF[input.query.answerType];
  if (!pattern) return undefined;
  let found = allMatches(pattern, clause).map((m) => {
    const end = m.index + m[0].length;
    const read = hedgeRead(clause, m[0].replace(/\s+/g, ' ').trim(), m.index, end);
    return { value: read.value, at: read.at, end };
  });
  if (input.query.answerType === 'number') {
    // A count asked: a share beside it is not a candidate ("1126 名员工中研发人员占比达 74.94%"), nor, when nothing else
    // is, the answer ("how many HTTP requests a day" over "about 400K to 500K HTTP requests per day, about 15-20% of which…").
    const counts = found.filter((v) => !v.value.endsWith('%'));
    const measure = input.query.measure;
    if (counts.length) found = counts;
    else if (measure !== undefined || HOW_MANY.test(input.query.text)) return undefined;
    const measured = measure ? found.filter((v) => v.value.endsWith(measure) || (COUNT_MEASURES.includes(measure) && COUNT_MEASURES.includes(v.value.slice(-1)))) : [];
    if (measured.length) found = measured;
  }
  const distinct = [...new Set(found.map((v) => v.value))];
  if (distinct.length <= 1) return distinct[0];
  // A follow-up that names only whose it is ("那沐曦呢?") asks what the previous question asked: the carried-over words.
  const own = input.query.terms.filter((t) => t.origin === 'question' && t.role !== 'topic' && !t.term.startsWith('~'));
  const asked = own.length > 0 ? own : input.query.terms.filter((t) => t.origin === 'context' && !t.term.startsWith('~'));
  // And the topic words that point at one statement, as the window was chosen (answer-focus.ts).
  const words = [...asked, ...topicWordsPointing(input.query, clause)];
  // The attribute asked ("估值" of "估值到了多少") outweighs every other word: its statement states the answer. Not for
  // a share: "占营收的多少" names the whole the share is of, and every statement of a share may name it.
  const focus = input.query.focus && input.query.answerType !== 'percent' ? compactText(input.query.focus) : undefined;
  const focusWeight = words.reduce((n, t) => n + t.weight, 0) + 1;
  // A value's statement, between the marks that end statements; a value a colon follows ("Bug #727708 2014-02-11: "The
  // committee decided…"") is labelled by what the colon introduces, so its statement runs on past the colon.
  const statementAt = (at: number, end: number) => {
    let from = at;
    while (from > 0 && !endsStatement(clause, from - 1)) from--;
    COLON.lastIndex = end;
    const colon = COLON.exec(clause);
    let to = colon ? end + colon[0].length : at;
    while (to < clause.length && !endsStatement(clause, to)) to++;
    return { from, text: compactText(clause.slice(from, to)) };
  };
  const units = numberUnits(input.query.text);
  // (A count of years, "3年", is a number with its unit: a tie-break too.)
  const scope = (term: string) => NUMBER_TERM.test(term) || YEAR_COUNT_TERM.test(term) || units.has(term);
  const scored = found.map((v) => {
    const statement = statementAt(v.at, v.end);
    const score =
      words.reduce((n, t) => n + ([t.term, ...(t.alternatives ?? [])].some((w) => statement.text.includes(compactText(w))) ? t.weight * (scope(t.term) ? TIE_BREAK : 1) : 0), 0) +
      (focus && statement.text.includes(focus) ? focusWeight : 0);
    return { ...v, statement: statement.from, score };
  });
  const top = Math.max(...scored.map((v) => v.score));
  const best = scored.filter((v) => v.score === top);
  if (top <= 0 || new Set(best.map((v) => v.statement)).size > 1 || new Set(best.map((v) => v.value)).size > 1) return undefined;
  return best[0].value;
}

/**
 * A topic word as the quoted clause spells it ("Skolelinux" for "skolelinux", the corpus's name for a mistyped one
 * through its alternatives); the question's own word when the clause says it otherwise ("公司" for the company asked
 * about) — unless no retrieved sentence writes the question's word and one writes an alternative: a mistyped name
 * (沐熙股份) is said as the documents spell it (沐曦股份) even where the quoted clause does not name it.
 */
function spelledInClause(clause: string, forms: string[], candidates: readonly CandidateSentence[]): string {
  const text = clause.normalize('NFKC');
  const longestFirst = [...forms].sort((a, b) => b.length - a.length);
  for (const form of longestFirst) {
    const found = formPattern(form)?.exec(text);
    if (found) return found[0];
  }
  const written = (form: string) => candidates.some((c) => formPattern(form)?.test(c.text.normalize('NFKC')));
  if (forms.length > 1 && !written(forms[0])) return forms.slice(1).find(written) ?? forms[0];
  return forms[0];
}

// A form's pattern, compiled once per form (a Unicode, case-insensitive pattern per topic word per answer before):
// the topic words come back question after question. Bounded like the other word memos; no `g` flag, so a kept
// pattern holds no state between calls.
const formPatterns = new Map<string, RegExp | null>();
function formPattern(form: string): RegExp | null {
  let pattern = formPatterns.get(form);
  if (pattern === undefined) {
    const f = form.normalize('NFKC');
    // A Latin word only as a whole word ("apt" is not in "Aptitude"); case as the clause writes it, found on the clause itself.
    const latin = /^[\p{Script=Latin}\d]/u.test(f) && /[\p{Script=Latin}\d]$/u.test(f);
    const escaped = escapeRegExp(f);
    pattern = f ? new RegExp(latin ? `(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])` : escaped, 'iu') : null;
    if (formPatterns.size >= 10_000) formPatterns.clear();
    formPatterns.set(form, pattern);
  }
  return pattern;
}

// A question that asks one value per item ("2022、2023、2024 年各亏损多少?", "前五大客户收入分别占营收多少?", "两个数分别是
// 多少?") is answered by several values: one in front of the quote would answer another question (a total, one year's).
// (Not English "each": "how big is each piece?" asks one value.)
const DISTRIBUTIVE = /分别|各自|(?<=[年季度月])\s*各/;

/** The question, or the question an ellipsis follow-up ("那摩尔线程呢?") asks again, asks one value per item. */
function asksOneValuePerItem(input: GenerateInput): boolean {
  if (DISTRIBUTIVE.test(input.question)) return true;
  if (!ELLIPSIS.test(input.question.normalize('NFKC').trim())) return false;
  const previous = lastTurns(input.history).user;
  return previous !== undefined && DISTRIBUTIVE.test(previous);
}

/** "摩尔线程:1126 名。" — the asked value first (with its subject when the question names one), or nothing. */
export function valueLead(input: GenerateInput, clause: string): string {
  if (asksOneValuePerItem(input)) return '';
  // "PPTP: Point-to-point tunneling protocol — …": the long form as the clause writes it (in NFKC), in any language.
  if (input.query.answerType === 'expansion') {
    const found = expansionIn(input.query.text, clause);
    return found ? languageOf(input.question).leadWith(found.value, found.asked) : '';
  }
  // Across languages the value is said in the asker's language first ("21.071 billion yuan (210.71 亿元) — …").
  if (input.query.translated) {
    const values = otherLanguageValues(input.query.answerType, clause);
    return values.length === 1 ? `${languageOf(input.question).valueFromOtherLanguage(values[0])} — ` : '';
  }
  const value = boundValue(input, clause);
  if (!value) return '';
  const subject = questionTopic(input.query)
    .map((t) => spelledInClause(clause, [t.term, ...(t.alternatives ?? [])], input.candidates))
    // (Chinese words join as they are written; two Latin words keep a space between them: "Debian Edu", not "DebianEdu".)
    .reduce((out, w) => (LATIN_END.test(out) && LATIN_START.test(w) ? `${out} ${w}` : out + w), '');
  return languageOf(input.question).leadWith(value, subject && !value.includes(subject) ? subject : undefined);
}
