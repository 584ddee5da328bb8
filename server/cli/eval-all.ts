import { writeFile } from 'node:fs/promises';
import { createExtractiveGenerator } from '../generators/extractive/extractive-generator.js';
import { ALWAYS_ANSWER } from '../generators/extractive/decision.js';
import { BASELINE_FILE, bankServices, formatTally, loadBankSets, runBankSet, tally, type BankCaseResult, type BankCorpus } from '../eval/bank.js';

/**
 * `npm run eval:all [-- --json out.json] [--only article] [--verbose]`: every question set of the bank
 * (tests/bank/), per set, per corpus and per kind: correct, refused correctly, confidently wrong,
 * refused-but-answerable, recall@1/@5 of the supporting sentence, and whether a citation or closest
 * passage showed it; `--json` also writes every case's answer and citations. `--write-baseline` records the per-set figures the bank test tier guards. `--force-answer` answers every question with its best sentence (diagnostics).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const jsonOut = valueOf('--json');
  const only = valueOf('--only')?.split(',');
  const verbose = args.includes('--verbose');
  const bankDir = valueOf('--bank');
  // Diagnostics: answer every question with its best sentence, to see what the decision has to work with.
  const generator = args.includes('--force-answer')
    ? createExtractiveGenerator({ model: ALWAYS_ANSWER })
    : undefined;
  const sets = await loadBankSets(bankDir, only);
  if (sets.length === 0) {
    console.error('no question sets under tests/bank/sets');
    process.exit(2);
  }
  const corpora = new Map<string, BankCorpus>();
  const results: BankCaseResult[] = [];
  for (const set of sets) {
    let corpus = corpora.get(set.corpus);
    if (!corpus) {
      corpus = await bankServices(set.corpus, bankDir, generator);
      corpora.set(set.corpus, corpus);
    }
    const setResults = await runBankSet(set, corpus);
    results.push(...setResults);
    if (verbose) {
      for (const r of setResults.filter((x) => x.outcome === 'confidently-wrong' || x.outcome === 'refused-answerable')) {
        console.log(`  ${r.outcome.padEnd(18)} ${r.set}/${r.id} [${r.kind}] rank ${r.evidenceRank} ${r.problems.join('; ')}\n      ${r.result.answer.slice(0, 140).replace(/\n/g, ' ')}`);
      }
    }
  }
  const group = (key: (r: BankCaseResult) => string) => {
    const m = new Map<string, BankCaseResult[]>();
    for (const r of results) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return m;
  };
  const report: Record<string, unknown> = { sets: {}, corpora: {}, kinds: {} };
  console.log('== per set');
  for (const [name, rs] of group((r) => r.set)) {
    const t = tally(rs);
    (report.sets as Record<string, unknown>)[name] = t;
    console.log(formatTally(name, t));
  }
  console.log('== per corpus and kind');
  for (const [corpus, rs] of group((r) => r.corpus)) {
    const t = tally(rs);
    (report.corpora as Record<string, unknown>)[corpus] = { ...t, kinds: {} };
    console.log(formatTally(corpus, t));
    const kinds = new Map<string, BankCaseResult[]>();
    for (const r of rs) kinds.set(r.kind, [...(kinds.get(r.kind) ?? []), r]);
    for (const [kind, ks] of [...kinds].sort()) {
      const kt = tally(ks);
      ((report.corpora as Record<string, { kinds: Record<string, unknown> }>)[corpus].kinds)[kind] = kt;
      console.log(formatTally(`  ${kind}`, kt));
    }
  }
  console.log('== per kind, all corpora');
  for (const [kind, rs] of [...group((r) => r.kind)].sort()) {
    const t = tally(rs);
    (report.kinds as Record<string, unknown>)[kind] = t;
    console.log(formatTally(kind, t));
  }
  const total = tally(results);
  report.total = total;
  console.log(formatTally('ALL', total));
  if (args.includes('--write-baseline')) {
    // The "score now" the bank test tier (tests/bank/bank-gate.test.ts) guards against regressions.
    const baseline = Object.fromEntries(Object.entries(report.sets as Record<string, ReturnType<typeof tally>>).map(([name, t]) => [name, t]));
    await writeFile(BASELINE_FILE, JSON.stringify(baseline, null, 2) + '\n');
    console.error(`wrote ${BASELINE_FILE}`);
  }
  if (jsonOut) {
    // Each case's answer and where its citations point (document, offsets, kind): enough to tell whether a change moved any answer.
    report.cases = results.map(({ result, ...r }) => ({
      ...r,
      answered: result.answered,
      answer: result.answer,
      citations: result.citations.map(({ n, docId, start, end, kind }) => ({ n, docId, start, end, ...(kind ? { kind } : {}) })),
    }));
    await writeFile(jsonOut, JSON.stringify(report, null, 2));
    console.error(`wrote ${jsonOut}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
