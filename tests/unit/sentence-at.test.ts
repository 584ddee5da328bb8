import { describe, expect, it } from 'vitest';
import { sentenceAt, type LoadedIndex } from '../../server/shared/index-format/loaded-index.js';

// Two documents, their sentences in document order then text order, as ingest writes them.
const index = {
  sentences: [
    [0, 0, 10, 0],
    [0, 11, 20, 0],
    [1, 0, 5, 1],
    [1, 6, 30, 1],
  ],
} as unknown as LoadedIndex;

describe('the sentence holding an offset', () => {
  it('finds it in the right document, start inclusive, end exclusive', () => {
    expect(sentenceAt(index, 0, 0)).toBe(0);
    expect(sentenceAt(index, 0, 11)).toBe(1);
    expect(sentenceAt(index, 1, 6)).toBe(3);
    expect(sentenceAt(index, 1, 29)).toBe(3);
  });

  it('none between sentences, past the end, or in a document without sentences', () => {
    expect(sentenceAt(index, 0, 10)).toBeUndefined();
    expect(sentenceAt(index, 1, 30)).toBeUndefined();
    expect(sentenceAt(index, 2, 0)).toBeUndefined();
  });
});
