import type { Embedder } from '../embeddings/create-embeddings.js';
import type { LoadedIndex } from '../index-store/loaded-index.js';
import type { AnalyzedQuery } from '../core/types.js';
import type { Bm25Index } from './bm25-index.js';
import { reciprocalRankFusion } from './rrf.js';

export interface RetrievedChunk {
  chunk: number;
  score: number;
}

/** The Retriever seam: the answer service only needs ranked chunks for a query. */
export interface Retriever {
  retrieve(query: AnalyzedQuery, k: number, signal?: AbortSignal): Promise<RetrievedChunk[]>;
}

/** hnswlib vector search and BM25 keyword search over the same chunks, fused by reciprocal rank. */
export function createHybridRetriever(deps: { index: LoadedIndex; bm25: Bm25Index; embedder: Embedder }): Retriever {
  const { index, bm25, embedder } = deps;
  return {
    async retrieve(query, k) {
      const depth = Math.max(k * 4, 20);
      const keyword = bm25.search(query.terms, depth).map((r) => r.chunk);
      const total = index.vectors.getCurrentCount();
      let semantic: number[] = [];
      if (total > 0) {
        const vector = await embedder.embeddings.embedQuery(query.text);
        semantic = index.vectors.searchKnn(vector, Math.min(depth, total)).neighbors;
      }
      return reciprocalRankFusion([keyword, semantic])
        .slice(0, k)
        .map(({ id, score }) => ({ chunk: id, score }));
    },
  };
}
