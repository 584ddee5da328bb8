import { describe, expect, it } from 'vitest';
import { candidatePositions } from '../../server/generators/extractive/candidate-positions.js';
import type { CandidateSentence } from '../../server/core/types.js';

const candidates = (sentences: number[]): CandidateSentence[] =>
  sentences.map((sentence, i) => ({ id: i + 1, sentence, docId: 'd', start: 0, end: 0, text: `s${sentence}`, chunkRank: 0 }));

/** What a Map of sentence → position (the last set kept) answers. */
function byMap(list: CandidateSentence[]): (s: number) => number {
  const position = new Map<number, number>();
  list.forEach((c, i) => position.set(c.sentence, i));
  return (s) => position.get(s) ?? -1;
}

describe('the candidate holding a sentence', () => {
  it('is found over a narrow span (a table) and a wide one (a sorted search) alike, the last one when offered twice', () => {
    const narrow = candidates([7, 8, 9, 3, 4, 8, 12]);
    const wide = candidates([7, 8, 9, 3, 4, 8, 1_000_000]);
    for (const list of [narrow, wide]) {
      const position = candidatePositions(list);
      const expected = byMap(list);
      for (const s of [-1, 0, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 999_999, 1_000_000, 1_000_001]) expect(position(s), `sentence ${s}`).toBe(expected(s));
    }
  });

  it('is none for an empty list', () => {
    expect(candidatePositions([])(0)).toBe(-1);
  });
});
