import { writeFile } from 'node:fs/promises';
import { buildRetrieval } from '../build-services.js';
import { bankConfig, isAnswerableCase, loadBankSets, type BankSet } from '../eval/bank.js';
import { rankSentences } from '../eval/sentence-ranking.js';
import { loadIndex } from '../shared/index-format/load-index.js';
import { FOLLOW_UP_WEIGHTS_FILE, defaultFollowUpWeights, type FollowUpWeights } from '../core/follow-up-weights.js';

/**
 * `npm run fit:follow-up [-- --dry-run]`: fits how much of the previous turn a follow-up carries into its query
 * (follow-up-weights.ts): the previous question's words' weight, the previous answer's words' weight, and whether
 * a follow-up with no pronoun or ellipsis carries them too. The objective is the bank's retrieval recall@5 of the
 * supporting sentence over the answerable questions that come with a history (the same ranking eval:all reports),
 * with recall@1 breaking ties. Reported leave-one-corpus-out: chosen on all corpora but one, counted on that one.
 * The choice on all corpora is written only when its held-out recall beats the current weights'.
 */
const WEIGHTS = [0, 0.25, 0.5, 0.75, 1, 1.5];
const GRID: FollowUpWeights[] = [0, 1].flatMap((always) => WEIGHTS.flatMap((question) => WEIGHTS.map((answer) => ({ question, answer, always }))));
const TOP = 5;
const same = (a: FollowUpWeights, b: FollowUpWeights) => a.question === b.question && a.answer === b.answer && a.always === b.always;
const show = (p: FollowUpWeights) => `question ${p.question} answer ${p.answer} always ${p.always}`;
// Ties go to the setting that carries least (the plain question is the simplest query).
const distance = (p: FollowUpWeights) => p.question + p.answer + p.always;

async function main(): Promise<void> {
  const dryRun = process.argv.includes('--dry-run');
  const sets = await loadBankSets();
  const byCorpus = new Map<string, BankSet[]>();
  for (const s of sets) byCorpus.set(s.corpus, [...(byCorpus.get(s.corpus) ?? []), s]);
  const cases = (corpus: string) => byCorpus.get(corpus)!.flatMap((s) => s.cases).filter((c) => isAnswerableCase(c) && c.evidence && (c.history ?? []).length > 0);
  const corpora = [...byCorpus.keys()].filter((c) => cases(c).length > 0);
  const all = corpora.reduce((n, c) => n + cases(c).length, 0);
  // Per corpus, per grid entry: [recall@5 hits, recall@1 hits].
  const hits = new Map<string, Array<[number, number]>>();
  for (const corpus of corpora) {
    const config = await bankConfig(corpus);
    const index = await loadIndex(config.indexDir);
    const retrieval = await buildRetrieval(config, index);
    const row: Array<[number, number]> = [];
    for (const followUp of GRID) {
      let five = 0;
      let one = 0;
      for (const c of cases(corpus)) {
        const top = await rankSentences(index, retrieval, c.q, c.history ?? [], TOP, { followUp });
        if (top.some((s) => s.includes(c.evidence!))) five++;
        if (top[0]?.includes(c.evidence!)) one++;
      }
      row.push([five, one]);
    }
    hits.set(corpus, row);
  }
  const score = (use: string[], g: number) => use.reduce((n, c) => n + hits.get(c)![g][0] * 1000 + hits.get(c)![g][1], 0);
  const best = (use: string[]) =>
    GRID.map((_, g) => g).reduce((a, g) => (score(use, g) > score(use, a) || (score(use, g) === score(use, a) && distance(GRID[g]) < distance(GRID[a])) ? g : a), 0);
  const current = defaultFollowUpWeights();
  const currentAt = GRID.findIndex((g) => same(g, current));
  console.log(`== follow-up weights: leave-one-corpus-out recall@${TOP} over ${all} answerable follow-ups (current ${show(current)})`);
  let held = 0;
  let base = 0;
  let heldFirst = 0;
  let baseFirst = 0;
  for (const c of corpora) {
    const g = best(corpora.filter((x) => x !== c));
    const [five, one] = hits.get(c)![g];
    const [nowFive, nowOne] = currentAt >= 0 ? hits.get(c)![currentAt] : [NaN, NaN];
    held += five;
    heldFirst += one;
    base += nowFive;
    baseFirst += nowOne;
    console.log(`${c.padEnd(14)} ${five}/${cases(c).length} with ${show(GRID[g])}   (current: ${nowFive})   R@1 ${one} (current ${nowOne})`);
  }
  console.log(`pooled         ${held}/${all} held out   (current: ${base}/${all})   R@1 ${heldFirst}/${all} held out (current: ${baseFirst}/${all})`);
  const g = best(corpora);
  const inSample = corpora.reduce((n, c) => n + hits.get(c)![g][0], 0);
  const inSampleFirst = corpora.reduce((n, c) => n + hits.get(c)![g][1], 0);
  console.log(`fitted on all corpora: ${show(GRID[g])}: ${inSample}/${all} (in-sample), R@1 ${inSampleFirst}/${all}`);
  const adopt = held > base || (held === base && heldFirst > baseFirst);
  if (!adopt) console.log(`held-out recall not better than the current weights: keeping ${show(current)}`);
  if (dryRun || !adopt) return;
  const out = {
    ...GRID[g],
    fitted: {
      by: 'npm run fit:follow-up',
      objective: `bank recall@${TOP} (then @1) of the supporting sentence over answerable follow-ups, leave-one-corpus-out`,
      date: new Date().toISOString().slice(0, 10),
      heldOut: `${held}/${all}`,
      current: `${base}/${all}`,
      recall1: { heldOut: `${heldFirst}/${all}`, current: `${baseFirst}/${all}` },
      inSample: `${inSample}/${all}`,
    },
  };
  await writeFile(FOLLOW_UP_WEIGHTS_FILE, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${FOLLOW_UP_WEIGHTS_FILE}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
