import type { CandidateSentence } from '../../core/types.js';

/**
 * The candidate holding sentence s (-1: none), for sentence-evidence.ts's neighbour look-ups (two per candidate).
 * buildCandidates offers a sentence once; were one offered twice, the last candidate holding it is found (as a Map's
 * last set kept), whichever way below.
 *
 * A question's candidates are the sentences of a dozen retrieved chunks, so their numbers usually span a few hundred
 * sentences: then a table over that span, written in candidate order, answers each look-up with one read. Wider apart
 * (a large corpus), their numbers are sorted once and searched. Both buffers are reused between calls: scoreEvidence is
 * synchronous and drops the function before it returns.
 */
export function candidatePositions(candidates: CandidateSentence[]): (s: number) => number {
  const n = candidates.length;
  if (n === 0) return () => -1;
  let min = candidates[0].sentence;
  let max = min;
  for (let i = 1; i < n; i++) {
    const s = candidates[i].sentence;
    if (s < min) min = s;
    else if (s > max) max = s;
  }
  const span = max - min + 1;
  const tableSpan = Math.min(TABLE_MAX_SPAN, Math.max(TABLE_MIN_SPAN, TABLE_CELLS_PER_CANDIDATE * n));
  return span <= tableSpan ? byTable(candidates, min, span) : bySearch(candidates);
}

// Spans up to this many sentences always take the table (a chunk of the article holds 3, of a manual up to 20 or so);
// wider ones when they hold at least one candidate per this many cells (filling the table stays cheaper than sorting),
// up to a table of TABLE_MAX_SPAN cells (the buffer kept between calls stays under a megabyte).
const TABLE_MIN_SPAN = 4096;
const TABLE_CELLS_PER_CANDIDATE = 64;
const TABLE_MAX_SPAN = 65_536;

let tableScratch = new Int32Array(TABLE_MIN_SPAN);
function byTable(candidates: CandidateSentence[], min: number, span: number): (s: number) => number {
  if (tableScratch.length < span) tableScratch = new Int32Array(span * 2);
  const table = tableScratch;
  table.fill(-1, 0, span);
  for (let i = 0; i < candidates.length; i++) table[candidates[i].sentence - min] = i;
  return (s) => (s >= min && s - min < span ? table[s - min] : -1);
}

let sortedScratch = new Float64Array(256);
function bySearch(candidates: CandidateSentence[]): (s: number) => number {
  const n = candidates.length;
  if (n >= 65536) {
    const position = new Map<number, number>();
    for (let i = 0; i < n; i++) position.set(candidates[i].sentence, i);
    return (s) => position.get(s) ?? -1;
  }
  if (sortedScratch.length < n) sortedScratch = new Float64Array(n * 2);
  // Each cell sentence × 2^16 + position: one sort orders by sentence, then position (candidates number far fewer than 2^16).
  const keys = sortedScratch.subarray(0, n);
  for (let i = 0; i < n; i++) keys[i] = candidates[i].sentence * 65536 + i;
  keys.sort();
  return (s) => {
    // The last key below (s + 1) × 2^16: the highest position holding s, if any.
    let lo = 0;
    let hi = n - 1;
    let found = -1;
    const limit = (s + 1) * 65536;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < limit) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && Math.floor(keys[found] / 65536) === s ? keys[found] % 65536 : -1;
  };
}
