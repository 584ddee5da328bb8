import { writeFittedFile } from '../eval/fitted-output.js';
import { createExtractiveGenerator } from '../generators/extractive/extractive-generator.js';
import { defaultModel } from '../generators/extractive/decision.js';
import { NEIGHBOUR_SHARE_FILE } from '../generators/extractive/neighbour-quote.js';
import { NEXT_GAIN_FILE } from '../generators/extractive/next-sentence-gain.js';
import type { ExtractiveOptions } from '../generators/extractive/extractive-generator.js';
import { bankServices, loadBankSets, runBankSet, tally, type BankCaseResult } from '../eval/bank.js';
import { pairedDifference, type CorpusOutcome } from '../eval/paired-difference.js';

/**
 * `npm run fit:neighbour` / `npm run fit:next-gain` `[-- --dry-run] [--verbose]`: fits what an answer quotes besides its
 * best sentence, one setting at a time — when the runner-up sentence is quoted beside the best one (neighbour-quote.ts:
 * the share of the best sentence's evidence score a neighbouring runner-up must reach), or when the next sentence is
 * (next-sentence-gain.ts: the coverage it must add). Every bank question is answered once per value of the grid (the
 * committed decision and the other setting unchanged: only what an answer quotes differs) and scored as `npm run
 * eval:all` scores it (runBankSet; ~2 min for a grid), and each value by utility — correct answers minus `cost` times
 * confidently wrong ones, the decision's own cost ratio (answerability-model.json). The value is chosen
 * leave-one-corpus-out (chosen on all corpora but one, scored on the one left out; chosen(): the most cautious entry
 * within one standard error of the best), and the file is written only when the held-out utility beats never quoting.
 */
interface Setting {
  /** Most cautious first: null (never) leads. */
  grid: Array<number | null>;
  options: (value: number | null) => ExtractiveOptions;
  file: string;
  /** The fitted file's content. */
  content: (value: number | null, fitted: Record<string, unknown>) => unknown;
}
const SETTINGS: Record<string, Setting> = {
  neighbour: {
    grid: [null, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0],
    options: (share) => ({ neighbourShare: share }),
    file: NEIGHBOUR_SHARE_FILE,
    content: (share, fitted) => ({ share, fitted }),
  },
  'next-gain': {
    grid: [null, 0.4, 0.3, 0.2, 0.15, 0.1, 0.075, 0.05, 0.02],
    options: (gain) => ({ nextGain: gain }),
    file: NEXT_GAIN_FILE,
    content: (gain, fitted) => ({ gain, fitted }),
  },
};
const args = process.argv.slice(2);
const name = args[0];
if (!Object.hasOwn(SETTINGS, name)) throw new Error(`fit-quoting: first argument ${Object.keys(SETTINGS).join(' or ')}, not ${name}`);
const setting = SETTINGS[name];
const GRID = setting.grid;
const cost = Number(defaultModel().fitted?.costOfConfidentlyWrong ?? 3);

type Score = CorpusOutcome;

const label = (value: number | null) => (value === null ? 'never' : String(value));
const utility = (s: Score) => s.correct - cost * s.confidentlyWrong;

/** Per grid entry, per corpus: correct and confidently wrong answers. */
async function collect(): Promise<Array<Map<string, Score>>> {
  const sets = await loadBankSets();
  const out: Array<Map<string, Score>> = [];
  for (const value of GRID) {
    const byCorpus = new Map<string, Score>();
    const services = new Map<string, Awaited<ReturnType<typeof bankServices>>>();
    const generator = createExtractiveGenerator(setting.options(value));
    const results = new Map<string, BankCaseResult[]>();
    for (const set of sets) {
      let corpus = services.get(set.corpus);
      if (!corpus) services.set(set.corpus, (corpus = await bankServices(set.corpus, undefined, generator)));
      results.set(set.corpus, [...(results.get(set.corpus) ?? []), ...(await runBankSet(set, corpus))]);
    }
    // Scored as `npm run eval:all` scores them (runBankSet's outcomes).
    for (const [corpus, r] of results) byCorpus.set(corpus, tally(r));
    out.push(byCorpus);
    const all = [...byCorpus.values()].reduce((a, s) => ({ correct: a.correct + s.correct, confidentlyWrong: a.confidentlyWrong + s.confidentlyWrong }), { correct: 0, confidentlyWrong: 0 });
    console.log(`${name} ${label(value).padEnd(5)} in-sample: correct ${all.correct}, confidently wrong ${all.confidentlyWrong}, utility ${utility(all)}`);
  }
  return out;
}

/**
 * The grid entry for `corpora`: the best utility summed over them, or the most cautious entry (earliest in the grid) whose
 * utility is within one standard error of it (over the corpora, paired-difference.ts): a value is not moved off caution for a gain
 * the corpora do not agree on.
 */
function chosen(scores: Array<Map<string, Score>>, corpora: string[]): number {
  const over = (byCorpus: Map<string, Score>) => Object.fromEntries(corpora.map((c) => [c, byCorpus.get(c)!]));
  const total = (byCorpus: Map<string, Score>) => corpora.reduce((sum, c) => sum + utility(byCorpus.get(c)!), 0);
  let best = 0;
  scores.forEach((byCorpus, i) => {
    if (total(byCorpus) > total(scores[best])) best = i;
  });
  for (let i = 0; i < best; i++) {
    const { diff, se } = pairedDifference(over(scores[i]), over(scores[best]), cost);
    if (args.includes('--verbose')) console.log(`grid ${label(GRID[i])} vs ${label(GRID[best])}: ${diff} ± ${se.toFixed(1)}`);
    // (Inclusive, with a rounding margin: a gain from one corpus alone is exactly one standard error.)
    if (diff <= se + 1e-9) return i;
  }
  return best;
}

async function main(): Promise<void> {
  const scores = await collect();
  const corpora = [...scores[0].keys()];
  const heldOut: Score = { correct: 0, confidentlyWrong: 0 };
  const never: Score = { correct: 0, confidentlyWrong: 0 };
  const perCorpus: Record<string, string> = {};
  for (const corpus of corpora) {
    const i = chosen(scores, corpora.filter((c) => c !== corpus));
    const s = scores[i].get(corpus)!;
    const n = scores[0].get(corpus)!;
    heldOut.correct += s.correct;
    heldOut.confidentlyWrong += s.confidentlyWrong;
    never.correct += n.correct;
    never.confidentlyWrong += n.confidentlyWrong;
    perCorpus[corpus] = `${name} ${label(GRID[i])}: ${s.correct} correct, ${s.confidentlyWrong} wrong (never: ${n.correct}, ${n.confidentlyWrong})`;
  }
  if (args.includes('--verbose')) for (const [c, line] of Object.entries(perCorpus)) console.log(c.padEnd(14), line);
  const all = GRID[chosen(scores, corpora)];
  const summary = `held out ${heldOut.correct} correct, ${heldOut.confidentlyWrong} confidently wrong, utility ${utility(heldOut)}; never quoting ${never.correct}, ${never.confidentlyWrong}, ${utility(never)}`;
  console.log(`leave-one-corpus-out (${corpora.length} corpora, cost ${cost}): ${summary}; on all corpora: ${name} ${label(all)}`);
  if (args.includes('--dry-run')) return;
  if (utility(heldOut) <= utility(never)) {
    console.log('held out not better than never: not written');
    return;
  }
  const fitted = { by: `npm run fit:${name}`, date: new Date().toISOString(), grid: GRID.map(label), cost, leaveOneCorpusOut: summary, perCorpus };
  await writeFittedFile(setting.file, setting.content(all, fitted));
}

await main();
