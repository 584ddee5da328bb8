/**
 * The distinct ids of two lists, in order of first appearance (a's, then b's new ones): what
 * `[...new Set([...a, ...b])]` gives, for the chunk numbers of a retriever's keyword and vector lists, without the two
 * spreads and the Set a question built for its sentence-scoring pool. The ids must be non-negative integers.
 */
// Which ids the current call has taken (1), every cell set cleared again before it returns; grown to the largest id.
let taken = new Uint8Array(0);

export function orderedUnion(a: readonly number[], b: readonly number[]): number[] {
  let max = -1;
  for (const id of a) if (id > max) max = id;
  for (const id of b) if (id > max) max = id;
  if (max >= taken.length) taken = new Uint8Array(Math.max(max + 1, taken.length * 2));
  const out: number[] = [];
  for (const list of [a, b]) {
    for (const id of list) {
      if (taken[id] === 1) continue;
      taken[id] = 1;
      out.push(id);
    }
  }
  for (const id of out) taken[id] = 0;
  return out;
}
