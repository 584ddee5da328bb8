import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FEATURE_NAMES, type FeatureName } from './features.js';
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

/**
 * Below this probability that the best sentence answers, a refusal says plainly that the documents do not say it; from
 * here up to the model's threshold it says that the documents do not say it clearly (the closest passages follow either way).
 * A wording policy on the calibrated probability that quoting the best sentence would answer, not a fitted weight: over
 * the bank's 1,724 calibration rows (session 10) that forced answer was correct for 9% of the questions under 0.2, 24% at
 * 0.2–0.3, 36–46% at 0.3–0.6 and 67% at 0.6–0.75. Below 0.25 the best passage rarely answers, so the plain wording; above
 * it, often enough that "do not say" would mislead. (Either wording is a refusal: answered:false.)
 */
export const PLAIN_REFUSAL_BELOW = 0.25;

/**
 * A model that answers every question with its best sentence (p 0.5 at threshold 0): what the decision has to work with —
 * `eval:all --force-answer`, calibrate's rows, the diagnostics. One object, only ever read.
 */
export const ALWAYS_ANSWER: AnswerabilityModel = { features: [...FEATURE_NAMES], weights: FEATURE_NAMES.map(() => 0), bias: 0, threshold: 0 };

let loaded: AnswerabilityModel | undefined;

/** The committed model, read once. */
export function defaultModel(): AnswerabilityModel {
  loaded ??= JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as AnswerabilityModel;
  return loaded;
}

export function probability(model: AnswerabilityModel, features: Record<FeatureName, number>): number {
  // The model's features in its order, read once by name for the linear part and the trees alike.
  const x = model.features.map((name) => features[name] ?? 0);
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i] * x[i];
  if (model.trees?.length) z += treesValue(model.trees, x);
  return logistic(z);
}
