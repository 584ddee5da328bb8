/**
 * Logistic regression by batch gradient descent with L2 regularisation (the bias is not regularised).
 * Small and deterministic: the bank has hundreds of rows and a few dozen features.
 */
export interface LogisticFit {
  weights: number[];
  bias: number;
}

export function fitLogistic(x: number[][], y: number[], { l2 = 0.01, iterations = 3000, rate = 0.5 } = {}): LogisticFit {
  const d = x[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const n = Math.max(1, x.length);
  for (let it = 0; it < iterations; it++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < x.length; i++) {
      let z = b;
      for (let j = 0; j < d; j++) z += w[j] * x[i][j];
      const err = 1 / (1 + Math.exp(-z)) - y[i];
      for (let j = 0; j < d; j++) gw[j] += err * x[i][j];
      gb += err;
    }
    for (let j = 0; j < d; j++) w[j] -= rate * (gw[j] / n + l2 * w[j]);
    b -= rate * (gb / n);
  }
  return { weights: w, bias: b };
}

export const predict = (fit: LogisticFit, x: number[]): number => 1 / (1 + Math.exp(-x.reduce((z, v, j) => z + fit.weights[j] * v, fit.bias)));
