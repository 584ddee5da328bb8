import { writeFile } from 'node:fs/promises';
import { kindOf } from '../generators/extractive/kinds/index.js';
import { scoreEvidence } from '../generators/extractive/sentence-evidence.js';
import { RANK_FEATURES, RANKING_MODEL_FILE, defaultContextWeight, rankFeatures, rankScore, type RankingModel } from '../generators/extractive/sentence-ranking-model.js';
import { createCandidateRecorder } from '../eval/candidate-recorder.js';
import { bankServices, isAnswerableCase, loadBankSets } from '../eval/bank.js';
import { fixtureSets } from '../eval/fixture-sets.js';

/**
 * `npm run fit:ranking [-- --dry-run --bank-only]`: fits which candidate sentence the answerer quotes
 * (sentence-ranking-model.ts). Every answerable question of the bank (and the article's older question
 * files) is asked once; the candidates the answerer saw are labelled by whether they hold the case's
 * evidence. A logistic model over general sentence features is fitted, and reported leave-one-corpus-out
 * as recall@1/@5 of the supporting sentence against the current ranking (the hand-set evidence score plus the
 * fitted context weight). The model file is written only when held-out recall@1 is better and recall@5 no worse.
 */
interface Question {
  corpus: string;
  /** Features of each candidate (distinct texts), and whether it holds the evidence. */
  x: number[][];
  y: number[];
  /** The hand-set evidence score of each candidate. */
  hand: number[];
}

const args = process.argv.slice(2);
const L2 = 1;
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
      const q: Question = { corpus: set.corpus, x: [], y: [], hand: [] };
      for (const e of scoreEvidence(query, candidates)) {
        if (texts.has(e.candidate.text)) continue;
        texts.add(e.candidate.text);
        q.x.push(rankFeatures(e, query, kind));
        q.y.push(e.candidate.text.includes(c.evidence) ? 1 : 0);
        // The current ranking: the hand-set score plus the fitted context weight (sentence-ranking-model.ts).
        q.hand.push(e.score + defaultContextWeight() * e.contextCoverage);
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
  const d = RANK_FEATURES.length;
  const w = new Array<number>(d).fill(0);
  for (let step = 0; step < STEPS; step++) {
    const grad = w.map((v) => -L2_LISTWISE * v);
    for (const q of qs) {
      const s = q.x.map((x) => x.reduce((z, v, j) => z + v * w[j], 0));
      const top = Math.max(...s);
      const e = s.map((v) => Math.exp(v - top));
      const all = e.reduce((a, b) => a + b, 0);
      const pos = e.reduce((a, v, i) => a + (q.y[i] ? v : 0), 0);
      for (let i = 0; i < q.x.length; i++) {
        const coef = (q.y[i] ? e[i] / pos : 0) - e[i] / all;
        if (coef !== 0) for (let j = 0; j < d; j++) grad[j] += coef * q.x[i][j];
      }
    }
    for (let j = 0; j < d; j++) w[j] += (RATE * grad[j]) / qs.length;
  }
  // The bias does not change a ranking; 0 keeps scores comparable (a probability-like 0..1 after the logistic).
  return { features: [...RANK_FEATURES], weights: w, bias: 0 };
}

interface Recall {
  n: number;
  r1: number;
  r5: number;
}
const recall = (qs: Question[], score: (q: Question) => number[]): Recall => {
  const r: Recall = { n: qs.length, r1: 0, r5: 0 };
  for (const q of qs) {
    const k = rankOf(q, score(q));
    if (k === 1) r.r1++;
    if (k >= 1 && k <= 5) r.r5++;
  }
  return r;
};
const show = (r: Recall) => `R@1 ${r.r1}/${r.n} (${Math.round((100 * r.r1) / r.n)}%)  R@5 ${r.r5}/${r.n} (${Math.round((100 * r.r5) / r.n)}%)`;

async function main(): Promise<void> {
  const questions = await collect();
  const corpora = [...new Set(questions.map((q) => q.corpus))];
  console.log('== leave-one-corpus-out: fitted ranking vs the hand-set evidence score');
  const pooled = { fitted: { n: 0, r1: 0, r5: 0 }, hand: { n: 0, r1: 0, r5: 0 } };
  const loco: Record<string, { fitted: Recall; hand: Recall }> = {};
  for (const held of corpora) {
    const model = fit(questions.filter((q) => q.corpus !== held));
    const test = questions.filter((q) => q.corpus === held);
    const fitted = recall(test, (q) => q.x.map((x) => rankScore(model, x)));
    const hand = recall(test, (q) => q.hand);
    loco[held] = { fitted, hand };
    for (const k of ['n', 'r1', 'r5'] as const) {
      pooled.fitted[k] += fitted[k];
      pooled.hand[k] += hand[k];
    }
    console.log(`${held.padEnd(12)} fitted ${show(fitted)}   hand ${show(hand)}`);
  }
  console.log(`${'pooled'.padEnd(12)} fitted ${show(pooled.fitted)}   hand ${show(pooled.hand)}`);
  const model = fit(questions);
  model.weights = model.weights.map((w) => Number(w.toFixed(4)));
  model.bias = Number(model.bias.toFixed(4));
  model.fitted = { by: 'npm run fit:ranking', questions: questions.length, l2: L2, leaveOneCorpusOut: loco, pooled };
  console.log('weights:', Object.fromEntries(RANK_FEATURES.map((f, i) => [f, model.weights[i]])), 'bias', model.bias);
  if (args.includes('--dry-run')) return;
  // Recall@5 is retrieval's objective (fit:bm25): a model that buys recall@1 with it is not adopted either.
  if (pooled.fitted.r1 <= pooled.hand.r1 || pooled.fitted.r5 < pooled.hand.r5) {
    console.log('held-out recall@1 not better, or recall@5 worse, than the current ranking (hand-set score + context): model not written');
    return;
  }
  await writeFile(RANKING_MODEL_FILE, JSON.stringify(model, null, 2) + '\n');
  console.log(`wrote ${RANKING_MODEL_FILE}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
