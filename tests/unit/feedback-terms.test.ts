import { describe, expect, it } from 'vitest';
import { feedbackTerms } from '../../server/retrieval/feedback-terms.js';
import type { ChunkTuple } from '../../server/shared/index-format/index-format.js';

// Three one-sentence chunks; the vocabulary's ids are the words' positions.
const vocab = ['netgroup', 'diskless', 'ltsp', 'boot', 'fstab', 'the'];
const sentences = [
  [0, 2, 3], // netgroup ltsp boot
  [1, 2, 3, 3], // diskless ltsp boot boot
  [4, 5], // fstab the
];
const offsets = Uint32Array.from(sentences.reduce((o, s) => [...o, o[o.length - 1] + s.length], [0]));
const index = {
  vocab,
  terms: { ids: Uint32Array.from(sentences.flat()), offsets },
  chunks: sentences.map((_, i) => [0, 0, 0, i, 1] as ChunkTuple),
};
const idf = (term: string) => (term === 'the' ? 0.1 : term === 'ltsp' ? 3 : 1);

describe('pseudo-relevance feedback terms', () => {
  it('adds the words the top chunks share, not the question\'s own nor words said once', () => {
    const terms = feedbackTerms(index, { idf }, [0, 1], [{ term: 'netgroup', weight: 2 }], 0.5);
    expect(terms.map((t) => t.term)).toEqual(['ltsp', 'boot']);
    // Weighted relative to the question's words.
    expect(terms.every((t) => t.weight === 1)).toBe(true);
  });

  it('gives the same terms when asked again (the reused counter is back at zero), and each BM25 index its own IDFs', () => {
    const first = feedbackTerms(index, { idf }, [0, 1], [{ term: 'netgroup', weight: 2 }], 0.5);
    const bm25 = { idf };
    expect(feedbackTerms(index, bm25, [0, 1], [{ term: 'netgroup', weight: 2 }], 0.5)).toEqual(first);
    expect(feedbackTerms(index, bm25, [0, 1], [{ term: 'netgroup', weight: 2 }], 0.5)).toEqual(first);
    // Another index over the same vocabulary, where boot is the rarer word: its IDFs, not the ones remembered.
    const bootRare = { idf: (term: string) => (term === 'boot' ? 5 : idf(term)) };
    expect(feedbackTerms(index, bootRare, [0, 1], [{ term: 'netgroup', weight: 2 }], 0.5).map((t) => t.term)).toEqual(['boot', 'ltsp']);
  });

  it('knows the question\'s words by their vocabulary ids when given, and only for that call', () => {
    // ltsp asked by id (2), netgroup by spelling: neither comes back; asked again without them, ltsp does.
    const asked = [{ term: 'ltsp', weight: 2, id: 2 }, { term: 'netgroup', weight: 2 }];
    expect(feedbackTerms(index, { idf }, [0, 1], asked, 0.5).map((t) => t.term)).toEqual(['boot']);
    expect(feedbackTerms(index, { idf }, [0, 1], [{ term: 'netgroup', weight: 2, id: 0 }], 0.5).map((t) => t.term)).toEqual(['ltsp', 'boot']);
    // Each with its id, for the search to add its postings by.
    expect(feedbackTerms(index, { idf }, [0, 1], [{ term: 'netgroup', weight: 2, id: 0 }], 0.5).map((t) => t.id)).toEqual([2, 3]);
  });

  it('adds nothing from a single chunk of distinct words', () => {
    expect(feedbackTerms(index, { idf }, [2], [{ term: 'fstab', weight: 1 }], 0.5)).toEqual([]);
  });
});
