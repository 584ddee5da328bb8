import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureName } from './features.js';
import { treesValue, type TreeNode } from './boosted-trees.js';
import { logistic } from '../../shared/logistic.js';

/**
 * Answer or refuse: ONE model over general features (features.ts) — a linear part and, when fitted,
 * boosted trees (boosted-trees.ts) — its parameters and its threshold fitted by `npm run calibrate` on the
 * question bank and stored in answerability-model.json. No hand-set gate: the only hand choice is in the
 * calibration, that a confidently wrong answer costs more than an honest refusal with passages (the cost
 * ratio is recorded in the model file).
 */
export interface AnswerabilityModel {
  features: FeatureName[];
  /** Linear weights of the first `weights.length` features (empty for a trees-only model). */
  weights: number[];
  bias: number;
  /** Regression trees over `features` (by position), their leaves added to the log-odds. */
  trees?: TreeNode[];
  /** Answer when the probability is at least this. */
  threshold: number;
  /** How it was fitted (bank sets, cost ratio, regularisation, date) — for people, not for the code. */
  fitted?: Record<string, unknown>;
}

export const MODEL_FILE = path.join(import.meta.dirname, 'answerability-model.json');

let loaded: AnswerabilityModel | undefined;

/** The committed model, read once. */
export function defaultModel(): AnswerabilityModel {
  loaded ??= JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as AnswerabilityModel;
  return loaded;
}

export function probability(model: AnswerabilityModel, features: Record<FeatureName, number>): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i] * (features[model.features[i]] ?? 0);
  if (model.trees?.length) z += treesValue(model.trees, model.features.map((name) => features[name] ?? 0));
  return logistic(z);
}
