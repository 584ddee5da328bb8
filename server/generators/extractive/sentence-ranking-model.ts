import { anchorCloseness, type AnchorProximity } from './follow-up-anchor.js';
import { defaultFollowUpWeights, type FollowUpWeights } from '../../core/follow-up-weights.js';
import { VALUE_TYPES } from '../../core/answer-type.js';
import { fittedFile } from '../../shared/fitted-file.js';
import path from 'node:path';
import { COMMAND_LINE, LIST_ITEM } from '../../core/sentence-shapes.js';
import type { AnalyzedQuery, CandidateSentence } from '../../core/types.js';
import type { QuestionKind } from './kinds/index.js';
import { compact, type Evidence } from './sentence-evidence.js';
import { matchSpan, NO_MATCH } from './match-span.js';
import { BIGRAM_PREFIX } from '../../shared/text/tokenizer.js';
import { stepCue } from './how-to-answer.js';
import { kindBonus, preferByKind } from './kind-preference.js';
import { CJK_UNIFIED_RANGE } from '../../shared/text/char-classes.js';
import { logistic } from '../../shared/logistic.js';
import { rankingContext } from './ranking-context.js';

/**
 * Which candidate sentence answers. As shipped, the first stage alone: the hand-set evidence score
 * (sentence-evidence.ts) plus the fitted context weight, a how-to's steps and named commands preferred (kind-preference.ts).
 * Opt-in, a second stage: a listwise logistic model over the general sentence features below, fitted by
 * `npm run fit:ranking -- --write` on the question bank (label: the sentence holds the case's evidence) into
 * sentence-ranking-model.json, re-orders the first stage's best FIRST_STAGE. None is shipped. Scoped to the answer, it
 * ranks better held out but the decision calibrated on its order answered no better (figures in fit-ranking.ts);
 * scoped to a refusal's passages (RankingModel.scope, answerRankingModel), it showed the supporting sentence for
 * 83/118 questions of the unseen wave 10 against 86/118 with the first stage's order, and re-scoring every refusal
 * made answers ×1.1–1.35 slower on the corpora with many refusals (session 8, tests/bank/README.md).
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
  // The words only the item's lead says (the sentence that announced the list item or command line), weighed apart: the
  // evidence score pools them into coverage at the previous sentence's fixed share (held out, fit:ranking: R@1 610 -> 615/981).
  'leadCoverage',
] as const;
export type RankFeature = (typeof RANK_FEATURES)[number];

export interface RankingModel {
  features: RankFeature[];
  weights: number[];
  bias: number;
  /**
   * What the model orders: 'answer' (absent: the same) the sentences the answer quotes and the decision judges;
   * 'passages' only the closest passages a refusal shows, the answer and the decision keeping the first stage. A model
   * that ranks better held out but whose order the refitted decision answers no better from is written for passages.
   */
  scope?: 'answer' | 'passages';
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

const MAX_GRAMS = 24;
const HAN_PAIR = new RegExp(`^[${CJK_UNIFIED_RANGE}]{2}$`);
const WORD_FOUR = /^[a-z0-9]{4}$/;

/** The question's distinct character n-grams: Han pairs and fours of letters or digits, in the compact (normalised) text. */
function questionGrams(text: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length && out.size < MAX_GRAMS; i++) {
    const pair = text.slice(i, i + 2);
    if (HAN_PAIR.test(pair)) out.add(pair);
    else {
      // Letters and digits: every other start (neighbouring fours overlap by three letters and say the same).
      const four = text.slice(i, i + 4);
      if (i % 2 === 0 && WORD_FOUR.test(four)) out.add(four);
    }
  }
  return [...out];
}

/** The list-level context of a question's first-stage candidates (`scored`); a how-to's step cue looks at all of them (`all`). */
export function rankingList(scored: readonly Evidence[], query: AnalyzedQuery, all: readonly Evidence[] = scored): RankingList {
  let bestCoverage = 0;
  for (const e of scored) bestCoverage = Math.max(bestCoverage, e.coverage);
  const own = query.terms.filter((t) => t.origin === 'question');
  const bigrams = own.filter((t) => t.term.startsWith(BIGRAM_PREFIX)).map((t) => ({ pair: t.term.slice(BIGRAM_PREFIX.length), weight: t.weight }));
  let bySentence: Map<number, CandidateSentence> | undefined;
  return {
    bestCoverage,
    // The words as sentence-evidence.ts indexes them (Evidence.matchedWords): every non-pair term, context ones too.
    words: query.terms.filter((t) => !t.term.startsWith(BIGRAM_PREFIX)),
    bigrams,
    bigramTotal: bigrams.reduce((n, b) => n + b.weight, 0),
    grams: questionGrams(compact(query.text)),
    // Only a how-to's step cue asks for it.
    get bySentence() {
      return (bySentence ??= new Map(all.map((e) => [e.candidate.sentence, e.candidate])));
    },
  };
}

function phraseFeatures(sentence: string, list: RankingList): { bigramCoverage: number; phraseOverlap: number } {
  let found = 0;
  for (const b of list.bigrams) if (sentence.includes(b.pair)) found += b.weight;
  let grams = 0;
  for (const g of list.grams) if (sentence.includes(g)) grams++;
  return { bigramCoverage: list.bigramTotal > 0 ? found / list.bigramTotal : 0, phraseOverlap: list.grams.length ? grams / list.grams.length : 0 };
}

/** What a sentence's features take from its text alone, the same for every question: worked out once per sentence text. */
interface TextShape {
  compact: string;
  nfkc: string;
  length: number;
  listItem: boolean;
  commandLine: boolean;
}

const SHAPE_CACHE_LIMIT = 200_000;
const shapes = new Map<string, TextShape>();
// A kind's answer cue tested once per kind and sentence text.
const cues = new Map<string, Map<string, boolean>>();

function shapeOf(text: string): TextShape {
  let shape = shapes.get(text);
  if (!shape) {
    if (shapes.size >= SHAPE_CACHE_LIMIT) {
      shapes.clear();
      cues.clear();
    }
    shape = { compact: compact(text), nfkc: text.normalize('NFKC'), length: text.replace(/\s+/g, '').length, listItem: LIST_ITEM.test(text), commandLine: COMMAND_LINE.test(text) };
    shapes.set(text, shape);
  }
  return shape;
}

function kindCue(kind: QuestionKind | undefined, text: string, shape: TextShape): boolean {
  if (!kind?.answerCue) return false;
  let byText = cues.get(kind.name);
  if (!byText) cues.set(kind.name, (byText = new Map()));
  let yes = byText.get(text);
  if (yes === undefined) byText.set(text, (yes = kind.answerCue.test(shape.nfkc)));
  return yes;
}

/** The sentence's features, in RANK_FEATURES order. */
export function rankFeatures(e: Evidence, query: AnalyzedQuery, kind: QuestionKind | undefined, list: RankingList = rankingList([e], query)): number[] {
  const text = e.candidate.text;
  const shape = shapeOf(text);
  const { length, listItem, commandLine } = shape;
  const span = e.ownCoverage > 0 ? matchSpan(shape.compact, list.words, e.matchedWords) : NO_MATCH;
  const phrase = phraseFeatures(shape.compact, list);
  const howTo = kind?.name === 'how-to';
  // Written in RANK_FEATURES order (checked by the unit test against the names).
  return [
    e.score,
    e.coverage,
    e.coverage >= 0.7 ? 1 : 0,
    e.predicateCoverage,
    VALUE_TYPES.has(query.answerType) && e.typeOk ? 1 : 0,
    e.aboutTopic ? 1 : 0,
    Math.min(1, e.candidate.chunkRank / 12),
    e.isHeading ? 1 : 0,
    kindCue(kind, text, shape) ? 1 : 0,
    e.usesPrevious ? 1 : 0,
    listItem ? 1 : 0,
    commandLine ? 1 : 0,
    length < SHORT ? 1 : 0,
    length > LONG ? 1 : 0,
    e.unmatchedRare,
    e.numbersMissing,
    e.candidate.lead ? 1 : 0,
    e.contextCoverage,
    e.ownCoverage,
    e.headingCoverage,
    e.docCoverage,
    Math.max(0, list.bestCoverage - e.coverage),
    e.coverage >= list.bestCoverage ? 1 : 0,
    span.density,
    span.position,
    howTo ? stepCue(e.candidate, list.bySentence) : 0,
    howTo && (commandLine || listItem || e.candidate.code) ? 1 : 0,
    Math.min(1, Math.log1p(length) / LENGTH_SCALE),
    phrase.bigramCoverage,
    phrase.phraseOverlap,
    e.leadCoverage,
  ];
}

export const RANKING_MODEL_FILE = path.join(import.meta.dirname, 'sentence-ranking-model.json');

/** The ranking model file, read once; null when none was written (fit:ranking writes it only with --write). */
export const defaultRankingModel = fittedFile<RankingModel | null>(RANKING_MODEL_FILE, null);

/** The model the answer ranks by: the file's when it was fitted for the answer, else none (the first stage alone). */
export function answerRankingModel(model: RankingModel | null = defaultRankingModel()): RankingModel | null {
  return model && model.scope !== 'passages' ? model : null;
}

/** The model's probability that the sentence holds the answer. */
export function rankScore(model: RankingModel, x: number[]): number {
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += model.weights[i] * x[i];
  return logistic(z);
}

/**
 * How much the coverage a sentence's neighbours lend it (Evidence.contextCoverage) counts in its rank,
 * fitted by `npm run fit:bm25` (ranking-context.json); 0 (off) when absent.
 */
export function defaultContextWeight(): number {
  return rankingContext().weight;
}

/**
 * The candidates' evidence, ranked best first: by the first stage (the evidence score plus `context` × the
 * coverage counting its neighbours' words), then, when a model was fitted, its best FIRST_STAGE by the model's
 * probability (Evidence.rankProbability). The score itself stays the sentence's own: the decision judges it.
 * Ties keep retrieval order.
 */
export function rankEvidence(
  evidence: Evidence[],
  query: AnalyzedQuery,
  kind: QuestionKind | undefined,
  model: RankingModel | null = answerRankingModel(),
  context = defaultContextWeight(),
  proximity: AnchorProximity = defaultAnchorProximity(),
): Evidence[] {
  const key = firstStageKeys(evidence, context, proximity);
  const sorted = firstStage(evidence, key);
  if (model === null || model.features.length !== RANK_FEATURES.length) {
    // No model, or one fitted over another feature list (an older file): the first stage alone, with the kind's
    // preference on top of its key (kind-preference.ts: a how-to's step or named command, a why's reason; weights
    // fitted by fit:how-to); a fitted ranking model has those among its features (howToStep, kindCue), fitted with the rest.
    return labelsLast(preferByKind(sorted, kindBonus(kind), key));
  }
  // The model over the first stage's best FIRST_STAGE sentences only; the rest keep their order below them (no
  // rankProbability). The evidence objects are this question's own (scoreEvidence made them): the model's
  // probability is written on them in place.
  const head = sorted.slice(0, FIRST_STAGE);
  const list = rankingList(head, query, sorted);
  for (const e of head) e.rankProbability = rankScore(model, rankFeatures(e, query, kind, list));
  head.sort((a, b) => b.rankProbability! - a.rankProbability!);
  for (let i = 0; i < head.length; i++) sorted[i] = head[i];
  // The model may lift a label back among the first twelve: labels stay last on this path too.
  return labelsLast(sorted);
}

/**
 * How many sentences the fitted model scores: the first stage (the hand-set evidence score plus the context weight,
 * below) orders every candidate, and only its best this many are worth the model's features. The fit sees the same cut.
 */
export const FIRST_STAGE = 12;

/**
 * The first stage's ranking key for one question's evidence: the evidence score plus `context` × the coverage
 * counting the neighbours' words, plus a follow-up's closeness to where the conversation was (follow-up-anchor.ts;
 * nothing for a first question).
 */
export function firstStageKeys(evidence: Evidence[], context = defaultContextWeight(), proximity: AnchorProximity = defaultAnchorProximity()): (e: Evidence) => number {
  const near = anchorCloseness(evidence, proximity);
  return near.size > 0 ? (e) => firstStageKey(e, context) + (near.get(e) ?? 0) : (e) => firstStageKey(e, context);
}

/** The first stage's key without a conversation: the evidence score plus `context` × the coverage counting the neighbours' words. */
export function firstStageKey(e: Evidence, context = defaultContextWeight()): number {
  return e.score + context * e.contextCoverage;
}

/** The candidates by the first stage's key (firstStageKeys: the fitted weights by default), best first (stable), label lines last. */
export function firstStage(evidence: Evidence[], key: (e: Evidence) => number = firstStageKeys(evidence)): Evidence[] {
  // Each key worked out once (the comparator asked for two per comparison): the same comparisons, so the same
  // stable order, written back into `evidence` as the in-place sort did.
  const n = evidence.length;
  if (keyScratch.length < n) keyScratch = new Float64Array(n * 2);
  let comparable = true;
  for (let i = 0; i < n; i++) comparable = !Number.isNaN((keyScratch[i] = key(evidence[i]))) && comparable;
  if (comparable && n <= INSERTION_SORT_MAX) {
    insertionOrder(evidence, keyScratch);
    return labelsLast(evidence);
  }
  const keyed = evidence.map((e, i) => ({ e, k: keyScratch[i] }));
  keyed.sort((a, b) => b.k - a.k);
  for (let i = 0; i < keyed.length; i++) evidence[i] = keyed[i].e;
  return labelsLast(evidence);
}

/**
 * A question's evidence is a few dozen sentences: up to this many are put in order by an insertion over their keys
 * (no comparator calls, no pair object per sentence); more by the sort.
 */
const INSERTION_SORT_MAX = 64;
// The keys of one firstStage call, reused between calls (it is synchronous).
let keyScratch = new Float64Array(256);

/**
 * `evidence` reordered in place by `keys` (one per item, none NaN), higher first, equal keys in their order: the order
 * of the stable sort by b.k - a.k, which for keys that are not NaN is a strict order on (key, position).
 */
function insertionOrder(evidence: Evidence[], keys: Float64Array): void {
  for (let i = 1; i < evidence.length; i++) {
    const e = evidence[i];
    const k = keys[i];
    let j = i;
    for (; j > 0 && keys[j - 1] < k; j--) {
      evidence[j] = evidence[j - 1];
      keys[j] = keys[j - 1];
    }
    evidence[j] = e;
    keys[j] = k;
  }
}

/**
 * A label line ("--preserve-root", "-m NUM, --max-count=NUM") names its block and answers nothing itself: it says
 * the asked option word for word, so it outscored the block's sentences (none of the bank's 863 supporting sentences
 * is a label line; three labels ranked first over their own block). Labels go after every other sentence, in order.
 */
function labelsLast<T extends Evidence>(sorted: T[]): T[] {
  const labels = sorted.filter((e) => e.candidate.isLabel);
  return labels.length ? [...sorted.filter((e) => !e.candidate.isLabel), ...labels] : sorted;
}

/** The anchor proximity that follow-up weights set (follow-up-weights.ts: the weight is their `proximity`). */
export function anchorProximityOf({ proximity, span, after }: FollowUpWeights): AnchorProximity {
  return { weight: proximity, span, after };
}

/** The fitted anchor proximity (follow-up-weights.json, `npm run fit:follow-up`). */
export function defaultAnchorProximity(): AnchorProximity {
  return anchorProximityOf(defaultFollowUpWeights());
}
