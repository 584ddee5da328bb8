import type { Bm25Index } from './bm25-index.js';

/**
 * Keyword search over single sentences, with each sentence's section heading as a second field: a
 * sentence's score is its own BM25 score plus `headingWeight` × its heading's (in a manual the question
 * often says what the heading says, the sentence only the rest). Chunk BM25 rewards a chunk that mentions
 * the question's words anywhere in its 320 characters; this finds the one sentence that says them together.
 * The heading field is scored per heading sentence and added to the sentences under it that match on
 * their own, so no posting is repeated per sentence of a section.
 */
// Sentences scored on their own before the heading field is added: headings are short, so one the
// question's words match ranks high on its own and is among these.
const POOL_FACTOR = 4;
const MIN_POOL = 200;

export interface SentenceSearch {
  /** The best `k` sentences (global sentence indexes), best first. */
  search(terms: ReadonlyArray<{ term: string; weight: number }>, k: number): Array<{ sentence: number; score: number }>;
}

export function createSentenceSearch(deps: { bm25: Bm25Index; headingOf: (sentence: number) => number; headingWeight: number }): SentenceSearch {
  const { bm25, headingOf, headingWeight } = deps;
  return {
    search(terms, k) {
      const hits = bm25.search(terms, Math.max(k * POOL_FACTOR, MIN_POOL));
      if (headingWeight === 0) return hits.slice(0, k).map((h) => ({ sentence: h.chunk, score: h.score }));
      const own = new Map<number, number>();
      for (const h of hits) own.set(h.chunk, h.score);
      return hits
        .map((h) => {
          const heading = headingOf(h.chunk);
          return { sentence: h.chunk, score: h.score + (heading >= 0 ? headingWeight * (own.get(heading) ?? 0) : 0) };
        })
        .sort((a, b) => b.score - a.score || a.sentence - b.sentence)
        .slice(0, k);
    },
  };
}
