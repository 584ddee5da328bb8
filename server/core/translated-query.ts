import type { TermStats } from './query-analysis.js';
import { capitalisedNames, isTranslated } from './corpus-language.js';
import type { AnalyzedQuery } from './types.js';
import { askedNounStems } from './asked-phrase.js';

/**
 * An analysed question in another language than the corpus (an English question over Chinese text, or the
 * reverse), matched offline through the dictionary: a word with no translation and no occurrence in the corpus
 * ("does", "founded") cannot be matched at all and is left out instead of counting as missing — unless it is a noun of
 * the phrase the question asks for (askedNounStems). Numbers and names the corpus writes the same way (GPU, H100,
 * 2024) are kept, they are found as written; so is a capitalised name the corpus lacks ("the CEO of Apple"): it is what
 * the question is about, and its absence is evidence.
 * A question in the corpus's language is returned as it is. Used by the answer service and by the bank's
 * retrieval figures (eval/sentence-ranking.ts), so that both rank sentences for the same query.
 */
export function translatedQuery(question: string, query: AnalyzedQuery, stats: TermStats, language: string | undefined): AnalyzedQuery {
  if (!isTranslated(question, language)) return query;
  const names = capitalisedNames(question);
  const asked = askedNounStems(question);
  const matchable = query.terms.filter((t) => t.alternatives?.length || stats.documentFrequency(t.term) > 0 || names.has(t.term) || asked.has(t.term));
  return { ...query, terms: matchable.length ? matchable : query.terms, translated: true };
}
