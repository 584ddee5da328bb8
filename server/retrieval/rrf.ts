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
  // Each id's position in `ids`/`scores` (no boxed sum per update); each sum is added up in list order, as one Map of
  // sums added it. Chunk numbers (small non-negative integers, the retrievers' ids) find it in a reused table by id;
  // any other id through a Map.
  const at = positionsFor(rankings);
  const ids: number[] = [];
  const scores: number[] = [];
  try {
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
  } finally {
    at.release(ids);
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

/** Where each id's sum is: get (undefined: not yet), set, and release once the call is done with it. */
interface Positions {
  get(id: number): number | undefined;
  set(id: number, position: number): void;
  release(ids: readonly number[]): void;
}

// Ids up to this bound use the table (4 bytes per id, grown to the largest id seen; a chunk number stays below it).
const TABLE_LIMIT = 1 << 22;
// Position + 1 of each id in the current call (0: not seen); every cell set is cleared again by release.
let table = new Int32Array(0);
const byTable: Positions = {
  get: (id) => (table[id] === 0 ? undefined : table[id] - 1),
  set: (id, position) => {
    table[id] = position + 1;
  },
  release: (ids) => {
    for (const id of ids) table[id] = 0;
  },
};

/** The table when every id is an integer in [0, TABLE_LIMIT) (grown to fit), else a Map for this call. */
function positionsFor(rankings: ReadonlyArray<readonly number[]>): Positions {
  let max = -1;
  for (const ranking of rankings) {
    for (const id of ranking) {
      if (!Number.isInteger(id) || id < 0 || id >= TABLE_LIMIT) {
        const map = new Map<number, number>();
        return { get: (i) => map.get(i), set: (i, p) => void map.set(i, p), release: () => {} };
      }
      if (id > max) max = id;
    }
  }
  if (max >= table.length) table = new Int32Array(Math.max(max + 1, table.length * 2));
  return byTable;
}
