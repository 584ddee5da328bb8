import { describe, expect, it } from 'vitest';
import { orderedUnion } from '../../server/retrieval/ordered-union.js';

describe('ordered union of two id lists', () => {
  it('is [...new Set([...a, ...b])], call after call (duplicates within and across the lists)', () => {
    let seed = 5;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const range = round % 2 ? 3000 : 30;
      const [a, b] = [0, 1].map(() => Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * range)));
      expect(orderedUnion(a, b)).toEqual([...new Set([...a, ...b])]);
    }
  });
});
