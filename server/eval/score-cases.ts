import type { AnswerService, AskResult, HistoryTurn } from '../core/types.js';
import type { LoadedIndex } from '../shared/index-format/loaded-index.js';

/** A question file in the format of shared/eval/qa-dev.json (see its "about"). */
export interface EvalCase {
  id: string;
  kind: 'fact' | 'refuse' | 'followup' | 'crosslingual' | string;
  q: string;
  history?: HistoryTurn[];
  expect: string[];
  evidence: string;
}

export interface CaseResult {
  id: string;
  kind: string;
  pass: boolean;
  problems: string[];
  result: AskResult;
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
/** `norm` ignoring case too: how the bank compares answers with expected strings (CheckOptions.foldCase). */
const normFolded = (s: string) => norm(s).toLowerCase();

/**
 * The text holds the case's evidence, compared as the expected answers are (NFKC, without whitespace): the evidence was
 * copied from the document as the reader of its day extracted it, and a later reader may space the same words differently
 * ("-l用户" → "-l 用户" once PDF items drawn apart are read apart).
 */
export function holdsEvidence(text: string, evidence: string): boolean {
  return text.includes(evidence) || norm(text).includes(norm(evidence));
}

// A value the answer states before its quote: "沐曦:8 轮。…", "2014-08-01。…", "21.071 billion yuan (210.71 亿元) — …".
const STATED_VALUE = /^([^。\[\n]{1,40}?)(?:。| — )/;

/**
 * The value an answer leads with, when it leads with one: a short opening that holds a digit and is not the quoted
 * sentence's own first words. A reader takes it as the answer, so it must be an expected one
 * (the right sentence quoted after a wrong figure is still a wrong answer).
 */
export function statedValue(answer: string, quotes: string[]): string | undefined {
  const m = STATED_VALUE.exec(answer);
  if (!m || !/\d/.test(m[1])) return undefined;
  // The answer opens with the quote itself ("Debian 12 — codenamed bookworm — was released…"): no value of its own.
  const opening = norm(m[1]);
  if (quotes.some((q) => norm(q).startsWith(opening))) return undefined;
  return m[1].trim();
}

// What may follow a number without changing it: a unit or a counted noun (个, 轮, rounds), not a magnitude (万, million),
// a percent sign, or more of a date, a range, a time or a fraction.
const MAGNITUDE = /^(?:[万亿千百兆]|million|billion|thousand|trillion|bn|k(?![a-z])|e\d)/i;

/**
 * The stated value is the expected one: it holds it ("沐曦:8 轮" holds "8 轮"), or it is the expected one's number
 * without the unit or counted noun the writer wrote after it ("86" for "86 个", "8" for "8 rounds"; not "8" for "80",
 * "8.5", "8 万", "8%", "8-10 轮", nor "2024" for "2024-08-01").
 */
function statesExpected(stated: string, expected: string): boolean {
  if (stated.includes(expected)) return true;
  if (!/^\d[\d.,]*$/.test(stated) || !expected.startsWith(stated)) return false;
  const rest = expected.slice(stated.length);
  return /^\p{L}/u.test(rest) && !MAGNITUDE.test(rest);
}

export interface CheckOptions {
  /** Compare the expected strings case-insensitively: the question bank's sets say so in their "about" (qa-dev's does not). */
  foldCase?: boolean;
}

/** Scores one response the way the question file's "about" defines it, plus exact-offset checks. */
export function checkCase(c: EvalCase, result: AskResult, index: LoadedIndex, options: CheckOptions = {}): string[] {
  const fold = options.foldCase ? normFolded : norm;
  const problems: string[] = [];
  for (const cit of result.citations) {
    const doc = index.documentById.get(cit.docId);
    if (!doc || doc.text.slice(cit.start, cit.end) !== cit.quote) problems.push(`citation [${cit.n}] offsets do not match its quote`);
  }
  for (const m of result.answer.matchAll(/\[(\d+)\]/g)) {
    if (!result.citations.some((cit) => cit.n === Number(m[1]))) problems.push(`marker [${m[1]}] has no citation`);
  }
  if (c.kind === 'refuse') {
    if (result.answered) problems.push('answered a question the corpus cannot answer');
    return problems;
  }
  if (!result.answered) problems.push('refused');
  if (c.expect.length && !c.expect.some((e) => fold(result.answer).includes(fold(e)))) problems.push(`answer lacks ${c.expect.join(' | ')}`);
  else {
    const stated = result.answered ? statedValue(result.answer, result.citations.map((cit) => cit.quote)) : undefined;
    if (stated && c.expect.length && !c.expect.some((e) => statesExpected(fold(stated), fold(e)))) problems.push(`leads with "${stated}", not ${c.expect.join(' | ')}`);
  }
  if (c.evidence && !result.citations.some((cit) => holdsEvidence(cit.quote, c.evidence))) problems.push(`no citation quotes "${c.evidence}"`);
  return problems;
}

/**
 * A wrong answer that states an expected value and cites a sentence saying it, only not the sentence the question's
 * writer took it from (a history that gives a date in two places): still counted confidently wrong, the citation rule
 * being what it is, but told apart in the report so the count is read for what it is.
 */
export function valueCitedElsewhere(problems: readonly string[], c: EvalCase, result: AskResult): boolean {
  if (!result.answered || !problems.length || !problems.every((p) => p.startsWith('no citation quotes'))) return false;
  return result.citations.some((cit) => c.expect.some((e) => normFolded(cit.quote).includes(normFolded(e))));
}

export async function scoreCases(cases: EvalCase[], service: AnswerService, index: LoadedIndex): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const c of cases) {
    const result = await service.answerQuestion(c.q, c.history ?? []);
    const problems = checkCase(c, result, index);
    out.push({ id: c.id, kind: c.kind, pass: problems.length === 0, problems, result });
  }
  return out;
}
