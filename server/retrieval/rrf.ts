import { keepIfBest } from './kept-best.js';

/**
 * Reciprocal rank fusion: score = Σ 1 / (k + rank). Rank-based, so BM25 scores and cosine
 * similarities need no calibration against each other. k = 60 is the value from the original paper.
 * Optional per-list weights let a weaker list break ties without outvoting a stronger one.
 *
 * Ordered by score, then id (a strict order: equal scores keep the lower id first). With `limit`, only the first
 * `limit` of that order: the retriever keeps its top k of the ~100 fused chunks, so they are picked as they come
 * (kept-best.ts, as feedback-terms.ts keeps its best words) instead of sorting every chunk of three lists.
 */
export function reciprocalRankFusion(
  rankings: ReadonlyArray<readonly number[]>,
  k = 60,
  weights: readonly number[] = [],
  limit = Infinity,
): Array<{ id: number; score: number }> {
  // Each id's position in `ids`/`scores` (a Map of small integers, no boxed sum per update); each sum is added up in
  // list order, as one Map of sums added it.
  const at = new Map<number, number>();
  const ids: number[] = [];
  const scores: number[] = [];
  for (let r = 0; r < rankings.length; r++) {
    const ranking = rankings[r];
    const weight = weights[r] ?? 1;
    for (let rank = 0; rank < ranking.length; rank++) {
      const id = ranking[rank];
      const add = weight / (k + rank + 1);
      const i = at.get(id);
      if (i === undefined) {
        at.set(id, ids.length);
        ids.push(id);
        scores.push(0 + add);
      } else scores[i] += add;
    }
  }
  const ahead = (i: number, j: number) => scores[i] > scores[j] || (scores[i] === scores[j] && ids[i] < ids[j]);
  const n = ids.length;
  let order: number[];
  if (limit >= n) {
    order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || ids[a] - ids[b]);
  } else {
    order = [];
    for (let i = 0; i < n; i++) keepIfBest(order, i, limit, ahead);
  }
  return order.map((i) => ({ id: ids[i], score: scores[i] }));
}
