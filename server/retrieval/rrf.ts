/**
 * Reciprocal rank fusion: score = Σ 1 / (k + rank). Rank-based, so BM25 scores and cosine
 * similarities need no calibration against each other. k = 60 is the value from the original paper.
 * Optional per-list weights let a weaker list break ties without outvoting a stronger one.
 */
export function reciprocalRankFusion(
  rankings: ReadonlyArray<readonly number[]>,
  k = 60,
  weights: readonly number[] = [],
): Array<{ id: number; score: number }> {
  const scores = new Map<number, number>();
  rankings.forEach((ranking, r) => {
    const weight = weights[r] ?? 1;
    ranking.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + weight / (k + rank + 1)));
  });
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}
