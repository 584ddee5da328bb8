import { writeFile } from 'node:fs/promises';
import { HOW_TO_WEIGHTS_FILE, stepCue, stepsAfter, type HowToWeights } from '../generators/extractive/how-to-answer.js';
import { kindOf } from '../generators/extractive/kinds/index.js';
import { scoreEvidence } from '../generators/extractive/sentence-evidence.js';
import { createCandidateRecorder } from '../eval/candidate-recorder.js';
import { bankServices, isAnswerableCase, loadBankSets } from '../eval/bank.js';

/**
 * `npm run fit:how-to [-- --dry-run]`: fits how much a how-to question prefers a sentence that reads as a
 * step (how-to-answer.ts stepCue) over the hand-set evidence score. Every answerable bank question the
 * answerer takes for a how-to is asked once; the objective is recall@1 of its supporting sentence, in the
 * best sentence or among the steps its answer quotes with it. The
 * weight is chosen from a grid leave-one-corpus-out (fit on all corpora but one, score the one left out;
 * ties go to the smaller weight), and how-to-weights.json is written only when the held-out recall@1
 * beats no preference at all.
 */
const GRID = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5];
const args = process.argv.slice(2);

interface Question {
  corpus: string;
  score: number[];
  step: number[];
  y: number[];
}

async function collect(): Promise<Question[]> {
  const recorder = createCandidateRecorder('how-to-recorder');
  const out: Question[] = [];
  const byCorpus = new Map<string, Awaited<ReturnType<typeof bankServices>>>();
  for (const set of await loadBankSets()) {
    for (const c of set.cases) {
      if (!isAnswerableCase(c) || !c.evidence || kindOf(c.q)?.name !== 'how-to') continue;
      let corpus = byCorpus.get(set.corpus);
      if (!corpus) byCorpus.set(set.corpus, (corpus = await bankServices(set.corpus, undefined, recorder.generator)));
      const recorded = await recorder.record(corpus.services, c.q, c.history ?? []);
      if (!recorded) continue;
      const { query, candidates } = recorded;
      const bySentence = new Map(candidates.map((x) => [x.sentence, x] as const));
      const q: Question = { corpus: set.corpus, score: [], step: [], y: [] };
      for (const e of scoreEvidence(query, candidates)) {
        q.score.push(e.score);
        q.step.push(stepCue(e.candidate, bySentence));
        // The answer quotes the sentence with the steps it leads to: the evidence may be among those.
        const quoted = [e.candidate, ...stepsAfter(e.candidate, bySentence)];
        q.y.push(quoted.some((x) => x.text.includes(c.evidence!)) ? 1 : 0);
      }
      out.push(q);
    }
  }
  return out;
}

/** Questions whose best sentence under the weight holds the evidence (stable sort, as the answerer ranks). */
function hits(qs: Question[], w: number): number {
  let n = 0;
  for (const q of qs) {
    const order = q.score.map((s, i) => ({ s: s + w * q.step[i], i })).sort((a, b) => b.s - a.s);
    if (order.length && q.y[order[0].i] === 1) n++;
  }
  return n;
}

const best = (qs: Question[]) => GRID.reduce((b, w) => (hits(qs, w) > hits(qs, b) ? w : b), GRID[0]);

async function main(): Promise<void> {
  const qs = await collect();
  const corpora = [...new Set(qs.map((q) => q.corpus))];
  let heldOut = 0;
  let heldOutOff = 0;
  console.log('== how-to step preference: leave-one-corpus-out recall@1');
  const perCorpus: Record<string, string> = {};
  for (const corpus of corpora) {
    const test = qs.filter((q) => q.corpus === corpus);
    const w = best(qs.filter((q) => q.corpus !== corpus));
    heldOut += hits(test, w);
    heldOutOff += hits(test, 0);
    perCorpus[corpus] = `${hits(test, w)}/${test.length} with weight ${w} (off: ${hits(test, 0)}/${test.length})`;
    console.log(`${corpus.padEnd(12)} ${perCorpus[corpus]}`);
  }
  const all = best(qs);
  console.log(`pooled       ${heldOut}/${qs.length} held out (off: ${heldOutOff}/${qs.length}); on all corpora weight ${all}, ${hits(qs, all)}/${qs.length} in-sample`);
  if (args.includes('--dry-run')) return;
  if (heldOut <= heldOutOff) {
    console.log('held out not better than no preference: how-to-weights.json not written');
    return;
  }
  const out: HowToWeights = {
    step: all,
    fitted: { date: new Date().toISOString(), questions: qs.length, heldOutRecallAt1: `${heldOut}/${qs.length}`, heldOutOff: `${heldOutOff}/${qs.length}`, perCorpus },
  };
  await writeFile(HOW_TO_WEIGHTS_FILE, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${HOW_TO_WEIGHTS_FILE}`);
}

await main();
