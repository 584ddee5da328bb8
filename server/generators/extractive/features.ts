import { VALUE_TYPES } from '../../core/answer-type.js';
import type { AnalyzedQuery, HistoryTurn } from '../../core/types.js';
import type { QuestionKind } from './kinds/index.js';
import { KINDS } from './kinds/index.js';
import type { Evidence } from './sentence-evidence.js';

/**
 * The general features of "would quoting this sentence answer the question?", for the one
 * calibrated decision in decision.ts. Every feature is in [0, 1] (or a 0/1 flag) so the fitted
 * weights stay comparable and the fit is stable on a small bank.
 */
export const FEATURE_NAMES = [
  'coverage',
  'coverage>=0.5',
  'coverage>=0.7',
  'coverage>=0.9',
  'predicateCoverage',
  'predicateCoverage>=0.5',
  'valueAsked',
  'valueMissing',
  // A sentence that says everything but the asked value is the typical near miss: its coverage must not buy an answer.
  'valueMissing*coverage',
  'requiredMissing',
  'nothingAsked',
  'verbatimMissing',
  'focusMissing',
  'unmatchedRare',
  'numbersMissing',
  'margin',
  'chunkRank',
  'usesPrevious',
  'isHeading',
  'kindCueMissing',
  'translated',
  'followup',
  'fewWords',
  ...KINDS.map((k) => `kind:${k.name}`),
] as const;


export type FeatureName = (typeof FEATURE_NAMES)[number];

export function answerFeatures(
  query: AnalyzedQuery,
  ranked: Evidence[],
  kind: QuestionKind | undefined,
  history: HistoryTurn[],
): Record<FeatureName, number> {
  const best = ranked[0];
  const second = ranked.find((e) => e.candidate.text !== best.candidate.text);
  const ownWords = query.terms.filter((t) => t.origin === 'question' && !t.term.startsWith('~')).length;
  const text = best.candidate.text.normalize('NFKC');
  const out = {
    coverage: best.coverage,
    'coverage>=0.5': best.coverage >= 0.5 ? 1 : 0,
    'coverage>=0.7': best.coverage >= 0.7 ? 1 : 0,
    'coverage>=0.9': best.coverage >= 0.9 ? 1 : 0,
    predicateCoverage: best.predicateCoverage,
    'predicateCoverage>=0.5': best.predicateCoverage >= 0.5 ? 1 : 0,
    valueAsked: VALUE_TYPES.has(query.answerType) ? 1 : 0,
    valueMissing: VALUE_TYPES.has(query.answerType) && !best.typeOk ? 1 : 0,
    'valueMissing*coverage': VALUE_TYPES.has(query.answerType) && !best.typeOk ? best.coverage : 0,
    requiredMissing: best.requiredMissing ? 1 : 0,
    nothingAsked: best.nothingAsked ? 1 : 0,
    verbatimMissing: best.verbatimMissing ? 1 : 0,
    focusMissing: best.focusMissing ? 1 : 0,
    unmatchedRare: best.unmatchedRare,
    numbersMissing: best.numbersMissing,
    margin: Math.max(0, Math.min(1, best.score - (second?.score ?? 0))),
    chunkRank: Math.min(1, best.candidate.chunkRank / 8),
    usesPrevious: best.usesPrevious ? 1 : 0,
    isHeading: best.isHeading ? 1 : 0,
    kindCueMissing: kind?.answerCue && !kind.answerCue.test(text) ? 1 : 0,
    translated: query.translated ? 1 : 0,
    followup: history.length > 0 ? 1 : 0,
    fewWords: ownWords <= 1 ? 1 : 0,
  } as Record<FeatureName, number>;
  for (const k of KINDS) out[`kind:${k.name}` as FeatureName] = kind === k ? 1 : 0;
  return out;
}
