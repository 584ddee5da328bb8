import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../server/retrieval/rrf.js';

describe('reciprocal rank fusion', () => {
  it('rewards items ranked well by both lists', () => {
    const fused = reciprocalRankFusion([
      [1, 2, 3],
      [2, 3, 1],
    ]);
    expect(fused[0].id).toBe(2);
    expect(fused.map((f) => f.id).sort()).toEqual([1, 2, 3]);
  });

  it('uses 1/(k + rank) with 1-based ranks', () => {
    const [top] = reciprocalRankFusion([[7]], 60);
    expect(top.score).toBeCloseTo(1 / 61);
  });

  it('keeps items found by only one retriever', () => {
    const fused = reciprocalRankFusion([[1], [2]]);
    expect(fused.map((f) => f.id)).toEqual([1, 2]);
  });
});

describe('weighted fusion', () => {
  it("scales each list's contribution by its weight", () => {
    const equal = reciprocalRankFusion([[1], [9]]);
    expect(equal[0].score).toBeCloseTo(equal[1].score);
    const weighted = reciprocalRankFusion([[1], [9]], 60, [1, 0.5]);
    expect(weighted).toEqual([
      { id: 1, score: 1 / 61 },
      { id: 9, score: 0.5 / 61 },
    ]);
  });

  it('a top item of the weaker list does not outrank an item both lists agree on', () => {
    const weighted = reciprocalRankFusion([[1, 2], [9, 2]], 60, [1, 0.5]);
    expect(weighted.map((f) => f.id)).toEqual([2, 1, 9]);
  });
});
