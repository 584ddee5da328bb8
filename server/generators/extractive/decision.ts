import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureName } from './features.js';

/**
 * Answer or refuse: ONE logistic model over general features (features.ts), its weights and its
 * threshold fitted by `npm run calibrate` on the question bank and stored in answerability-model.json.
 * No hand-set gate: the only hand choice is in the calibration, that a confidently wrong answer costs
 * more than an honest refusal with passages (the cost ratio is recorded in the model file).
 */
export interface AnswerabilityModel {
  features: FeatureName[];
  weights: number[];
  bias: number;
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
  model.features.forEach((name, i) => (z += model.weights[i] * (features[name] ?? 0)));
  return 1 / (1 + Math.exp(-z));
}
