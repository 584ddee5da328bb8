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

export function fitLogistic(x: number[][], y: number[], { l2 = 1, iterations = 50, sampleWeights }: { l2?: number; iterations?: number; sampleWeights?: number[] } = {}): LogisticFit {
  const d = (x[0]?.length ?? 0) + 1; // last column: bias
  const rows = x.map((r) => [...r, 1]);
  let w = new Array<number>(d).fill(0);
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
    const step = solve(hess, grad);
    w = w.map((v, j) => v - step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  return { weights: w.slice(0, -1), bias: w[d - 1] };
}

export const predict = (fit: LogisticFit, x: number[]): number => logistic(x.reduce((z, v, j) => z + fit.weights[j] * v, fit.bias));
