/**
 * Keeps the best `limit` items of a stream in order, as they come: `best` stays sorted by `ahead` (a strict order),
 * so it ends as the first `limit` of sorting them all, without sorting the many that cannot make it. Used where a
 * few are kept of hundreds: the retriever's top chunks of the fused lists (rrf.ts), the feedback words (feedback-terms.ts).
 */
export function keepIfBest<T>(best: T[], item: T, limit: number, ahead: (a: T, b: T) => boolean): void {
  if (best.length === limit && !ahead(item, best[limit - 1])) return;
  let j = best.length === limit ? limit - 1 : best.length;
  while (j > 0 && ahead(item, best[j - 1])) {
    best[j] = best[j - 1];
    j--;
  }
  best[j] = item;
}
