import { buildCandidates } from '../core/candidates.js';
import { resolveQuestion } from '../core/query-analysis.js';
import { scoreEvidence } from '../generators/extractive/sentence-evidence.js';
import { rankEvidence } from '../generators/extractive/sentence-ranking-model.js';
import { kindOf } from '../generators/extractive/kinds/index.js';
import type { buildRetrieval } from '../build-services.js';
import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { HistoryTurn } from '../core/types.js';

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
  options: { topK?: number; context?: number } = {},
): Promise<string[]> {
  const query = resolveQuestion(question, history, stats);
  const candidates = buildCandidates(index, await retriever.retrieve(query, options.topK ?? Number(process.env.RETRIEVAL_TOP_K ?? 12)));
  return rankEvidence(scoreEvidence(query, candidates), query, kindOf(question), undefined, options.context)
    .slice(0, k)
    .map((e) => e.candidate.text);
}
