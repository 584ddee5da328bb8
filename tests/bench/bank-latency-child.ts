/**
 * Child process: answer latency against bare MiniSearch on every corpus of the question bank (its own
 * questions), and the memory the dictionaries add. bank-latency-child.ts <rounds>
 */
import { buildServices } from '../../server/build-services.js';
import { bankConfig, loadBankSets } from '../../server/eval/bank.js';
import { benchLatency } from './latency.js';
import { emit } from './stats.js';

const rounds = Number(process.argv[2] ?? 5);
const gc = (globalThis as { gc?: () => void }).gc;
const rssMb = () => {
  gc?.();
  return Math.round(process.memoryUsage().rss / 2 ** 20);
};

async function main() {
  const sets = await loadBankSets();
  const corpora = [...new Set(sets.map((s) => s.corpus))];
  // Dictionary memory: one index loaded, RSS before and after the first question. The lexicon is read with
  // the index (lexicon.json) and jieba by its self-test question, so this should add next to nothing; until
  // issue 14 the first question parsed CC-CEDICT here.
  const first = await buildServices({ config: await bankConfig(corpora.includes('article') ? 'article' : corpora[0]) });
  const before = rssMb();
  const peakBefore = Math.round(process.resourceUsage().maxRSS / 1024);
  const t = performance.now();
  await first.answerService.answerQuestion('How many employees does Moore Threads have?', []);
  const firstQuestionMs = Math.round(performance.now() - t);
  const peakAfter = Math.round(process.resourceUsage().maxRSS / 1024);
  const dictionaries = { rssBeforeMb: before, rssAfterMb: rssMb(), peakRssBeforeMb: peakBefore, peakRssAfterMb: peakAfter, firstQuestionMs, gcExposed: Boolean(gc) };
  const perCorpus = [];
  for (const corpus of corpora) {
    const cases = sets.filter((s) => s.corpus === corpus).flatMap((s) => s.cases);
    perCorpus.push({ corpus, ...(await benchLatency(await bankConfig(corpus), cases, rounds)) });
  }
  return { dictionaries: { ...dictionaries, addedMb: dictionaries.rssAfterMb - dictionaries.rssBeforeMb }, perCorpus };
}

main().then(
  (r) => {
    emit(r);
    process.exit(0);
  },
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
