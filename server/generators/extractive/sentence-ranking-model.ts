import { VALUE_TYPES } from '../../core/answer-type.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { COMMAND_LINE, LIST_ITEM } from '../../core/sentence-shapes.js';
import type { AnalyzedQuery, CandidateSentence } from '../../core/types.js';
import type { QuestionKind } from './kinds/index.js';
import { compact, type Evidence } from './sentence-evidence.js';
import { matchSpan } from './match-span.js';
import { BIGRAM_PREFIX } from '../../shared/text/tokenizer.js';
import { preferSteps, stepCue } from './how-to-answer.js';

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
  'ownCoverage',
  'headingCoverage',
  'docCoverage',
  // How far the sentence's coverage is below the best candidate's, and whether it is the best (relative to the question's other candidates).
  'coverageGap',
  'bestCoverage',
  // The question's words close together, and near the sentence's start (match-span.ts).
  'proximity',
  'matchPosition',
  // A how-to answered by a step of a procedure (how-to-answer.ts stepCue), or by a command line or list item itself.
  'howToStep',
  'howToCommand',
  'logLength',
  // The question's phrasing in the sentence: its weighted character pairs (the CJK bigram terms), and the share of the
  // question's character n-grams (pairs of Han characters, fours of letters and digits) the sentence holds.
  'bigramCoverage',
  'phraseOverlap',
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
// logLength is log(1 + characters) over log(1 + this), capped at 1.
const LENGTH_SCALE = Math.log1p(400);

/** What the features of one sentence compare it with: the question's other candidates, and its own words. */
export interface RankingList {
  bestCoverage: number;
  words: AnalyzedQuery['terms'];
  bigrams: Array<{ pair: string; weight: number }>;
  bigramTotal: number;
  grams: string[];
  /** The candidates by sentence number (a how-to's step cue looks at the next sentence). */
  bySentence: Map<number, CandidateSentence>;
}

const MAX_GRAMS = 48;
const HAN_PAIR = /^[\u3400-\u9fff]{2}$/;
const WORD_FOUR = /^[a-z0-9]{4}$/;

/** The question's distinct character n-grams: Han pairs and fours of letters or digits, in the compact (normalised) text. */
function questionGrams(text: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length && out.size < MAX_GRAMS; i++) {
    const pair = text.slice(i, i + 2);
    if (HAN_PAIR.test(pair)) out.add(pair);
    else {
      const four = text.slice(i, i + 4);
      if (WORD_FOUR.test(four)) out.add(four);
    }
  }
  return [...out];
}

export function rankingList(evidence: readonly Evidence[], query: AnalyzedQuery): RankingList {
  let bestCoverage = 0;
  for (const e of evidence) bestCoverage = Math.max(bestCoverage, e.coverage);
  const own = query.terms.filter((t) => t.origin === 'question');
  const bigrams = own.filter((t) => t.term.startsWith(BIGRAM_PREFIX)).map((t) => ({ pair: t.term.slice(BIGRAM_PREFIX.length), weight: t.weight }));
  return {
    bestCoverage,
    words: own.filter((t) => !t.term.startsWith(BIGRAM_PREFIX)),
    bigrams,
    bigramTotal: bigrams.reduce((n, b) => n + b.weight, 0),
    grams: questionGrams(compact(query.text)),
    bySentence: new Map(evidence.map((e) => [e.candidate.sentence, e.candidate])),
  };
}

function phraseFeatures(sentence: string, list: RankingList): { bigramCoverage: number; phraseOverlap: number } {
  let found = 0;
  for (const b of list.bigrams) if (sentence.includes(b.pair)) found += b.weight;
  let grams = 0;
  for (const g of list.grams) if (sentence.includes(g)) grams++;
  return { bigramCoverage: list.bigramTotal > 0 ? found / list.bigramTotal : 0, phraseOverlap: list.grams.length ? grams / list.grams.length : 0 };
}

export function rankFeatures(e: Evidence, query: AnalyzedQuery, kind: QuestionKind | undefined, list: RankingList = rankingList([e], query)): number[] {
  const text = e.candidate.text;
  const length = text.replace(/\s+/g, '').length;
  const sentence = compact(text);
  const span = e.ownCoverage > 0 ? matchSpan(sentence, list.words) : { density: 0, position: 1 };
  const phrase = phraseFeatures(sentence, list);
  const listItem = LIST_ITEM.test(text);
  const commandLine = COMMAND_LINE.test(text);
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
    listItem: listItem ? 1 : 0,
    commandLine: commandLine ? 1 : 0,
    short: length < SHORT ? 1 : 0,
    long: length > LONG ? 1 : 0,
    unmatchedRare: e.unmatchedRare,
    numbersMissing: e.numbersMissing,
    hasLead: e.candidate.lead ? 1 : 0,
    contextCoverage: e.contextCoverage,
    ownCoverage: e.ownCoverage,
    headingCoverage: e.headingCoverage,
    docCoverage: e.docCoverage,
    coverageGap: Math.max(0, list.bestCoverage - e.coverage),
    bestCoverage: e.coverage >= list.bestCoverage ? 1 : 0,
    proximity: span.density,
    matchPosition: span.position,
    howToStep: kind?.name === 'how-to' ? stepCue(e.candidate, list.bySentence) : 0,
    howToCommand: kind?.name === 'how-to' && (commandLine || listItem || e.candidate.code) ? 1 : 0,
    logLength: Math.min(1, Math.log1p(length) / LENGTH_SCALE),
    bigramCoverage: phrase.bigramCoverage,
    phraseOverlap: phrase.phraseOverlap,
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
  const list = fitted ? rankingList(evidence, query) : undefined;
  const scored = fitted ? evidence.map((e) => ({ ...e, score: rankScore(model, rankFeatures(e, query, kind, list)) })) : evidence;
  // A fitted model has the context among its features; the hand-set score gets it added here.
  const key = (e: Evidence) => e.score + context * e.contextCoverage;
  const sorted = !fitted && context > 0 ? scored.sort((a, b) => key(b) - key(a)) : scored.sort((a, b) => b.score - a.score);
  // A how-to prefers a step of a procedure to talk about the topic (how-to-answer.ts, weight fitted by fit:how-to);
  // a fitted ranking model has that preference among its features (howToStep), fitted with the rest.
  return kind?.name === 'how-to' && !fitted ? preferSteps(sorted) : sorted;
}
