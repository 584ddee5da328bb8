import { readFile } from 'node:fs/promises';
import { rankOneMisses, type ReportedCase } from '../eval/rank-one-misses.js';

/**
 * `npx tsx server/cli/classify-misses.ts <eval.json> <forced.json>`: why answerable bank questions whose supporting
 * sentence ranks first are not counted correct (server/eval/rank-one-misses.ts), from two reports of
 * `npm run eval:all -- --json …`, one as shipped and one with `--force-answer`. Diagnostics only: it fits nothing.
 */
const [shippedFile, forcedFile] = process.argv.slice(2);
if (!shippedFile || !forcedFile) {
  console.error('usage: classify-misses <eval.json> <forced.json>  (npm run eval:all -- --json …, and again with --force-answer)');
  process.exit(2);
}
const load = async (file: string) => (JSON.parse(await readFile(file, 'utf8')) as { cases: ReportedCase[] }).cases;
const shipped = await load(shippedFile);
const forced = await load(forcedFile);

const count = (cs: ReportedCase[], key: (c: ReportedCase) => string) => {
  const m = new Map<string, number>();
  for (const c of cs) m.set(key(c), (m.get(key(c)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
};
const groups = rankOneMisses(shipped, forced);
console.log(`answerable, supporting sentence ranked first, not correct: ${groups.reduce((n, g) => n + g.cases.length, 0)}`);
for (const { why, cases } of groups) {
  console.log(`  ${String(cases.length).padStart(4)}  ${why}`);
  console.log(`        by kind: ${count(cases, (c) => c.kind)}`);
  console.log(`        by corpus: ${count(cases, (c) => c.corpus)}`);
}
const forcedOutcome = new Map(forced.map((c) => [`${c.set}/${c.id}`, c.outcome]));
const answerable = shipped.filter((c) => c.answerable);
const right = answerable.filter((c) => forcedOutcome.get(`${c.set}/${c.id}`) === 'correct');
console.log(`forced answers correct: ${right.length}/${answerable.length} answerable (${right.filter((c) => c.evidenceRank === 1).length} with the supporting sentence ranked first)`);
