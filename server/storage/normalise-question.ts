/**
 * Folds a question for grouping in the report: "摩尔线程的股票代码?" and " 摩尔线程的股票代码 ？" are the
 * same unanswered question. NFKC (full-width → half-width), lower case, no whitespace, punctuation or symbols.
 */
const NOT_WORD = /[\s\p{P}\p{S}]+/gu;

export function normaliseQuestion(question: string): string {
  return question.normalize('NFKC').toLowerCase().replace(NOT_WORD, '').slice(0, 500);
}
