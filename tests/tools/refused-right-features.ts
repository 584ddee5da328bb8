/**
 * `npx tsx tests/tools/refused-right-features.ts rows.json [feature …]`: why the decision refuses answers that are right,
 * on the rows `npm run calibrate -- --dry-run --save-rows rows.json` writes. For the article and for the other corpora:
 * how many right forced answers the committed model (decision.ts, as the product scores it, in-sample) refuses, their
 * median probability, and for each named feature (default: absentEverywhere, unmatchedRare) on what share of the right,
 * the wrong-sentence and the unanswerable rows it is above zero — a feature that fires on all three alike cannot tell
 * them apart. A reading aid (session 46), not part of the product or of CI.
 */
import { readFileSync } from 'node:fs';
import { defaultModel, probability } from '../../server/generators/extractive/decision.js';
import type { FeatureName } from '../../server/generators/extractive/features.js';

interface SavedRow {
  corpus: string;
  answerable: boolean;
  correct: boolean;
  x?: number[];
}

const [file, ...asked] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx tests/tools/refused-right-features.ts rows.json [feature …]');
const saved = JSON.parse(readFileSync(file, 'utf8')) as { features: string[]; rows: SavedRow[] };
const features = asked.length ? asked : ['absentEverywhere', 'unmatchedRare'];
for (const f of features) if (!saved.features.includes(f)) throw new Error(`no feature ${f} in ${file}`);
const model = defaultModel();

const share = (n: number, of: number) => `${n}/${of} (${of ? Math.round((n / of) * 100) : 0}%)`;
for (const [label, keep] of [
  ['article', (r: SavedRow) => r.corpus === 'article'],
  ['other corpora', (r: SavedRow) => r.corpus !== 'article'],
] as const) {
  const rows = saved.rows.filter((r) => r.x && keep(r));
  const valuesOf = (r: SavedRow) => Object.fromEntries(saved.features.map((f, i) => [f, r.x![i]])) as Record<FeatureName, number>;
  const right = rows.filter((r) => r.answerable && r.correct);
  const refused = right.map((r) => probability(model, valuesOf(r))).filter((p) => p < model.threshold).sort((a, b) => a - b);
  console.log(`== ${label}: ${share(refused.length, right.length)} right forced answers refused, median p ${refused.length ? refused[refused.length >> 1].toFixed(2) : '–'} (threshold ${model.threshold})`);
  const groups = { right, 'wrong sentence': rows.filter((r) => r.answerable && !r.correct), unanswerable: rows.filter((r) => !r.answerable) };
  for (const f of features) {
    const i = saved.features.indexOf(f);
    console.log(`${f} > 0: ${Object.entries(groups).map(([g, rs]) => `${g} ${share(rs.filter((r) => r.x![i] > 0).length, rs.length)}`).join(', ')}`);
  }
}
