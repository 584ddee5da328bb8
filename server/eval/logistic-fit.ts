import { logistic } from '../shared/logistic.js';

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares):
 * exact convergence in a few steps for a few dozen features, deterministic, no learning rate to tune.
 * The bias is not regularised.
 */
export interface LogisticFit {
  weights: number[];
  bias: number;
}

/** Solves A x = b (A symmetric positive definite) by Gaussian elimination with partial pivoting. */
export function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const pivot = m[c][c] || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / pivot;
      if (f !== 0) for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / (m[r][r] || 1e-12);
  }
  return x;
}

export interface LogisticOptions {
  l2?: number;
  iterations?: number;
  sampleWeights?: number[];
  /**
   * Per feature: −1 when its weight may not be positive (more of what is missing can only lower the probability), +1 when
   * it may not be negative, 0 or absent when free. Enforced by projected Newton steps: a weight held at 0 by its sign while
   * the loss would push it across is left out of the step (an active set), the others are solved for, the result is
   * clipped to the signs, and the step is halved until the penalised loss falls.
   */
  signs?: readonly number[];
}

export function fitLogistic(x: number[][], y: number[], { l2 = 1, iterations = 50, sampleWeights, signs = [] }: LogisticOptions = {}): LogisticFit {
  const d = (x[0]?.length ?? 0) + 1; // last column: bias
  const rows = x.map((r) => [...r, 1]);
  let w = new Array<number>(d).fill(0);
  const sign = (j: number) => (j < d - 1 ? (signs[j] ?? 0) : 0);
  // The penalised negative log-likelihood the Newton steps minimise (the bias unpenalised).
  const loss = (v: number[]): number => {
    let total = 0;
    rows.forEach((r, i) => {
      const z = r.reduce((acc, value, j) => acc + value * v[j], 0);
      // log(1 + e^z) − y·z, computed without overflow.
      total += (sampleWeights?.[i] ?? 1) * (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i] * z);
    });
    for (let j = 0; j < d - 1; j++) total += (l2 / 2) * v[j] * v[j];
    return total;
  };
  const clipped = (v: number, j: number) => (sign(j) < 0 ? Math.min(0, v) : sign(j) > 0 ? Math.max(0, v) : v);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    rows.forEach((r, i) => {
      const p = logistic(r.reduce((z, v, j) => z + v * w[j], 0));
      const sw = sampleWeights?.[i] ?? 1;
      const s = sw * p * (1 - p);
      for (let j = 0; j < d; j++) {
        grad[j] += sw * (p - y[i]) * r[j];
        if (r[j] !== 0) for (let k = 0; k < d; k++) hess[j][k] += s * r[j] * r[k];
      }
    });
    for (let j = 0; j < d - 1; j++) {
      grad[j] += l2 * w[j];
      hess[j][j] += l2;
    }
    hess[d - 1][d - 1] += 1e-6;
    // Held at its bound: a signed weight at 0 whose descent direction (−grad) points across it.
    const held = (j: number) => w[j] === 0 && ((sign(j) < 0 && grad[j] < 0) || (sign(j) > 0 && grad[j] > 0));
    const free = [...Array(d).keys()].filter((j) => !held(j));
    const freeStep = solve(
      free.map((j) => free.map((k) => hess[j][k])),
      free.map((j) => grad[j]),
    );
    const step = new Array<number>(d).fill(0);
    free.forEach((j, i) => (step[j] = freeStep[i]));
    let next = w.map((v, j) => clipped(v - step[j], j));
    // A clipped Newton step need not lower the loss (clipping one weight changes what the others should be), and
    // unchecked it can flip a weight on and off its bound with growing steps: with signs, halve the step until the loss
    // falls. Without signs the plain Newton step is kept, as before.
    if (signs.some((v) => v !== 0)) {
      const before = loss(w);
      for (let t = 0.5; loss(next) > before && t > 1e-6; t /= 2) next = w.map((v, j) => clipped(v - t * step[j], j));
    }
    const moved = Math.max(...next.map((v, j) => Math.abs(v - w[j])));
    w = next;
    if (moved < 1e-6) break;
  }
  return { weights: w.slice(0, -1), bias: w[d - 1] };
}

export const predict = (fit: LogisticFit, x: number[]): number => logistic(x.reduce((z, v, j) => z + fit.weights[j] * v, fit.bias));
