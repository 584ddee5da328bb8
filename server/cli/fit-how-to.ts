import { writeFittedFile } from '../eval/fitted-output.js';
import { codeCue, HOW_TO_WEIGHTS_FILE, stepCue, stepsAfter, type HowToWeights } from '../generators/extractive/how-to-answer.js';
import { kindOf } from '../generators/extractive/kinds/index.js';
import { scoreEvidence } from '../generators/extractive/sentence-evidence.js';
import { firstStageKeys } from '../generators/extractive/sentence-ranking-model.js';
import { reasonAfter, reasonBefore, reasonCue, WHY_WEIGHTS_FILE, type WhyWeights } from '../generators/extractive/why-answer.js';
import { createCandidateRecorder } from '../eval/candidate-recorder.js';
import { bankServices, isAnswerableCase, loadBankSets } from '../eval/bank.js';
import { holdsEvidence } from '../eval/score-cases.js';
import type { CandidateSentence } from '../core/types.js';

/**
 * `npm run fit:how-to [-- --dry-run] [--without code,reason]`: fits how much a question kind prefers a sentence by its kind's cues
 * (kind-preference.ts) over the first stage's ranking key (the evidence score plus the fitted context share):
 *  - how-to: a sentence that reads as a step (how-to-answer.ts stepCue) and one that names what to run or edit (codeCue);
 *  - why: a sentence that gives a reason (why-answer.ts reasonCue), written to why-weights.json.
 * Every answerable bank question the answerer takes for that kind is asked once; the objective is recall@1 of its
 * supporting sentence, in the best sentence or among what its answer quotes with it (a how-to's steps, the reason
 * before a why's consequence). Each kind's weights are chosen from a grid leave-one-corpus-out (fit on all corpora
 * but one, score the one left out; ties go to the smaller weights), and the kind's file is written only when the
 * held-out recall@1 beats no preference at all. `--without` holds the named cues' weights at 0 (to measure a cue's worth).
 */
const GRID = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5];
const args = process.argv.slice(2);
const without = new Set(args.includes('--without') ? args[args.indexOf('--without') + 1].split(',') : []);

interface Question {
  corpus: string;
  /** Each sentence's first-stage key, as the answerer ranks (with a follow-up's anchor). */
  key: number[];
  /** Each sentence is a label line, which the answerer ranks after every other sentence. */
  label: boolean[];
  /** Each sentence's cues, in the kind's cue order. */
  cues: number[][];
  y: number[];
}

interface KindFit {
  kind: 'how-to' | 'why';
  cueNames: string[];
  cues(c: CandidateSentence, bySentence: Map<number, CandidateSentence>): number[];
  quoted(c: CandidateSentence, bySentence: Map<number, CandidateSentence>): CandidateSentence[];
  /** Writes the adopted weights; undefined for a preference that is measured only. */
  write?(weights: number[], fitted: Record<string, unknown>): Promise<void>;
}

const KINDS: KindFit[] = [
  {
    kind: 'how-to',
    cueNames: ['step', 'code'],
    cues: (c, by) => [stepCue(c, by), codeCue(c)],
    // The answer quotes the sentence with the steps it leads to: the evidence may be among those.
    quoted: (c, by) => [c, ...stepsAfter(c, by)],
    async write([step, code], fitted) {
      const out: HowToWeights = { step, code, fitted };
      await writeFittedFile(HOW_TO_WEIGHTS_FILE, out);
    },
  },
  {
    kind: 'why',
    cueNames: ['reason'],
    cues: (c) => [reasonCue(c)],
    // A consequence is quoted after the sentence before it, which gives the reason; a statement with what goes on about it.
    quoted: (c, by) => [reasonBefore(c, by), c, reasonAfter(c, by)].filter((x) => x !== undefined),
    async write([reason], fitted) {
      const out: WhyWeights = { reason, fitted };
      await writeFittedFile(WHY_WEIGHTS_FILE, out);
    },
  },
];

async function collect(): Promise<Map<string, Question[]>> {
  const recorder = createCandidateRecorder('kind-preference-recorder');
  const out = new Map<string, Question[]>(KINDS.map((k) => [k.kind, []]));
  const byCorpus = new Map<string, Awaited<ReturnType<typeof bankServices>>>();
  for (const set of await loadBankSets()) {
    for (const c of set.cases) {
      const fit = KINDS.find((k) => k.kind === kindOf(c.q)?.name);
      if (!fit || !isAnswerableCase(c) || !c.evidence) continue;
      let corpus = byCorpus.get(set.corpus);
      if (!corpus) byCorpus.set(set.corpus, (corpus = await bankServices(set.corpus, undefined, recorder.generator)));
      const recorded = await recorder.record(corpus.services, c.q, c.history ?? []);
      if (!recorded) continue;
      const { query, candidates } = recorded;
      const bySentence = new Map(candidates.map((x) => [x.sentence, x] as const));
      const q: Question = { corpus: set.corpus, key: [], label: [], cues: [], y: [] };
      const evidence = scoreEvidence(query, candidates);
      const keyOf = firstStageKeys(evidence);
      for (const e of evidence) {
        q.key.push(keyOf(e));
        q.label.push(e.candidate.isLabel === true);
        q.cues.push(fit.cues(e.candidate, bySentence));
        q.y.push(fit.quoted(e.candidate, bySentence).some((x) => holdsEvidence(x.text, c.evidence!)) ? 1 : 0);
      }
      out.get(fit.kind)!.push(q);
    }
  }
  return out;
}

/** Questions whose best sentence under the weights holds the evidence (stable sort, as the answerer ranks). */
function hits(qs: Question[], w: number[]): number {
  let n = 0;
  for (const q of qs) {
    let best = -1;
    let bestKey = -Infinity;
    // Label lines come last in the answerer's ranking (sentence-ranking-model.ts labelsLast).
    const onlyLabels = q.label.every(Boolean);
    q.key.forEach((k, i) => {
      if (q.label[i] && !onlyLabels) return;
      const key = k + q.cues[i].reduce((s, x, j) => s + w[j] * x, 0);
      if (key > bestKey) [best, bestKey] = [i, key];
    });
    if (best >= 0 && q.y[best] === 1) n++;
  }
  return n;
}

/** Every combination of grid weights, the smaller ones first (ties keep the first). */
function grid(names: string[]): number[][] {
  if (names.length === 0) return [[]];
  const values = without.has(names[names.length - 1]) ? [0] : GRID;
  return grid(names.slice(0, -1)).flatMap((rest) => values.map((w) => [...rest, w]));
}

function best(qs: Question[], names: string[]): number[] {
  let top = grid(names)[0];
  let topHits = hits(qs, top);
  for (const w of grid(names)) {
    const h = hits(qs, w);
    if (h > topHits) [top, topHits] = [w, h];
  }
  return top;
}

async function main(): Promise<void> {
  const byKind = await collect();
  for (const fit of KINDS) {
    const qs = byKind.get(fit.kind)!;
        const off = fit.cueNames.map(() => 0);
    const name = (w: number[]) => fit.cueNames.map((c, i) => `${c} ${w[i]}`).join(', ');
    const corpora = [...new Set(qs.map((q) => q.corpus))];
    let heldOut = 0;
    let heldOutOff = 0;
    console.log(`== ${fit.kind} preference (${fit.cueNames.join(', ')}): leave-one-corpus-out recall@1`);
    const perCorpus: Record<string, string> = {};
    for (const corpus of corpora) {
      const test = qs.filter((q) => q.corpus === corpus);
      const w = best(qs.filter((q) => q.corpus !== corpus), fit.cueNames);
      heldOut += hits(test, w);
      heldOutOff += hits(test, off);
      perCorpus[corpus] = `${hits(test, w)}/${test.length} with ${name(w)} (off: ${hits(test, off)}/${test.length})`;
      console.log(`${corpus.padEnd(12)} ${perCorpus[corpus]}`);
    }
    const all = best(qs, fit.cueNames);
    console.log(`pooled       ${heldOut}/${qs.length} held out (off: ${heldOutOff}/${qs.length}); on all corpora ${name(all)}, ${hits(qs, all)}/${qs.length} in-sample`);
    if (args.includes('--dry-run') || !fit.write) continue;
    if (heldOut <= heldOutOff) {
      console.log(`held out not better than no preference: ${fit.kind} weights not written`);
      continue;
    }
    await fit.write(all, {
      date: new Date().toISOString(),
      questions: qs.length,
      heldOutRecallAt1: `${heldOut}/${qs.length}`,
      heldOutOff: `${heldOutOff}/${qs.length}`,
      perCorpus,
    });
  }
}

await main();
