import type { TermStats } from './query-analysis.js';
import { capitalisedNames, isTranslated } from './corpus-language.js';
import type { AnalyzedQuery } from './types.js';

const LOWER_LATIN = /^[a-z][a-z-]*$/;

/**
 * A lower-case English word whose only alternatives are corpus words one edit away ("bits" → bios, "lets" → less,
 * "wide" → hide over a Chinese manual): the lexicon offers a name's slips when the dictionary has nothing, but an
 * English question writes a name with a capital (capitalisedNames) and its ordinary words are not typos of the
 * corpus's few English words. Such a word is as unmatchable as one nothing translates.
 */
function slipOfEnglishWord(term: string, names: ReadonlySet<string>, stats: TermStats): boolean {
  return LOWER_LATIN.test(term) && !names.has(term) && stats.documentFrequency(term) === 0 && stats.translates !== undefined && !stats.translates(term);
}

/**
 * An analysed question in another language than the corpus (an English question over Chinese text, or the
 * reverse), matched offline through the dictionary: a word with no translation and no occurrence in the corpus
 * ("does", "founded") cannot be matched at all and is left out instead of counting as missing. Numbers and names
 * the corpus writes the same way (GPU, H100, 2024) are kept, they are found as written; so is a capitalised name
 * the corpus lacks ("the CEO of Apple"): it is what the question is about, and its absence is evidence.
 * A question in the corpus's language is returned as it is. Used by the answer service and by the bank's
 * retrieval figures (eval/sentence-ranking.ts), so that both rank sentences for the same query.
 */
export function translatedQuery(question: string, query: AnalyzedQuery, stats: TermStats, language: string | undefined): AnalyzedQuery {
  if (!isTranslated(question, language)) return query;
  const names = capitalisedNames(question);
  const matchable = query.terms.filter(
    (t) => (t.alternatives?.length && !slipOfEnglishWord(t.term, names, stats)) || stats.documentFrequency(t.term) > 0 || names.has(t.term),
  );
  return { ...query, terms: matchable.length ? matchable : query.terms, translated: true };
}
