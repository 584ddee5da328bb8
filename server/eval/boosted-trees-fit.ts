import type { TreeNode } from '../generators/extractive/boosted-trees.js';
import { treeValue } from '../generators/extractive/boosted-trees.js';
import { logistic } from '../shared/logistic.js';

/**
 * Gradient-boosted regression trees for a yes/no target (logistic loss, Newton leaves, L2 on the leaves),
 * fitted on feature histograms: each feature's values are cut at most `bins` − 1 times (its distinct values,
 * or quantiles when there are more), so a split search costs one pass over the rows per feature. Deterministic
 * (no sampling), small (depth 2, a few hundred leaves), and fast enough to refit hundreds of times for
 * leave-one-corpus-out.
 *
 * The shape is fixed in advance, not searched on the bank: depth 2 (a split and one refinement, so a pair
 * of features can interact), 150 rounds at learning rate 0.1, leaves shrunk by λ = 5, at least 10 rows a leaf.
 */
export interface BoostedTreesOptions {
  rounds?: number;
  learningRate?: number;
  depth?: number;
  lambda?: number;
  minLeaf?: number;
  bins?: number;
  /**
   * Per feature: −1 when the model's output may only fall as the feature grows (a missing asked value, a missing quoted
   * phrase), +1 when it may only rise, 0 or absent when free. Enforced as XGBoost does: a split on such a feature must
   * order its two sides so, and every leaf below each side stays on its side of their midpoint.
   */
  monotone?: readonly number[];
}

export interface BoostedTreesFit {
  bias: number;
  trees: TreeNode[];
}

export const BOOSTED_TREES_DEFAULTS: Required<BoostedTreesOptions> = { rounds: 150, learningRate: 0.1, depth: 2, lambda: 5, minLeaf: 10, bins: 16, monotone: [] };

/** Cut points of one feature: midpoints between its distinct values, or (with more than `bins` values) its inner quantiles. */
export function cutPoints(values: number[], bins: number): number[] {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  if (distinct.length <= bins) return distinct.slice(1).map((v, i) => (distinct[i] + v) / 2);
  const sorted = [...values].sort((a, b) => a - b);
  const cuts = new Set<number>();
  for (let k = 1; k < bins; k++) {
    // numpy's default (linear) quantile.
    const pos = (k / bins) * (sorted.length - 1);
    const lo = Math.floor(pos);
    cuts.add(sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (pos - lo));
  }
  return [...cuts].sort((a, b) => a - b);
}

export function fitBoostedTrees(x: number[][], y: number[], options: BoostedTreesOptions = {}): BoostedTreesFit {
  const { rounds, learningRate, depth, lambda, minLeaf, bins, monotone } = { ...BOOSTED_TREES_DEFAULTS, ...options };
  const clip = (w: number, lower: number, upper: number) => Math.min(upper, Math.max(lower, w));
  const n = x.length;
  const d = x[0]?.length ?? 0;
  const mean = y.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const bias = Math.log((mean + 1e-6) / (1 - mean + 1e-6));
  if (n === 0) return { bias, trees: [] };
  const cuts = Array.from({ length: d }, (_, j) => cutPoints(x.map((r) => r[j]), bins));
  // Each row's bin per feature: the first cut at or above its value (x ≤ cut goes low).
  const bin = Array.from({ length: d }, (_, j) => {
    const c = cuts[j];
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let b = 0;
      while (b < c.length && x[i][j] > c[b]) b++;
      out[i] = b;
    }
    return out;
  });
  const z = new Float64Array(n).fill(bias);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  // Leaf weights before the learning rate, kept within [lower, upper] (the bounds a monotone split above set).
  const leafOf = (rows: number[], lower: number, upper: number) => {
    let G = 0;
    let H = 0;
    for (const i of rows) {
      G += g[i];
      H += h[i];
    }
    return { leaf: clip(-G / (H + lambda), lower, upper) * learningRate };
  };
  const grow = (rows: number[], level: number, lower = -Infinity, upper = Infinity): TreeNode => {
    if (level === depth || rows.length < 2 * minLeaf) return leafOf(rows, lower, upper);
    let G = 0;
    let H = 0;
    for (const i of rows) {
      G += g[i];
      H += h[i];
    }
    const parent = (G * G) / (H + lambda);
    let best = { gain: 1e-9, feature: -1, cut: -1, low: 0, high: 0 };
    for (let j = 0; j < d; j++) {
      const c = cuts[j];
      if (c.length === 0) continue;
      const gb = new Float64Array(c.length + 1);
      const hb = new Float64Array(c.length + 1);
      const nb = new Uint32Array(c.length + 1);
      for (const i of rows) {
        const b = bin[j][i];
        gb[b] += g[i];
        hb[b] += h[i];
        nb[b]++;
      }
      let GL = 0;
      let HL = 0;
      let NL = 0;
      for (let k = 0; k < c.length; k++) {
        GL += gb[k];
        HL += hb[k];
        NL += nb[k];
        if (NL < minLeaf || rows.length - NL < minLeaf) continue;
        const gain = (GL * GL) / (HL + lambda) + ((G - GL) * (G - GL)) / (H - HL + lambda) - parent;
        if (gain <= best.gain) continue;
        const low = clip(-GL / (HL + lambda), lower, upper);
        const high = clip(-(G - GL) / (H - HL + lambda), lower, upper);
        const sign = monotone[j] ?? 0;
        if ((sign < 0 && high > low) || (sign > 0 && high < low)) continue;
        best = { gain, feature: j, cut: k, low, high };
      }
    }
    if (best.feature < 0) return leafOf(rows, lower, upper);
    const low = rows.filter((i) => bin[best.feature][i] <= best.cut);
    const high = rows.filter((i) => bin[best.feature][i] > best.cut);
    const sign = monotone[best.feature] ?? 0;
    const mid = (best.low + best.high) / 2;
    // A monotone split bounds each side's leaves at the midpoint of the two, so that no deeper split can reverse the order.
    const [lowBounds, highBounds] =
      sign < 0 ? [[Math.max(lower, mid), upper], [lower, Math.min(upper, mid)]] : sign > 0 ? [[lower, Math.min(upper, mid)], [Math.max(lower, mid), upper]] : [[lower, upper], [lower, upper]];
    return {
      feature: best.feature,
      at: cuts[best.feature][best.cut],
      low: grow(low, level + 1, lowBounds[0], lowBounds[1]),
      high: grow(high, level + 1, highBounds[0], highBounds[1]),
    };
  };
  const all = Array.from({ length: n }, (_, i) => i);
  const trees: TreeNode[] = [];
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      const p = logistic(z[i]);
      g[i] = p - y[i];
      h[i] = p * (1 - p);
    }
    const tree = grow(all, 0);
    trees.push(tree);
    for (let i = 0; i < n; i++) z[i] += treeValue(tree, x[i]);
  }
  return { bias, trees };
}

export function predictTrees(fit: BoostedTreesFit, x: number[]): number {
  let z = fit.bias;
  for (const t of fit.trees) z += treeValue(t, x);
  return logistic(z);
}
