import type { LoadedIndex } from '../shared/index-format/loaded-index.js';

/**
 * Nearest chunks by cosine, for an index small enough that hnswlib's graph search is exhaustive anyway.
 *
 * Why: with at most `efSearch` vectors, hnswlib's search visits every vector it can reach, so it returns
 * the exact nearest ones — but each call first copies the query into C++ one element at a time through
 * N-API (256 calls), which on the article's 18 chunks cost several times the search itself (~60 µs a
 * question, a fifth of an answer). Here the vectors are copied out once, when the retriever is built, and
 * a question's (sparse: hashed words) vector is compared with them in JavaScript.
 *
 * Same result as hnswlib, not an approximation of it: the order is by the same cosine; when two of the
 * distances that decide the order are too close for float32 and float64 arithmetic to agree on (a tie:
 * identical chunks, empty chunks, an empty query), the search is left to hnswlib, whose order of ties is
 * its own. Larger indexes always go to hnswlib (there its search is approximate and cheaper than exact).
 */
export interface VectorSearch {
  /** Labels (chunk numbers) of the k nearest vectors, nearest first: what `searchKnn(vector, k).neighbors` returns. */
  nearest(vector: readonly number[], k: number): number[];
  /** Whether questions are answered here (small index) rather than by hnswlib. */
  readonly exact: boolean;
}

// Distances closer than this are a tie: hnswlib computes in float32 (≈1e-7 relative), this in float64.
export const TIE_EPSILON = 1e-5;

export function createVectorSearch(index: Pick<LoadedIndex, 'vectors' | 'manifest'>): VectorSearch {
  const { vectors } = index;
  const count = vectors.getCurrentCount();
  const bySearch: VectorSearch = { exact: false, nearest: (vector, k) => vectors.searchKnn(vector as number[], k).neighbors };
  // More vectors than the search keeps candidates: hnswlib's search is approximate there, and its result is the product's.
  if (count === 0 || count > index.manifest.hnsw.efSearch) return bySearch;
  const dim = vectors.getNumDimensions();
  const labels = vectors.getIdsList();
  if (labels.length !== count) return bySearch;
  const points = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) points.set(vectors.getPoint(labels[i]), i * dim);
  // Per question, reused (one search at a time: JavaScript is single-threaded and nearest() does not yield).
  const dots = new Float64Array(count);
  const order = Array.from({ length: count }, (_, i) => i);
  const dims: number[] = [];
  const values: number[] = [];
  return {
    exact: true,
    nearest(vector, k) {
      if (vector.length !== dim) return bySearch.nearest(vector, k);
      dims.length = 0;
      values.length = 0;
      let norm = 0;
      for (let j = 0; j < dim; j++) {
        const v = vector[j];
        if (v !== 0) {
          dims.push(j);
          values.push(v);
          norm += v * v;
        }
      }
      if (norm === 0) return bySearch.nearest(vector, k);
      const inv = 1 / Math.sqrt(norm);
      for (let i = 0; i < count; i++) {
        const base = i * dim;
        let dot = 0;
        for (let n = 0; n < dims.length; n++) dot += values[n] * points[base + dims[n]];
        dots[i] = dot * inv;
      }
      for (let i = 0; i < count; i++) order[i] = i;
      order.sort((a, b) => dots[b] - dots[a]);
      const take = Math.min(k, count);
      // Every neighbouring pair that decides the order, and the last one kept against the first one left out.
      for (let i = 0; i + 1 < Math.min(take + 1, count); i++) if (dots[order[i]] - dots[order[i + 1]] < TIE_EPSILON) return bySearch.nearest(vector, k);
      const out = new Array<number>(take);
      for (let i = 0; i < take; i++) out[i] = labels[order[i]];
      return out;
    },
  };
}
