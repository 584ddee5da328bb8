import { readFile } from 'node:fs/promises';

/**
 * `npx tsx server/cli/classify-misses.ts <eval.json> <forced.json>`: why answerable bank questions whose supporting
 * sentence the answerer ranks first are still not counted correct. Reads two reports of `npm run eval:all -- --json`:
 * one as shipped, one with `--force-answer` (every question answered with its best sentence). A question the forced
 * run gets right was lost to the answer-or-refuse decision (decision.ts); one it gets wrong was lost in building the
 * answer (the expected value cut out of the quote, another sentence cited). Diagnostics only: it fits nothing.
 */
interface Case {
  set: string;
  corpus: string;
  id: string;
  kind: string;
  answerable: boolean;
  outcome: string;
  problems: string[];
  evidenceRank: number;
}

const [shippedFile, forcedFile] = process.argv.slice(2);
if (!shippedFile || !forcedFile) {
  console.error('usage: classify-misses <eval.json> <forced.json>  (npm run eval:all -- --json …, and again with --force-answer)');
  process.exit(2);
}
const load = async (file: string) => (JSON.parse(await readFile(file, 'utf8')) as { cases: Case[] }).cases;
const shipped = await load(shippedFile);
const forced = new Map((await load(forcedFile)).map((c) => [`${c.set}/${c.id}`, c]));

/** What went wrong in the forced answer, in words: the expected value missing from the answer, no citation of the evidence. */
const building = (c: Case) =>
  c.problems.map((p) => (p.startsWith('answer lacks') ? 'expected value not in the answer text' : p.startsWith('no citation') ? 'evidence not cited' : p)).join(' + ');

const classes = new Map<string, Case[]>();
for (const c of shipped) {
  if (!c.answerable || c.evidenceRank !== 1 || c.outcome === 'correct') continue;
  const f = forced.get(`${c.set}/${c.id}`);
  const why = !f
    ? 'not in the forced run'
    : f.outcome === 'correct'
      ? c.outcome === 'refused-answerable'
        ? 'refused by the decision (the forced answer is correct)'
        : 'answered differently than forced'
      : `${c.outcome === 'refused-answerable' ? 'refused' : 'answered'}; forced answer wrong: ${building(f)}`;
  classes.set(why, [...(classes.get(why) ?? []), c]);
}

const count = (cs: Case[], key: (c: Case) => string) => {
  const m = new Map<string, number>();
  for (const c of cs) m.set(key(c), (m.get(key(c)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
};
const all = [...classes.values()].flat();
console.log(`answerable, supporting sentence ranked first, not correct: ${all.length}`);
for (const [why, cs] of [...classes].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${String(cs.length).padStart(4)}  ${why}`);
  console.log(`        by kind: ${count(cs, (c) => c.kind)}`);
  console.log(`        by corpus: ${count(cs, (c) => c.corpus)}`);
}
const pairs = shipped.filter((c) => c.answerable).map((c) => ({ c, f: forced.get(`${c.set}/${c.id}`) }));
const forcedCorrect = pairs.filter((p) => p.f?.outcome === 'correct');
console.log(`forced answers correct: ${forcedCorrect.length}/${pairs.length} answerable (${forcedCorrect.filter((p) => p.c.evidenceRank === 1).length} with the supporting sentence ranked first)`);
