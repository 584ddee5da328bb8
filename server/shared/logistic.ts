/**
 * The logistic function, log-odds → probability. Written once: the answer decision, the sentence-ranking
 * model and the scripts that fit them (logistic regression, boosted trees, Platt scaling) must agree on it.
 */
export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
