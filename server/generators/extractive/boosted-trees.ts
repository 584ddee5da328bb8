/**
 * A sum of small regression trees over the decision's features (gradient boosting, fitted by
 * `npm run calibrate`, server/eval/boosted-trees-fit.ts). Each node asks one question of one feature,
 * "is it at most t?"; the leaves hold log-odds already scaled by the learning rate, so the model's
 * log-odds are the bias plus one leaf of every tree. Trees see what a linear model over the same features
 * cannot: that coverage 0.6 means one thing for a how-to with a command line and another for an
 * unanswerable look-alike whose asked value is missing.
 */
export type TreeNode = { leaf: number } | { feature: number; at: number; low: TreeNode; high: TreeNode };

/** The leaf `x` reaches: `low` when feature ≤ `at`, else `high`. */
export function treeValue(tree: TreeNode, x: ArrayLike<number>): number {
  let node = tree;
  while (!('leaf' in node)) node = x[node.feature] <= node.at ? node.low : node.high;
  return node.leaf;
}

/** The trees' summed log-odds. */
export function treesValue(trees: readonly TreeNode[], x: ArrayLike<number>): number {
  let z = 0;
  for (const t of trees) z += treeValue(t, x);
  return z;
}
