import { fitLogistic, solve } from './logistic-fit.js';

/**
 * Fits for choosing one sentence among a question's candidates (fit-ranking.ts): each question is a list of candidate
 * feature rows, labelled 1 where the candidate holds the answer. Both are converged fits (Newton's method), so their
 * result does not depend on a learning rate or a step count, and both are L2-regularised (summed over questions).
 */
export interface RankingList {
  x: number[][];
  y: number[];
}

/** Weights only: a ranking is unchanged by a bias. */
export type Weights = number[];

/** log Σ_pos e^s − log Σ_all e^s over the lists, minus the L2 penalty. */
function listwiseObjective(lists: RankingList[], w: Weights, l2: number): number {
  let total = -0.5 * l2 * w.reduce((n, v) => n + v * v, 0);
  for (const { x, y } of lists) {
    const s = x.map((r) => r.reduce((z, v, j) => z + v * w[j], 0));
    const top = Math.max(...s);
    let all = 0;
    let pos = 0;
    s.forEach((v, i) => {
      const e = Math.exp(v - top);
      all += e;
      if (y[i]) pos += e;
    });
    total += Math.log(pos) - Math.log(all);
  }
  return total;
}

/**
 * Listwise (conditional logit): per question, the softmax over its candidates' scores puts its mass on the sentences
 * holding the answer. Newton's method with a halving line search; the Hessian is Cov_all − Cov_pos (+ L2).
 */
export function fitListwise(input: RankingList[], { l2 = 1, iterations = 40 } = {}): Weights {
  const lists = input.filter((q) => q.y.some((v) => v === 1) && q.y.some((v) => v === 0));
  const d = input.find((q) => q.x.length)?.x[0].length ?? 0;
  let w = new Array<number>(d).fill(0);
  let current = listwiseObjective(lists, w, l2);
  for (let it = 0; it < iterations; it++) {
    const grad = w.map((v) => -l2 * v);
    const hess = Array.from({ length: d }, (_, j) => Array.from({ length: d }, (_, k) => (j === k ? l2 + 1e-9 : 0)));
    for (const { x, y } of lists) {
      const s = x.map((r) => r.reduce((z, v, j) => z + v * w[j], 0));
      const top = Math.max(...s);
      const e = s.map((v) => Math.exp(v - top));
      const all = e.reduce((a, b) => a + b, 0);
      const pos = e.reduce((a, b, i) => a + (y[i] ? b : 0), 0);
      // Means under the two distributions, then the covariances' difference.
      const pa = e.map((v) => v / all);
      const pp = e.map((v, i) => (y[i] ? v / pos : 0));
      const meanA = new Array<number>(d).fill(0);
      const meanP = new Array<number>(d).fill(0);
      x.forEach((r, i) => {
        for (let j = 0; j < d; j++) {
          meanA[j] += pa[i] * r[j];
          meanP[j] += pp[i] * r[j];
        }
      });
      for (let j = 0; j < d; j++) grad[j] += meanP[j] - meanA[j];
      x.forEach((r, i) => {
        const ca = pa[i];
        const cp = pp[i];
        for (let j = 0; j < d; j++) {
          const aj = r[j] - meanA[j];
          const pj = r[j] - meanP[j];
          if (aj === 0 && pj === 0) continue;
          for (let k = 0; k < d; k++) hess[j][k] += ca * aj * (r[k] - meanA[k]) - cp * pj * (r[k] - meanP[k]);
        }
      });
    }
    const step = solve(hess, grad);
    let t = 1;
    let next = w.map((v, j) => v + t * step[j]);
    let value = listwiseObjective(lists, next, l2);
    while (!(value >= current) && t > 1e-4) {
      t /= 2;
      next = w.map((v, j) => v + t * step[j]);
      value = listwiseObjective(lists, next, l2);
    }
    if (!(value >= current)) break;
    const moved = Math.max(...step.map((v) => Math.abs(v * t)));
    w = next;
    current = value;
    if (moved < 1e-6) break;
  }
  return w;
}

/**
 * Pairwise: logistic regression on the differences between a sentence holding the answer and each other candidate of
 * its question (both orders, so the fitted bias is 0), each question weighing the same whatever its list's length.
 */
export function fitPairwise(input: RankingList[], { l2 = 1 } = {}): Weights {
  const x: number[][] = [];
  const y: number[] = [];
  const weights: number[] = [];
  for (const q of input) {
    const pos = q.x.filter((_, i) => q.y[i] === 1);
    const neg = q.x.filter((_, i) => q.y[i] === 0);
    const share = 1 / Math.max(1, pos.length * neg.length);
    for (const p of pos)
      for (const n of neg) {
        const diff = p.map((v, j) => v - n[j]);
        x.push(diff, diff.map((v) => -v));
        y.push(1, 0);
        weights.push(share, share);
      }
  }
  return fitLogistic(x, y, { l2, sampleWeights: weights }).weights;
}
