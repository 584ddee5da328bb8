import type { Embedder } from '../shared/embeddings/embedder.js';
import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { Bm25Index } from './bm25-index.js';
import type { RetrievalQuery, Retriever } from './retriever.js';
import { FEEDBACK_CHUNKS, feedbackTerms } from './feedback-terms.js';
import { reciprocalRankFusion } from './rrf.js';
import type { SentenceScorer } from './sentence-scorer.js';
import { createVectorSearch } from './exact-vector-search.js';

/**
 * Weight of the vector list in the fusion. The local embedder hashes the same lexical features BM25
 * ranks exactly, so at 100k chunks its list is mostly noise (planted-fact recall@5: BM25 alone 0.96,
 * vectors alone 0.39, equal fusion 0.80, vectors at 0.5: 0.96 — npm run bench). Semantic embeddings
 * (EMBEDDINGS=openai) add what BM25 cannot see, so they keep full weight.
 */
export const LEXICAL_VECTOR_WEIGHT = 0.5;

function relativeWeights(query: RetrievalQuery, idf: (term: string) => number): Array<{ term: string; weight: number }> {
  // A term's alternatives (synonyms, dictionary translations) are searched with the term's weight.
  const out: Array<{ term: string; weight: number }> = [];
  for (const t of query.terms) {
    out.push({ term: t.term, weight: t.weight / Math.max(1e-6, idf(t.term)) });
    for (const term of t.alternatives ?? []) out.push({ term, weight: t.weight / Math.max(1e-6, idf(term)) });
  }
  return out;
}

/**
 * hnswlib vector search and BM25 keyword search over the same chunks, fused by reciprocal rank; with a
 * sentence scorer, a third list: the chunks of both lists in the order of their best sentence (weight
 * `sentences.weight`).
 */
export function createHybridRetriever(deps: {
  index: LoadedIndex;
  bm25: Bm25Index;
  embedder: Embedder;
  vectorWeight?: number;
  sentences?: { scorer: SentenceScorer; weight: number };
  rrfK?: number;
  /** Pseudo-relevance feedback: weight of the expansion words taken from the first keyword results (0: off). */
  feedback?: number;
}): Retriever {
  const { index, bm25, embedder, sentences } = deps;
  const weights = [1, deps.vectorWeight ?? 1, sentences?.weight ?? 0];
  // Built with the retriever (once per loaded index): a small index's vectors are searched in JavaScript.
  const vectorSearch = createVectorSearch(index);
  return {
    async retrieve(query, k) {
      const depth = Math.max(k * 4, 20);
      // Query term weights carry IDF (they measure evidence coverage); BM25 applies IDF itself, so only
      // the rest of the weight (topic, bigram, context factors) is passed on — otherwise rare names count twice.
      const asked = relativeWeights(query, bm25.idf);
      const feedback = deps.feedback ? { chunks: FEEDBACK_CHUNKS, terms: (best: number[]) => feedbackTerms(index, bm25, best, asked, deps.feedback!) } : undefined;
      const keyword = bm25.search(asked, depth, feedback).map((r) => r.chunk);
      const total = vectorSearch.count;
      let semantic: number[] = [];
      if (total > 0) {
        const vector = await embedder.embeddings.embedQuery(query.text);
        semantic = vectorSearch.nearest(vector, Math.min(depth, total));
      }
      const bySentence: number[] = sentences && sentences.weight > 0 ? sentences.scorer.rankChunks(relativeWeights(query, sentences.scorer.idf), [...new Set([...keyword, ...semantic])]) : [];
      return reciprocalRankFusion([keyword, semantic, bySentence], deps.rrfK ?? 60, weights)
        .slice(0, k)
        .map(({ id, score }) => ({ chunk: id, score }));
    },
  };
}
