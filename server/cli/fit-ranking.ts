import { writeFile } from 'node:fs/promises';
import { writeFittedFile } from '../eval/fitted-output.js';
import { kindOf } from '../generators/extractive/kinds/index.js';
import { scoreEvidence } from '../generators/extractive/sentence-evidence.js';
import { FIRST_STAGE, RANK_FEATURES, RANKING_MODEL_FILE, firstStage, rankEvidence, rankFeatures, rankingList, rankScore, type RankingModel } from '../generators/extractive/sentence-ranking-model.js';
import { createCandidateRecorder } from '../eval/candidate-recorder.js';
import { bankServices, isAnswerableCase, loadBankSets } from '../eval/bank.js';
import { fixtureSets } from '../eval/fixture-sets.js';
import { logistic } from '../shared/logistic.js';
import { fitListwise, fitPairwise } from '../eval/listwise-fit.js';
import { savedOrCollected } from '../eval/saved-collection.js';
import { holdsEvidence } from '../eval/score-cases.js';

/**
 * `npm run fit:ranking [-- --dry-run --bank-only --write --folds f.json --save-questions f.json | --questions f.json --without a,b --scope passages|answer]`: fits which candidate sentence the answerer quotes
 * (sentence-ranking-model.ts). Every answerable question of the bank (and, without --bank-only, the article's
 * older question files, for training only) is asked once; the first stage's best FIRST_STAGE candidates are
 * labelled by whether they hold the case's evidence. A listwise model over general sentence features is fitted
 * (its scores then calibrated into a probability), and reported leave-one-corpus-out over the bank's questions as
 * recall@1/@5 of the supporting sentence against the current ranking (the hand-set evidence score plus the fitted
 * context weight). With --write, the model file is written when held-out recall@1 is better and recall@5 no worse.
 *
 * Writing is opt-in because better recall@1 alone did not make better answers: on 2026-12-01 (waves 1-4, --bank-only)
 * the model raised held-out R@1 295 -> 303/484 and R@5 405 -> 409, but `npm run calibrate` refitted on it gave
 * leave-one-corpus-out 403/716 correct, 44/879 confidently wrong against 395 and 38 without it (the decision
 * reads the hand-set evidence score, which then disagrees with the order). So the answerer ranks by the hand-set score
 * plus context; a model is scoped to the answer (--scope answer) only when `npm run calibrate` is better with it too.
 * Re-measured on waves 1-5 (18 corpora, 626 questions): R@1 389 -> 392, R@5 531 -> 539; calibrate with the model's
 * probability and margin as decision features (features.ts rankProbability, rankMargin) 451/859 correct, 45/1049
 * confidently wrong, against 446 and 42 without the model: still not adopted (why: features.ts).
 * Session 8 (waves 1-9, 30 corpora, 981 bank questions; listwise Newton fit at L2 1 with leadCoverage): held out R@1
 * 600 -> 615, R@5 820 -> 833. Judged end to end with each corpus ranked by the model that never saw it (--folds, then
 * `npm run calibrate -- --ranking-folds`): forced-answer ceiling 897 -> 905/1213, but the decision's leave-one-corpus-out
 * 585/242/51 -> 568/230/56 (correct/refused/confidently wrong) with the model's probability among the decision's
 * features, 577/241/48 without it (utility +1: noise); in-sample after the refit 399 -> 390/981 correct, 29 -> 35/1165
 * confidently wrong. Not adopted for the answer; shipped with scope 'passages' (a refusal's closest passages follow it:
 * held out R@3 775 -> 789/981), then withdrawn: on the unseen wave 10 it showed the supporting sentence less often than
 * the first stage's order (83 vs 86/118) and slowed refusals. tests/bank/README.md, session 8.
 */
interface Question {
  corpus: string;
  /** A bank question (reported) or one of the article's older fixture questions (training only). */
  bank: boolean;
  /** Features of each candidate (distinct texts), and whether it holds the evidence. */
  x: number[][];
  y: number[];
  /** Each candidate's score under the current ranking: minus its place in the answerer's order without a model. */
  hand: number[];
}

const args = process.argv.slice(2);
// --learner listwise|pairwise|gradient (listwise-fit.ts; gradient: the former fixed-step ascent of the listwise objective)
// and --l2 x (summed over questions, for the two Newton fits). Held out over 30 corpora (2026-12-02, old features +
// leadCoverage): listwise at L2 1 R@1 615/981, R@5 833 (L2 10: 604/834 without leadCoverage, 30: 596/829); pairwise 601/832 and
// gradient 601/831 with eight more context features that were not kept (tests/bank/README.md, session 8).
const learner = args.includes('--learner') ? args[args.indexOf('--learner') + 1] : 'listwise';
if (!['gradient', 'listwise', 'pairwise'].includes(learner)) throw new Error(`--learner: gradient, listwise or pairwise, not ${learner}`);
const L2 = args.includes('--l2') ? Number(args[args.indexOf('--l2') + 1]) : 1;
// Per question (the gradient is averaged over questions).
const L2_LISTWISE = 0.01;

async function collect(): Promise<Question[]> {
  const sets = [...(await loadBankSets()), ...(args.includes('--bank-only') ? [] : await fixtureSets())];
  const recorder = createCandidateRecorder('ranking-recorder');
  const out: Question[] = [];
  const byCorpus = new Map<string, Awaited<ReturnType<typeof bankServices>>>();
  for (const set of sets) {
    let corpus = byCorpus.get(set.corpus);
    if (!corpus) byCorpus.set(set.corpus, (corpus = await bankServices(set.corpus, undefined, recorder.generator)));
    for (const c of set.cases) {
      if (!isAnswerableCase(c) || !c.evidence) continue;
      const recorded = await recorder.record(corpus.services, c.q, c.history ?? []);
      if (!recorded) continue;
      const { query, candidates, question } = recorded;
      const kind = kindOf(question);
      const texts = new Set<string>();
      const q: Question = { corpus: set.corpus, bank: !set.name.startsWith('fixtures/'), x: [], y: [], hand: [] };
      // The model sees what the answerer's does: the first stage's best FIRST_STAGE sentences (sentence-ranking-model.ts).
      const all = firstStage(scoreEvidence(query, candidates));
      const evidence = all.slice(0, FIRST_STAGE);
      const list = rankingList(evidence, query, all);
      // The current ranking is the answerer's own without a model (sentence-ranking-model.ts rankEvidence: the first
      // stage, a how-to's steps preferred): each sentence scores minus its place in that order.
      const current = new Map(rankEvidence([...all], query, kind, null).map((e, i) => [e, -i]));
      for (const e of evidence) {
        if (texts.has(e.candidate.text)) continue;
        texts.add(e.candidate.text);
        q.x.push(rankFeatures(e, query, kind, list));
        q.y.push(holdsEvidence(e.candidate.text, c.evidence) ? 1 : 0);
        q.hand.push(current.get(e)!);
      }
      out.push(q);
    }
  }
  return out;
}

/** 1-based rank of the first evidence sentence under the scores (stable: ties keep retrieval order), 0 if absent. */
function rankOf(q: Question, scores: number[]): number {
  const order = scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s);
  return order.findIndex(({ i }) => q.y[i] === 1) + 1;
}

/**
 * A listwise fit (conditional logit): per question, the softmax over its candidates' scores should put its
 * mass on the sentences holding the evidence. Maximised by plain gradient ascent (a few hundred steps over
 * a dozen features: deterministic and fast), L2-regularised. Questions without an evidence sentence among
 * the candidates teach nothing about the choice and are left out.
 */
const STEPS = 800;
const RATE = 0.5;
function fit(questions: Question[]): RankingModel {
  const qs = questions.filter((q) => q.y.some((v) => v === 1));
  const w = learner === 'listwise' ? fitListwise(qs, { l2: L2 }) : learner === 'pairwise' ? fitPairwise(qs, { l2: L2 }) : fitByGradient(qs);
  // The listwise fit says nothing about the scale or the level of the scores (a softmax ignores both); the decision reads
  // the best sentence's score as a probability, so a scale and a bias are fitted pointwise (label: the sentence holds the evidence).
  const { scale, bias } = calibrate(qs.flatMap((q) => q.x.map((x, i) => ({ s: x.reduce((z, v, j) => z + v * w[j], 0), y: q.y[i] }))));
  return { features: [...RANK_FEATURES], weights: Array.from(w, (v) => v * scale), bias };
}

function fitByGradient(qs: Question[]): number[] {
  const d = RANK_FEATURES.length;
  const w = new Float64Array(d);
  // Each question's candidates as one row-major matrix (the loop below runs STEPS times over all of them).
  const rows = qs.map((q) => ({ x: Float64Array.from(q.x.flat()), y: q.y, n: q.x.length }));
  const grad = new Float64Array(d);
  for (let step = 0; step < STEPS; step++) {
    for (let j = 0; j < d; j++) grad[j] = -L2_LISTWISE * w[j];
    for (const { x, y, n } of rows) {
      const s = new Float64Array(n);
      let top = -Infinity;
      for (let i = 0; i < n; i++) {
        let z = 0;
        for (let j = 0; j < d; j++) z += x[i * d + j] * w[j];
        s[i] = z;
        if (z > top) top = z;
      }
      let all = 0;
      let pos = 0;
      for (let i = 0; i < n; i++) {
        s[i] = Math.exp(s[i] - top);
        all += s[i];
        if (y[i]) pos += s[i];
      }
      for (let i = 0; i < n; i++) {
        const coef = (y[i] ? s[i] / pos : 0) - s[i] / all;
        if (coef !== 0) for (let j = 0; j < d; j++) grad[j] += coef * x[i * d + j];
      }
    }
    for (let j = 0; j < d; j++) w[j] += (RATE * grad[j]) / qs.length;
  }
  return Array.from(w);
}

/**
 * Logistic regression of the label on one score: P(y) = σ(scale·s + bias), by damped Newton steps (two parameters,
 * convex; a small ridge and a bounded step keep it from running off when the score nearly separates the labels).
 */
const CALIBRATION_RIDGE = 1e-3;
const MAX_STEP = 1;
function calibrate(points: Array<{ s: number; y: number }>): { scale: number; bias: number } {
  let a = 0;
  let b = 0;
  for (let step = 0; step < 100; step++) {
    let ga = -CALIBRATION_RIDGE * a;
    let gb = 0;
    let haa = CALIBRATION_RIDGE;
    let hab = 0;
    let hbb = 1e-9;
    for (const { s, y } of points) {
      const p = logistic(a * s + b);
      const v = p * (1 - p);
      ga += (y - p) * s;
      gb += y - p;
      haa += v * s * s;
      hab += v * s;
      hbb += v;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const clip = (x: number) => Math.max(-MAX_STEP, Math.min(MAX_STEP, x));
    const da = clip((hbb * ga - hab * gb) / det);
    const db = clip((haa * gb - hab * ga) / det);
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-7) break;
  }
  // A ranking that the data would invert is a bug elsewhere, not something to calibrate into the model.
  return { scale: Math.max(a, 1e-3), bias: b };
}

interface Recall {
  n: number;
  r1: number;
  /** Within the first 3: what a refusal's closest passages show. */
  r3: number;
  r5: number;
}
const recall = (qs: Question[], score: (q: Question) => number[]): Recall => {
  const r: Recall = { n: qs.length, r1: 0, r3: 0, r5: 0 };
  for (const q of qs) {
    const k = rankOf(q, score(q));
    if (k === 1) r.r1++;
    if (k >= 1 && k <= 3) r.r3++;
    if (k >= 1 && k <= 5) r.r5++;
  }
  return r;
};
const show = (r: Recall) => `R@1 ${r.r1}/${r.n} (${Math.round((100 * r.r1) / r.n)}%)  R@3 ${r.r3}  R@5 ${r.r5}/${r.n} (${Math.round((100 * r.r5) / r.n)}%)`;

/** --questions f.json: the candidates collected by an earlier run with --save-questions f.json (same features), not asked again. */
const questionsToFit = () => savedOrCollected<Question>(args, { load: '--questions', save: '--save-questions', key: 'questions', features: RANK_FEATURES }, collect);

// --without a,b: these features are held at 0 (their weights fit to 0), to compare feature sets on the same questions.
const without = new Set(args.includes('--without') ? args[args.indexOf('--without') + 1].split(',') : []);
for (const f of without) if (!(RANK_FEATURES as readonly string[]).includes(f)) throw new Error(`--without: no feature ${f}`);

async function main(): Promise<void> {
  const dropped = RANK_FEATURES.map((f, i) => (without.has(f) ? i : -1)).filter((i) => i >= 0);
  const questions = (await questionsToFit()).map((q) => (dropped.length ? { ...q, x: q.x.map((x) => x.map((v, j) => (dropped.includes(j) ? 0 : v))) } : q));
  const corpora = [...new Set(questions.map((q) => q.corpus))];
  console.log('== leave-one-corpus-out, bank questions: fitted ranking vs the current one (hand-set evidence score + context weight)');
  const zero = (): Recall => ({ n: 0, r1: 0, r3: 0, r5: 0 });
  const add = (to: Recall, r: Recall) => {
    for (const k of ['n', 'r1', 'r3', 'r5'] as const) to[k] += r[k];
  };
  const pooled = { fitted: zero(), hand: zero() };
  const fixtures = { fitted: zero(), hand: zero() };
  const loco: Record<string, { fitted: Recall; hand: Recall }> = {};
  const folds: Record<string, RankingModel> = {};
  for (const held of corpora) {
    const model = fit(questions.filter((q) => q.corpus !== held));
    folds[held] = model;
    const fittedScore = (q: Question) => q.x.map((x) => rankScore(model, x));
    const test = questions.filter((q) => q.corpus === held && q.bank);
    const fitted = recall(test, fittedScore);
    const hand = recall(test, (q) => q.hand);
    loco[held] = { fitted, hand };
    add(pooled.fitted, fitted);
    add(pooled.hand, hand);
    const older = questions.filter((q) => q.corpus === held && !q.bank);
    add(fixtures.fitted, recall(older, fittedScore));
    add(fixtures.hand, recall(older, (q) => q.hand));
    console.log(`${held.padEnd(12)} fitted ${show(fitted)}   current ${show(hand)}`);
  }
  console.log(`${'pooled'.padEnd(12)} fitted ${show(pooled.fitted)}   current ${show(pooled.hand)}`);
  if (fixtures.fitted.n) console.log(`${'(fixtures)'.padEnd(12)} fitted ${show(fixtures.fitted)}   current ${show(fixtures.hand)}   (the article's older question files, held out with it)`);
  // --folds f.json: each corpus's held-out model (fitted on the others), for `npm run calibrate -- --ranking-folds f.json`:
  // the decision's leave-one-corpus-out then sees each corpus ranked by a model that never saw it.
  const foldsFile = args.includes('--folds') ? args[args.indexOf('--folds') + 1] : undefined;
  if (foldsFile) await writeFile(foldsFile, JSON.stringify(folds) + '\n');
  const model = fit(questions);
  model.weights = model.weights.map((w) => Number(w.toFixed(4)));
  model.bias = Number(model.bias.toFixed(4));
  const inSample = recall(
    questions.filter((q) => q.bank),
    (q) => q.x.map((x) => rankScore(model, x)),
  );
  console.log(`in-sample (bank, fitted on everything): ${show(inSample)}`);
  model.fitted = { by: `npm run fit:ranking${args.length ? ` -- ${args.join(' ')}` : ''}`, topK: Number(process.env.RETRIEVAL_TOP_K ?? 12), date: new Date().toISOString().slice(0, 10), questions: questions.length, l2: L2_LISTWISE, leaveOneCorpusOut: loco, pooled, fixtures, inSample };
  console.log('weights:', Object.fromEntries(RANK_FEATURES.map((f, i) => [f, model.weights[i]])), 'bias', model.bias);
  if (args.includes('--dry-run') || !args.includes('--write')) return;
  // Recall@5 is retrieval's objective (fit:bm25): a model that buys recall@1 with it is not adopted either.
  if (pooled.fitted.r1 <= pooled.hand.r1 || pooled.fitted.r3 < pooled.hand.r3 || pooled.fitted.r5 < pooled.hand.r5) {
    console.log('held-out recall@1 not better, or recall@3/@5 worse, than the current ranking (hand-set score + context): model not written');
    return;
  }
  // --scope answer: the answer quotes (and the decision judges) the model's order; --scope passages: only a refusal's
  // passages follow it (RankingModel.scope). No default: neither is shipped (header), so writing one is a choice made
  // on purpose, not a side effect of --write.
  const scope = args.includes('--scope') ? args[args.indexOf('--scope') + 1] : undefined;
  if (scope !== 'answer' && scope !== 'passages') throw new Error(`--write needs --scope answer or --scope passages (given: ${scope ?? 'none'})`);
  model.scope = scope;
  await writeFittedFile(RANKING_MODEL_FILE, model);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
