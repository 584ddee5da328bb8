import { satisfiesAnswerType, VALUE_TYPES } from '../../core/answer-type.js';
import type { AnalyzedQuery, CandidateSentence, HistoryTurn } from '../../core/types.js';
import type { QuestionKind } from './kinds/index.js';
import { KINDS } from './kinds/index.js';
import { askedShape, holdsShape } from './asked-shape.js';
import { spacelessLength, type Evidence } from './sentence-evidence.js';

// Two sentences this close in score are a tie for the decision.
const TIE = 0.05;
const MAX_TIES = 5;
// Characters (without spaces) beyond which a sentence matches many words by its length alone.
const LONG = 220;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Scores of the first `max` distinct sentences, in order (the rest of the list is not looked at). */
function distinctScores(evidence: Evidence[], max: number): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  for (let i = 0; i < evidence.length && out.length < max; i++) {
    const { text } = evidence[i].candidate;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(evidence[i].score);
  }
  return out;
}

/**
 * The general features of "would quoting this sentence answer the question?", for the one
 * calibrated decision in decision.ts. Every feature is in [0, 1] (or a 0/1 flag) so the fitted
 * weights stay comparable and the fit is stable on a small bank.
 *
 * Tried and left out (leave-one-corpus-out, waves 1–4 and fixtures, 879 rows; these features give 382/716 correct,
 * 147/163 refused, 38 confidently wrong): the best sentence from the first retrieved chunk; the runner-up's score;
 * its share of the top ten scores; its rank by plain coverage; its document's share of the next five; coverage
 * counting the neighbouring sentences; the heading's coverage; coverage of the question's heavier half of words;
 * name-like words (identifiers, capitalised, Latin in Chinese) asked, said, heaviest unsaid; adjacent question words
 * adjacent in the sentence; how much of the sentence the matches span; a how-to's steps shown; the share of the best
 * sentence's words the runner-up also says, whether its lead survives without its heaviest word of its own, one
 * word's share of it; log-odds of the score; products with `translated`; bins of the scores. None moved the pooled
 * figures by more than noise (±3 correct, up to +9 confidently wrong with all of them), nor did per-corpus weights
 * or a cost-weighted fit. The answerable questions the decision refuses although their best sentence is right look,
 * in every one of these, like the ones whose best sentence is wrong (mean coverage 0.55 against 0.50): telling them
 * apart needs more than word overlap.
 * Session 6 (waves 1–5 and fixtures, 1049 rows, LOCO utility = correct − 3 × confidently wrong, logistic 320 / blend of
 * logistic and boosted trees 345 on the same rows): the sentence's own coverage (no heading, lead or neighbour credit),
 * the share of the topic the sentence itself says, character-pair coverage, the best sentence also winning on own
 * coverage or on character pairs (agreement of two scorers), a how-to whose sentence or next line is a command, a value
 * within 12 characters of an asked word: each moved the logistic model by −16 to +7 and the blend by −11 to +6. Not
 * adopted; what moved the figures was the learner (`npm run calibrate -- --learner blend`, README: 460/175/35 against
 * 446/177/42), not another feature.
 * Session 7 (26 corpora and fixtures, 1329 rows; blend 532/218/49, utility 385; judged by the paired difference that
 * calibrate now prints with its standard error, ≈ 3–8 between blend settings): the best score's z-score in the pool,
 * runner-up ÷ best score, the share of the next five sentences from the best one's section, the share of the pool that
 * also says the best sentence's heaviest question word, a sentence under 30 characters — −13 to +5 each (SE 2.5–17.6),
 * all five −5 (SE 14.2). Code: commit aba3b07. Held out, the model ranks the manuals' answerable rows no better than
 * leadOverNext5 alone (AUC 0.74 against 0.75): tests/bank/README.md, session 7.
 * Session 28 (waves 1–57, 7,599 rows): the best sentence's stability when each of the question's three heaviest words is
 * left out in turn (the share of those re-rankings it still wins; three more evidence passes per answer), and the mean
 * reciprocal rank it keeps. Leave-one-corpus-out 3468/1099/281 → 3503/1102/288 with the share (the rank worse); fitted
 * on waves 1–14 and scored on the later ones, the area under the ROC curve is unchanged (article 0.938, other corpora
 * 0.762). Not adopted.
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
  // A port, a file, a command asked (asked-shape.ts) and the sentence holds no such value.
  'shapeAsked',
  'shapeMissing',
  // The heaviest question word that no retrieved sentence (nor its heading) says, relative to the heaviest question word:
  // what the documents do not mention at all cannot be answered by quoting them.
  'absentEverywhere',
  // The attribute the question asks for is nowhere in the corpus, nor any synonym or translation of it (query-analysis.ts
  // absentAsked): "What is the retail price of the MTTS80?" over an article that names the card but never its price.
  'askedAbsent',
  // A table row fragment ("|fail2ban |V:111, |…"): high word overlap, little said.
  'tableRow',
  // How far the best sentence's coverage leads the best other sentence's, and a flag when another sentence covers as much.
  'coverageLead',
  'runnerUpAsGood',
  // Sentences scored within a hair of the best (ambiguity), /5.
  'nearTies',
  // The best sentence's hand-set evidence score (sentence-evidence.ts), and its lead over the mean of the next five.
  'bestScore',
  'leadOverNext5',
  // The fitted ranking model's own view (sentence-ranking-model.ts; both 0 unless a model is scoped to the answer; the shipped one orders only a refusal's passages): its calibrated
  // probability that the best sentence holds the answer, and its lead over the next distinct sentence, so that with a
  // model the decision reads the order it quotes from. Measured 2026-12-01 (waves 1-5 and fixtures, 1049 rows, LOCO,
  // `npm run calibrate -- --dry-run`): no model 446/859 correct, 42 confidently wrong; model + the features above
  // 453/46; model + these two 451/45; these instead of bestScore/margin/leadOverNext5/nearTies 447/48. Where the
  // decision answers, the model's best sentence is the hand-set one (comparing the rows --save-rows writes with and
  // without the model: 5 of the 484 held-out answers differ, none in correctness). Its gains are questions the decision
  // refuses, and for unanswerable questions it picks sentences that carry the kind's cue and a value, which hides the
  // absence the decision refuses on. So no model ships.
  'rankProbability',
  'rankMargin',
  'longSentence',
  // How many words of its own the question asks with, /8: coverage of a long question is harder to earn.
  'questionWords',
  ...KINDS.map((k) => `kind:${k.name}`),
] as const;


export type FeatureName = (typeof FEATURE_NAMES)[number];

/**
 * Features that say something the question needs is missing from the best sentence, or absent from the documents: more
 * of them can only make an answer less likely. The boosted trees are fitted monotone in them (calibrate.ts): a bank that
 * rarely shows one (a quoted phrase the documents never say) must not teach a tree to answer more when it fires; the
 * logistic half of the blend keeps their weights at most 0 (calibrate.ts).
 */
export const MISSING_FEATURES: ReadonlySet<FeatureName> = new Set<FeatureName>([
  'valueMissing',
  'requiredMissing',
  'verbatimMissing',
  'focusMissing',
  'unmatchedRare',
  'numbersMissing',
  'kindCueMissing',
  'shapeMissing',
  'absentEverywhere',
  'askedAbsent',
]);

/** Each kind's feature name, written once (not a new string per question). */
const KIND_FEATURES = KINDS.map((k) => `kind:${k.name}` as FeatureName);

export function answerFeatures(
  query: AnalyzedQuery,
  ranked: Evidence[],
  kind: QuestionKind | undefined,
  history: HistoryTurn[],
  /** The sentences the answer quotes after the best one, completing it (a list after its lead, a command after its explanation). */
  completing: ReadonlyArray<Pick<CandidateSentence, 'text' | 'code'>> = [],
  /**
   * The sentence the answer quotes in front of the best one when the best one takes its subject from there
   * (composeAnswer's `previous`): part of the answer, so no rival. Only that — its words and values are not read as the
   * answer's: the answer's text may not show it (it can be in the citation only), and it often names what the question
   * already says. (Reading it for the asked shape, value and kind cue too, session 53: no more right answers, two more
   * wrong ones, all from the kind cue's loose patterns.)
   */
  quotedBefore?: Pick<CandidateSentence, 'text'>,
): Record<FeatureName, number> {
  const best = ranked[0];
  // What the answer quotes: the best sentence with what completes it (undefined when nothing does).
  const quoted = completing.length
    ? { text: [best.candidate.text, ...completing.map((c) => c.text)].join('\n'), code: best.candidate.code || completing.some((c) => c.code) }
    : undefined;
  const ownWords = query.terms.filter((t) => t.origin === 'question' && !t.term.startsWith('~')).length;
  const shape = kind?.ownValue ? undefined : askedShape(query.text);
  // A sentence that does not say what the asked abbreviation stands for is no rival of one that does (the initials check
  // is precise). Not for the other value types: "holds a number / a date" is too loose to rule a rival out — measured
  // on waves 1-90, +43 correct for +23 wrong.
  const rivalsOnlyWithValue = query.answerType === 'expansion' && best.typeOk;
  // A sentence the answer quotes beside the best one (what completes it: a command after its explanation, a list after its
  // lead; the sentence before whose subject it takes) is part of the answer, no rival — nor, as for the best sentence, a
  // verbatim copy of it elsewhere.
  const beside = quotedBefore ? [...completing, quotedBefore] : completing;
  const alsoQuoted = beside.length ? new Set(beside.map((c) => c.text)) : undefined;
  const others = ranked.filter((e) => e.candidate.text !== best.candidate.text && !alsoQuoted?.has(e.candidate.text) && (!rivalsOnlyWithValue || e.typeOk));
  // The first sentence other than the best, and the best coverage among them (a loop: no spread of every candidate's).
  const second = others[0];
  let runnerUpCoverage = 0;
  for (const e of others) runnerUpCoverage = Math.max(runnerUpCoverage, e.coverage);
  const valueMissing = VALUE_TYPES.has(query.answerType) && !best.typeOk && !(quoted && satisfiesAnswerType(query, quoted.text));
  const ties = new Set(others.filter((e) => e.score >= best.score - TIE).map((e) => e.candidate.text)).size;
  const out = {
    coverage: best.coverage,
    'coverage>=0.5': best.coverage >= 0.5 ? 1 : 0,
    'coverage>=0.7': best.coverage >= 0.7 ? 1 : 0,
    'coverage>=0.9': best.coverage >= 0.9 ? 1 : 0,
    predicateCoverage: best.predicateCoverage,
    'predicateCoverage>=0.5': best.predicateCoverage >= 0.5 ? 1 : 0,
    valueAsked: VALUE_TYPES.has(query.answerType) ? 1 : 0,
    valueMissing: valueMissing ? 1 : 0,
    'valueMissing*coverage': valueMissing ? best.coverage : 0,
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
    // Asked of prose only: a table row has no phrasing ("is", 是, "run"); its header says what each cell is.
    kindCueMissing: kind?.answerCue && !best.candidate.table && !kind.answerCue.test((quoted?.text ?? best.candidate.text).normalize('NFKC')) ? 1 : 0,
    translated: query.translated ? 1 : 0,
    followup: history.length > 0 ? 1 : 0,
    fewWords: ownWords <= 1 ? 1 : 0,
    shapeAsked: shape ? 1 : 0,
    shapeMissing: shape && !holdsShape(shape, best.candidate.text, best.candidate.code) && !(quoted && holdsShape(shape, quoted.text, quoted.code)) ? 1 : 0,
    // Worked out with the evidence (sentence-evidence.ts absentFromAll), over the same sentences: ranked is every candidate, reordered.
    absentEverywhere: best.absentEverywhere,
    askedAbsent: query.absentAsked ? 1 : 0,
    tableRow: (best.candidate.text.match(/\|/g)?.length ?? 0) >= 3 ? 1 : 0,
    coverageLead: Math.max(0, Math.min(1, best.coverage - runnerUpCoverage)),
    runnerUpAsGood: others.length && runnerUpCoverage >= best.coverage ? 1 : 0,
    nearTies: Math.min(MAX_TIES, ties) / MAX_TIES,
    bestScore: Math.max(0, Math.min(1, best.score)),
    leadOverNext5: Math.max(0, Math.min(1, best.score - mean(distinctScores(others, 5)))),
    rankProbability: best.rankProbability ?? 0,
    rankMargin: best.rankProbability === undefined ? 0 : Math.max(0, Math.min(1, best.rankProbability - (second?.rankProbability ?? 0))),
    longSentence: spacelessLength(best.candidate.text) > LONG ? 1 : 0,
    questionWords: Math.min(8, ownWords) / 8,
  } as Record<FeatureName, number>;
  for (let i = 0; i < KINDS.length; i++) out[KIND_FEATURES[i]] = kind === KINDS[i] ? 1 : 0;
  return out;
}
