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
