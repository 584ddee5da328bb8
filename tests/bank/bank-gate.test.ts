import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASELINE_FILE, bankServices, loadBankSets, runBankSet, tally, type Tally } from '../../server/eval/bank.js';

/**
 * The bank as a gated tier (`npm run test:bank`, also run by .ci/run): every set of tests/bank must score at
 * least its recorded "score now" (tests/bank/baseline.json, written by `npm run eval:all -- --write-baseline`)
 * minus a small margin — one question or 5% of the set, whichever is larger — and must not answer more
 * questions confidently wrong than recorded plus that margin.
 */
const baseline = JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Record<string, Tally>;
const sets = await loadBankSets();

describe('question bank', () => {
  it('has a recorded score for every set', () => {
    expect(sets.map((s) => s.name).filter((n) => !baseline[n])).toEqual([]);
  });

  for (const set of sets) {
    it(`${set.name} does not regress`, { timeout: 300_000 }, async () => {
      const t = tally(await runBankSet(set, await bankServices(set.corpus)));
      const was = baseline[set.name];
      const margin = Math.max(1, Math.round(0.05 * (t.answerable + t.unanswerable)));
      expect(t.correct, 'answerable questions answered correctly').toBeGreaterThanOrEqual(was.correct - margin);
      expect(t.refusedCorrectly, 'unanswerable questions refused').toBeGreaterThanOrEqual(was.refusedCorrectly - margin);
      expect(t.confidentlyWrong, 'confidently wrong answers').toBeLessThanOrEqual(was.confidentlyWrong + margin);
      expect(t.evidenceShown, 'supporting sentence among citations or passages').toBeGreaterThanOrEqual(was.evidenceShown - margin);
    });
  }
});
