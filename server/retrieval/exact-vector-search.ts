import type { LoadedIndex } from '../shared/index-format/loaded-index.js';

/**
 * Nearest chunks by cosine, computed exactly in JavaScript for an index of up to EXACT_MAX_VECTORS chunks;
 * hnswlib's graph search above that.
 *
 * Why: every hnswlib search first copies the query into C++ one element at a time through N-API (256 calls,
 * ~17 µs) and then, with efSearch 128, visits most of a small index anyway: 60–100 µs a question on the
 * bank's 300–1000-chunk corpora, the largest single cost of their answers. The local embedder's question
 * vectors are sparse (11–21 hashed words of 256 dimensions), so the exact cosine with every chunk is one
 * pass per word over a column of the vectors, copied out once when the retriever is built (dimension-major,
 * ≤ 2 MB): 591 chunks × 19 words ≈ 11k multiply-adds, then the k best by insertion.
 *
 * The result is the exact list hnswlib's search approximates, in its order: cosine, and equal distances in
 * label order (hnswlib orders (distance, label) pairs; equal here means the chunks agree on every dimension the
 * query uses — duplicates, chunks the query shares no word with — so hnswlib's float32 distances are equal
 * too). Where hnswlib's choice is its own, the search is left to it: distances that differ by less than float32
 * and float64 arithmetic can be trusted to agree on (TIE_EPSILON), equal distances when the index is larger
 * than efSearch (which of them its approximate search meets), an empty query. With at most efSearch vectors
 * hnswlib's search is meant to be exhaustive, but its graph can leave a vector unreachable (seen in a synthetic
 * index of duplicates and zero vectors), which it then never returns; above efSearch it is approximate. On the
 * question bank the two lists were the same in every search without equal distances but 3 of ~600, and every
 * answer is the same.
 */
export interface VectorSearch {
  /** Labels (chunk numbers) of the k nearest vectors, nearest first: what `searchKnn(vector, k).neighbors` returns. */
  nearest(vector: readonly number[], k: number): number[];
  /** Whether questions are answered here rather than by hnswlib. */
  readonly exact: boolean;
  /** How many vectors the index holds (fixed once loaded: a reload builds a new retriever). */
  readonly count: number;
}

// Distances closer than this are a tie: hnswlib computes in float32 (≈1e-7 relative), this in float64.
export const TIE_EPSILON = 1e-5;
/** Up to this many vectors the exact search is cheaper than hnswlib's (and its copy of the vectors ≤ 2 MB at 256 dimensions). */
export const EXACT_MAX_VECTORS = 2048;

export function createVectorSearch(index: Pick<LoadedIndex, 'vectors' | 'manifest'>, maxVectors = EXACT_MAX_VECTORS): VectorSearch {
  const { vectors } = index;
  const count = vectors.getCurrentCount();
  const bySearch: VectorSearch = { exact: false, count, nearest: (vector, k) => vectors.searchKnn(vector as number[], k).neighbors };
  if (count === 0 || count > maxVectors) return bySearch;
  // Ingest labels chunk i as the i-th vector: ties in hnswlib are then in label order. Anything else: hnswlib.
  const labels = vectors.getIdsList();
  if (labels.length !== count || [...labels].sort((a, b) => a - b).some((label, i) => label !== i)) return bySearch;
  // Up to efSearch vectors hnswlib's search is exhaustive, and which of equal distances it keeps at the cut is known.
  const exhaustive = count <= index.manifest.hnsw.efSearch;
  const dim = vectors.getNumDimensions();
  // Dimension-major: a question's word (one dimension) reads one contiguous column.
  const columns = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const point = vectors.getPoint(i);
    for (let d = 0; d < dim; d++) columns[d * count + i] = point[d];
  }
  // Per question, reused (one search at a time: JavaScript is single-threaded and nearest() does not yield).
  const dots = new Float64Array(count);
  const asked: number[] = [];
  let best = new Int32Array(0);
  /** Whether chunks a and b have the same value in every dimension the query uses: then hnswlib's distances are bit-identical too. */
  const sameForQuery = (a: number, b: number) => {
    for (const d of asked) if (columns[d * count + a] !== columns[d * count + b]) return false;
    return true;
  };
  return {
    exact: true,
    count,
    nearest(vector, k) {
      if (vector.length !== dim) return bySearch.nearest(vector, k);
      let norm = 0;
      asked.length = 0;
      for (let d = 0; d < dim; d++) {
        if (vector[d] === 0) continue;
        norm += vector[d] * vector[d];
        asked.push(d);
      }
      if (norm === 0) return bySearch.nearest(vector, k);
      dots.fill(0);
      for (const d of asked) {
        const q = vector[d];
        const base = d * count;
        for (let i = 0; i < count; i++) dots[i] += q * columns[base + i];
      }
      // The k + 1 best, nearest first, equal ones in label order (the one after the last kept shows whether the cut falls on a tie).
      const take = Math.min(k, count);
      const keep = Math.min(take + 1, count);
      if (best.length < keep) best = new Int32Array(keep);
      let size = 0;
      for (let i = 0; i < count; i++) {
        const dot = dots[i];
        if (size === keep && dot <= dots[best[size - 1]]) continue;
        let at = size === keep ? size - 1 : size++;
        while (at > 0 && dots[best[at - 1]] < dot) {
          best[at] = best[at - 1];
          at--;
        }
        best[at] = i;
      }
      const close = TIE_EPSILON * Math.sqrt(norm);
      for (let i = 0; i + 1 < size; i++) {
        const a = best[i];
        const b = best[i + 1];
        if (dots[a] - dots[b] >= close) continue;
        // Equal for hnswlib too, in label order as here: known when its search is exhaustive. (Above efSearch, taking
        // equal ones in label order changed one refusal's second passage on the bank: which duplicates an approximate
        // search meets first is its own.)
        if (exhaustive && sameForQuery(a, b)) continue;
        return bySearch.nearest(vector, k);
      }
      const out = new Array<number>(take);
      for (let i = 0; i < take; i++) out[i] = best[i];
      return out;
    },
  };
}
