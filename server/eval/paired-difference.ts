/**
 * Is a change to the decision better than noise? Two leave-one-corpus-out runs score the same corpora; their
 * difference in utility (correct − cost × confidently wrong) is a sum over corpora, and the spread of the
 * per-corpus differences gives its standard error. A feature that moves the pooled figure by less than about
 * two standard errors has not shown anything: several rounds of features were judged "noise" by eye before
 * this was printed (tests/bank/README.md).
 */
export interface CorpusOutcome {
  correct: number;
  confidentlyWrong: number;
}

export interface PairedDifference {
  /** Summed utility after − before over the corpora both runs scored. */
  diff: number;
  /** Standard error of that sum, from the per-corpus differences (0 with fewer than two corpora). */
  se: number;
  corpora: number;
  /** The corpora whose utility moved, and by how much. */
  moved: Record<string, number>;
}

export function pairedDifference(before: Record<string, CorpusOutcome>, after: Record<string, CorpusOutcome>, cost: number): PairedDifference {
  const utility = (o: CorpusOutcome) => o.correct - cost * o.confidentlyWrong;
  const shared = Object.keys(after).filter((c) => c in before);
  const d = shared.map((c) => utility(after[c]) - utility(before[c]));
  const diff = d.reduce((a, b) => a + b, 0);
  const n = d.length;
  const mean = n ? diff / n : 0;
  // The sum of n independent per-corpus differences: n times the variance of one, estimated from their spread.
  const se = n > 1 ? Math.sqrt((d.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) * n) : 0;
  const moved: Record<string, number> = {};
  shared.forEach((c, i) => {
    if (d[i] !== 0) moved[c] = d[i];
  });
  return { diff, se, corpora: n, moved };
}
