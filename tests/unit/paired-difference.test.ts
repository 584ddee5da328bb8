import { describe, expect, it } from 'vitest';
import { pairedDifference } from '../../server/eval/paired-difference.js';

describe('paired leave-one-corpus-out difference', () => {
  it('sums the per-corpus utility changes and their standard error', () => {
    const before = { a: { correct: 10, confidentlyWrong: 1 }, b: { correct: 5, confidentlyWrong: 0 }, c: { correct: 8, confidentlyWrong: 2 } };
    // Utilities at cost 3: before 7, 5, 2; after 11, 5, 0 → differences +4, 0, −2.
    const after = { a: { correct: 14, confidentlyWrong: 1 }, b: { correct: 5, confidentlyWrong: 0 }, c: { correct: 9, confidentlyWrong: 3 } };
    const p = pairedDifference(before, after, 3);
    expect(p.diff).toBe(2);
    expect(p.corpora).toBe(3);
    // Per-corpus differences 4, 0, −2: mean 2/3, sample variance 28/3, SE of the sum sqrt(28/3 · 3) = sqrt(28).
    expect(p.se).toBeCloseTo(Math.sqrt(28), 10);
    expect(p.moved).toEqual({ a: 4, c: -2 });
  });

  it('compares only the corpora both runs scored, and has no spread with one corpus', () => {
    const p = pairedDifference({ a: { correct: 1, confidentlyWrong: 0 } }, { a: { correct: 3, confidentlyWrong: 0 }, new: { correct: 9, confidentlyWrong: 0 } }, 3);
    expect(p).toEqual({ diff: 2, se: 0, corpora: 1, moved: { a: 2 } });
  });
});
