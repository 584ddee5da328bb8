import { VALUE_TYPES } from '../../core/answer-type.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { COMMAND_LINE, LIST_ITEM } from '../../core/sentence-shapes.js';
import type { AnalyzedQuery } from '../../core/types.js';
import type { QuestionKind } from './kinds/index.js';
import type { Evidence } from './sentence-evidence.js';
import { preferSteps } from './how-to-answer.js';

/**
 * Which candidate sentence answers: a logistic model over general features of one sentence, fitted by
 * `npm run fit:ranking` on the question bank (label: the sentence holds the case's evidence) and reported
 * leave-one-corpus-out. Without a fitted model file the hand-set evidence score (sentence-evidence.ts) ranks.
 */
export const RANK_FEATURES = [
  // The hand-set evidence score itself: the fit refines it rather than starting from nothing.
  'evidenceScore',
  'coverage',
  'coverage>=0.7',
  'predicateCoverage',
  'valueFound',
  'aboutTopic',
  'chunkRank',
  'isHeading',
  'kindCue',
  'usesPrevious',
  'listItem',
  'commandLine',
  'short',
  'long',
  'unmatchedRare',
  'numbersMissing',
  'hasLead',
  'contextCoverage',
] as const;
export type RankFeature = (typeof RANK_FEATURES)[number];

export interface RankingModel {
  features: RankFeature[];
  weights: number[];
  bias: number;
  fitted?: Record<string, unknown>;
}

const SHORT = 30;
const LONG = 220;

export function rankFeatures(e: Evidence, query: AnalyzedQuery, kind: QuestionKind | undefined): number[] {
  const text = e.candidate.text;
  const length = text.replace(/\s+/g, '').length;
  const f: Record<RankFeature, number> = {
    evidenceScore: e.score,
    coverage: e.coverage,
    'coverage>=0.7': e.coverage >= 0.7 ? 1 : 0,
    predicateCoverage: e.predicateCoverage,
    valueFound: VALUE_TYPES.has(query.answerType) && e.typeOk ? 1 : 0,
    aboutTopic: e.aboutTopic ? 1 : 0,
    chunkRank: Math.min(1, e.candidate.chunkRank / 12),
    isHeading: e.isHeading ? 1 : 0,
    kindCue: kind?.answerCue?.test(text.normalize('NFKC')) ? 1 : 0,
    usesPrevious: e.usesPrevious ? 1 : 0,
    listItem: LIST_ITEM.test(text) ? 1 : 0,
    commandLine: COMMAND_LINE.test(text) ? 1 : 0,
    short: length < SHORT ? 1 : 0,
    long: length > LONG ? 1 : 0,
    unmatchedRare: e.unmatchedRare,
    numbersMissing: e.numbersMissing,
    hasLead: e.candidate.lead ? 1 : 0,
    contextCoverage: e.contextCoverage,
  };
  return RANK_FEATURES.map((name) => f[name]);
}

export const RANKING_MODEL_FILE = path.join(import.meta.dirname, 'sentence-ranking-model.json');

let loaded: RankingModel | null | undefined;

/** The committed ranking model, read once; null when none has been fitted. */
export function defaultRankingModel(): RankingModel | null {
  if (loaded === undefined) loaded = existsSync(RANKING_MODEL_FILE) ? (JSON.parse(readFileSync(RANKING_MODEL_FILE, 'utf8')) as RankingModel) : null;
  return loaded;
}

/** The model's probability that the sentence holds the answer. */
export function rankScore(model: RankingModel, x: number[]): number {
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += model.weights[i] * x[i];
  return 1 / (1 + Math.exp(-z));
}

export const RANKING_CONTEXT_FILE = path.join(import.meta.dirname, 'ranking-context.json');

let contextWeight: number | undefined;

/**
 * How much the coverage a sentence's neighbours lend it (Evidence.contextCoverage) counts in its rank,
 * fitted by `npm run fit:bm25` (ranking-context.json); 0 (off) when absent.
 */
export function defaultContextWeight(): number {
  contextWeight ??= existsSync(RANKING_CONTEXT_FILE) ? (JSON.parse(readFileSync(RANKING_CONTEXT_FILE, 'utf8')) as { weight: number }).weight : 0;
  return contextWeight;
}

/**
 * The candidates' evidence, ranked best first: by the fitted model when there is one (its score replaces
 * the hand-set one), else by the evidence score plus `context` × the coverage counting its neighbours' words. The
 * score itself stays the sentence's own (the decision judges it). Ties keep retrieval order.
 */
export function rankEvidence(
  evidence: Evidence[],
  query: AnalyzedQuery,
  kind: QuestionKind | undefined,
  model: RankingModel | null = defaultRankingModel(),
  context = defaultContextWeight(),
): Evidence[] {
  const fitted = model !== null && model.features.length === RANK_FEATURES.length;
  const scored = fitted ? evidence.map((e) => ({ ...e, score: rankScore(model, rankFeatures(e, query, kind)) })) : evidence;
  // A fitted model has the context among its features; the hand-set score gets it added here.
  const key = (e: Evidence) => e.score + context * e.contextCoverage;
  const sorted = !fitted && context > 0 ? scored.sort((a, b) => key(b) - key(a)) : scored.sort((a, b) => b.score - a.score);
  // A how-to prefers a step of a procedure to talk about the topic (how-to-answer.ts, weight fitted).
  return kind?.name === 'how-to' ? preferSteps(sorted) : sorted;
}
