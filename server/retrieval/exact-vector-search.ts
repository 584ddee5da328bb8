import type { LoadedIndex } from '../shared/index-format/loaded-index.js';

/**
 * Nearest chunks by cosine, computed in JavaScript for an index of at most `efSearch` chunks; hnswlib's graph
 * search above that.
 *
 * Why: every hnswlib search first copies the query into C++ one element at a time through N-API (256 calls,
 * ~17 µs), several times the search itself on a small index (the article: 18 chunks, 2 µs here). The vectors are
 * copied out once, when the retriever is built (dimension-major, ≤ 128 × 256 floats), and the local embedder's
 * sparse question vector (11–21 hashed words) is compared with them one used dimension at a time.
 *
 * Same list as hnswlib: with at most efSearch vectors its search keeps every vector it reaches, so it returns
 * the nearest ones, in (distance, label) order. Equal distances here are chunks that agree on every dimension
 * the query uses (duplicates, chunks the query shares no word with), whose float32 distances in hnswlib are
 * equal too: label order, as there. Distances that differ by less than float32 and float64 arithmetic can be
 * trusted to agree on (TIE_EPSILON), and an empty query, are left to hnswlib. (Its graph can leave a vector
 * unreachable — seen in a synthetic index of duplicates and zero vectors — which it then never returns: on the
 * question bank every list and every answer is the same.) Above efSearch hnswlib's search is approximate, and
 * its result is the product's: an exact search there (tried) returned a different list for 3 of ~600 bank
 * questions, and left to hnswlib every search with equal distances — up to 29 of 30 on a corpus with
 * duplicate chunks — so it cost more than it saved there.
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
export function createVectorSearch(index: Pick<LoadedIndex, 'vectors' | 'manifest'>): VectorSearch {
  const count = index.vectors.getCurrentCount();
  // hnswlib's index is reached through `index` (no reference of its own to it here, as the retriever before).
  const bySearch: VectorSearch = { exact: false, count, nearest: (vector, k) => index.vectors.searchKnn(vector as number[], k).neighbors };
  // More vectors than the search keeps candidates: hnswlib's search is approximate there, and its result is the product's.
  if (count === 0 || count > index.manifest.hnsw.efSearch) return bySearch;
  // Ingest labels chunk i as the i-th vector: ties in hnswlib are then in label order. Anything else: hnswlib.
  const labels = index.vectors.getIdsList();
  if (labels.length !== count || [...labels].sort((a, b) => a - b).some((label, i) => label !== i)) return bySearch;
  const dim = index.vectors.getNumDimensions();
  // Dimension-major: a question's word (one dimension) reads one contiguous column.
  const columns = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const point = index.vectors.getPoint(i);
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
        // Equal for hnswlib too, and in label order there as here (at the cut too: it keeps the lowest labels).
        if (sameForQuery(a, b)) continue;
        return bySearch.nearest(vector, k);
      }
      const out = new Array<number>(take);
      for (let i = 0; i < take; i++) out[i] = best[i];
      return out;
    },
  };
}
