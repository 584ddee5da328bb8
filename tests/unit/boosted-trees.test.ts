import { describe, expect, it } from 'vitest';
import { cutPoints, fitBoostedTrees, predictTrees } from '../../server/eval/boosted-trees-fit.js';
import { fitLogistic, predict } from '../../server/eval/logistic-fit.js';
import { treeValue, type TreeNode } from '../../server/generators/extractive/boosted-trees.js';
import { probability, type AnswerabilityModel } from '../../server/generators/extractive/decision.js';
import type { FeatureName } from '../../server/generators/extractive/features.js';

/** A small deterministic sample: the answer is right when coverage is high, except for a how-to without its command. */
function sample(): { x: number[][]; y: number[] } {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 200; i++) {
    const coverage = (i % 20) / 20;
    const howTo = i % 3 === 0 ? 1 : 0;
    const command = i % 7 < 3 ? 1 : 0;
    x.push([coverage, howTo, command]);
    y.push(coverage >= 0.5 && (!howTo || command) ? 1 : 0);
  }
  return { x, y };
}

describe('boosted trees for the answer-or-refuse decision', () => {
  it('walks a tree: low when the feature is at most the cut, high otherwise', () => {
    const tree: TreeNode = { feature: 1, at: 0.5, low: { leaf: -1 }, high: { feature: 0, at: 2, low: { leaf: 0.5 }, high: { leaf: 2 } } };
    expect(treeValue(tree, [9, 0.5])).toBe(-1);
    expect(treeValue(tree, [2, 0.6])).toBe(0.5);
    expect(treeValue(tree, [3, 0.6])).toBe(2);
  });

  it('cuts a feature between its distinct values, or at quantiles when it has many', () => {
    expect(cutPoints([0, 1, 1, 0], 16)).toEqual([0.5]);
    expect(cutPoints([0.2, 0.2], 16)).toEqual([]);
    const many = cutPoints(Array.from({ length: 101 }, (_, i) => i / 100), 4);
    expect(many).toEqual([0.25, 0.5, 0.75]);
  });

  it('fits monotone in a feature when told: a "missing" flag the sample pairs with right answers can only lower the output', () => {
    // A sample where the flag (feature 1) happens to come with right answers: unconstrained, the trees learn to raise p on it.
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 200; i++) {
      const coverage = (i % 10) / 10;
      const missing = i % 4 === 0 ? 1 : 0;
      x.push([coverage, missing]);
      y.push(missing ? 1 : coverage >= 0.5 ? 1 : 0);
    }
    const free = fitBoostedTrees(x, y);
    const constrained = fitBoostedTrees(x, y, { monotone: [0, -1] });
    for (const coverage of [0, 0.3, 0.6, 0.9]) {
      expect(predictTrees(free, [coverage, 1])).toBeGreaterThan(predictTrees(free, [coverage, 0]) - 1e-12);
      expect(predictTrees(constrained, [coverage, 1])).toBeLessThanOrEqual(predictTrees(constrained, [coverage, 0]) + 1e-12);
    }
    expect(predictTrees(free, [0, 1])).toBeGreaterThan(predictTrees(free, [0, 0]) + 0.1);
  });

  it('keeps a signed logistic weight on its side of 0, and fits the free ones as before', () => {
    // A "missing" flag that the sample happens to reward (it fires mostly on high-coverage rows that are right): unsigned,
    // its weight comes out positive; signed −1 it is held at 0 and the other weights still separate the sample.
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 200; i++) {
      const coverage = (i % 20) / 20;
      const missing = coverage >= 0.6 && i % 4 !== 0 ? 1 : 0;
      x.push([coverage, missing]);
      y.push(coverage >= 0.5 ? 1 : 0);
    }
    const free = fitLogistic(x, y, { l2: 1 });
    const signed = fitLogistic(x, y, { l2: 1, signs: [0, -1] });
    expect(free.weights[1]).toBeGreaterThan(0.05);
    expect(signed.weights[1]).toBeLessThanOrEqual(0);
    expect(signed.weights[0]).toBeGreaterThan(free.weights[0]);
    const errors = (p: (r: number[]) => number) => x.filter((r, i) => (p(r) >= 0.5 ? 1 : 0) !== y[i]).length;
    expect(errors((r) => predict(signed, r))).toBeLessThan(20);
    // No signs: the same fit as without the option.
    expect(fitLogistic(x, y, { l2: 1, signs: [0, 0] })).toEqual(free);
  });

  it('learns an interaction a linear model cannot (a how-to is right only with its command), deterministically', () => {
    const { x, y } = sample();
    const fit = fitBoostedTrees(x, y);
    expect(fitBoostedTrees(x, y)).toEqual(fit);
    const logistic = fitLogistic(x, y, { l2: 1 });
    const errors = (p: (r: number[]) => number) => x.filter((r, i) => (p(r) >= 0.5 ? 1 : 0) !== y[i]).length;
    expect(errors((r) => predictTrees(fit, r))).toBe(0);
    expect(errors((r) => predict(logistic, r))).toBeGreaterThan(10);
    expect(predictTrees(fit, [0.9, 1, 0])).toBeLessThan(0.2);
    expect(predictTrees(fit, [0.9, 1, 1])).toBeGreaterThan(0.8);
  });

  it('adds the trees to the linear log-odds in the stored model', () => {
    const features = ['coverage', 'margin'] as FeatureName[];
    const values = { coverage: 0.8, margin: 0.1 } as Record<FeatureName, number>;
    const linear: AnswerabilityModel = { features, weights: [2, 1], bias: -1, threshold: 0.75 };
    const z = -1 + 2 * 0.8 + 1 * 0.1;
    expect(probability(linear, values)).toBeCloseTo(1 / (1 + Math.exp(-z)), 10);
    const trees: TreeNode[] = [{ feature: 0, at: 0.5, low: { leaf: -3 }, high: { leaf: 0.25 } }, { feature: 1, at: 0.5, low: { leaf: 0.5 }, high: { leaf: -2 } }];
    expect(probability({ ...linear, trees }, values)).toBeCloseTo(1 / (1 + Math.exp(-(z + 0.25 + 0.5))), 10);
    // A trees-only model: no weights.
    expect(probability({ features, weights: [], bias: 0, trees, threshold: 0.75 }, values)).toBeCloseTo(1 / (1 + Math.exp(-0.75)), 10);
  });
});
