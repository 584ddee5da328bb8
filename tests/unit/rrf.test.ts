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

describe('fusion with a limit', () => {
  it('is the first `limit` of the full order, ties included (score, then id)', () => {
    // Lists with many equal contributions (the same rank in lists of equal weight) and ids in no order.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const lists = [0, 1, 2].map(() => Array.from({ length: Math.floor(random() * 30) }, () => Math.floor(random() * 40)));
      const weights = [1, random() < 0.5 ? 1 : 0.5, random() < 0.5 ? 1 : 0.25];
      const full = reciprocalRankFusion(lists, 60, weights);
      // The plain definition: one Map of sums added in list order, every entry sorted.
      const sums = new Map<number, number>();
      lists.forEach((list, r) => list.forEach((id, rank) => sums.set(id, (sums.get(id) ?? 0) + weights[r] / (60 + rank + 1))));
      expect(full).toEqual([...sums].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id));
      for (const limit of [0, 1, 3, 12, 50]) expect(reciprocalRankFusion(lists, 60, weights, limit)).toEqual(full.slice(0, limit));
    }
  });
});

describe('fusion by id table and by Map', () => {
  it('gives the plain definition for chunk numbers (the table) and for any other id (a Map), one call after another', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const odd = [-1, 2.5, 2 ** 23, 1e12];
    for (let round = 0; round < 200; round++) {
      const anyIds = round % 3 === 0;
      const id = () => (anyIds && random() < 0.2 ? odd[Math.floor(random() * odd.length)] : Math.floor(random() * (round % 2 ? 5000 : 40)));
      const lists = [0, 1, 2].map(() => Array.from({ length: Math.floor(random() * 30) }, id));
      const sums = new Map<number, number>();
      lists.forEach((list, r) => list.forEach((x, rank) => sums.set(x, (sums.get(x) ?? 0) + 1 / (60 + rank + 1))));
      expect(reciprocalRankFusion(lists, 60)).toEqual([...sums].map(([x, score]) => ({ id: x, score })).sort((a, b) => b.score - a.score || a.id - b.id));
    }
  });
});

