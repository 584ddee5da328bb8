import { describe, expect, it } from 'vitest';
import { fitListwise, fitPairwise } from '../../server/eval/listwise-fit.js';

// Each question: three candidates; the answer is the one with the larger first feature, the second feature is noise
// that agrees with the answer only half the time.
const lists = Array.from({ length: 40 }, (_, q) => {
  const answer = q % 3;
  return {
    x: [0, 1, 2].map((i) => [i === answer ? 1 + (q % 5) / 10 : (q % 4) / 10, (q + i) % 2]),
    y: [0, 1, 2].map((i) => (i === answer ? 1 : 0)),
  };
});
const top = (w: number[], x: number[][]) => x.map((r) => r[0] * w[0] + r[1] * w[1]).reduce((b, s, i, all) => (s > all[b] ? i : b), 0);

describe('ranking fits (listwise-fit.ts)', () => {
  for (const [name, fit] of [
    ['listwise', fitListwise],
    ['pairwise', fitPairwise],
  ] as const) {
    it(`${name}: puts the answer first and weighs the informative feature above the noise`, () => {
      const w = fit(lists, { l2: 1 });
      expect(w[0]).toBeGreaterThan(Math.abs(w[1]));
      for (const q of lists) expect(top(w, q.x)).toBe(q.y.indexOf(1));
    });
  }

  it('listwise: a stronger L2 shrinks the weights; lists with no answer or nothing else teach nothing', () => {
    expect(Math.abs(fitListwise(lists, { l2: 100 })[0])).toBeLessThan(Math.abs(fitListwise(lists, { l2: 1 })[0]));
    expect(fitListwise([{ x: [[1, 0]], y: [1] }, { x: [[1, 0], [0, 1]], y: [0, 0] }], { l2: 1 })).toEqual([0, 0]);
  });
});
