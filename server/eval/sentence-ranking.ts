import { buildCandidates } from '../core/candidates.js';
import { resolveQuestion } from '../core/query-analysis.js';
import { translatedQuery } from '../core/translated-query.js';
import { corpusLanguage } from '../core/corpus-language.js';
import { scoreEvidence } from '../generators/extractive/sentence-evidence.js';
import { anchorProximityOf, rankEvidence } from '../generators/extractive/sentence-ranking-model.js';
import { kindOf } from '../generators/extractive/kinds/index.js';
import type { buildRetrieval } from '../build-services.js';
import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { HistoryTurn } from '../core/types.js';
import type { FollowUpWeights } from '../core/follow-up-weights.js';

// The corpus's language, read once per loaded index (it samples the documents' lines).
const languages = new WeakMap<LoadedIndex, string | undefined>();
function languageOf(index: LoadedIndex): string | undefined {
  if (!languages.has(index)) languages.set(index, corpusLanguage(index));
  return languages.get(index);
}

/**
 * The answerer's own ranking of corpus sentences for a question (best first), for the bank's
 * retrieval recall@k: the retrieved chunks' sentences ordered by the answerer's evidence score.
 */
export async function rankSentences(
  index: LoadedIndex,
  { retriever, stats }: Awaited<ReturnType<typeof buildRetrieval>>,
  question: string,
  history: HistoryTurn[],
  k: number,
  options: { topK?: number; context?: number; optionWeight?: number; followUp?: FollowUpWeights } = {},
): Promise<string[]> {
  // The query the answer service ranks with: a question in the other language is matched through its translations.
  const query = translatedQuery(question, resolveQuestion(question, history, stats, options.followUp), stats, languageOf(index));
  const candidates = buildCandidates(index, await retriever.retrieve(query, options.topK ?? Number(process.env.RETRIEVAL_TOP_K ?? 12)));
  return rankEvidence(scoreEvidence(query, candidates, { optionWeight: options.optionWeight }), query, kindOf(question), undefined, options.context, options.followUp && anchorProximityOf(options.followUp))
    .slice(0, k)
    .map((e) => e.candidate.text);
}
