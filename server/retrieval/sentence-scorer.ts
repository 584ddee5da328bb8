import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { Bm25Params } from './bm25-index.js';

/**
 * BM25 over single sentences, for the sentences of chunks already retrieved: chunk BM25 rewards a chunk
 * that mentions the question's words anywhere in its 320 characters; this finds the chunk whose one
 * sentence says them together. A sentence's section heading is a second field: its score is its own BM25
 * plus `headingWeight` × its heading sentence's (in a manual the question often says what the heading
 * says, the sentence only the rest).
 *
 * Scored straight from the stored token ids of the few hundred sentences in the pool, with sentence-level
 * document frequencies counted once at start-up (one number per vocabulary word): no sentence postings
 * are kept, so the memory and the per-question cost stay those of the pool, not of the corpus.
 */
export interface SentenceScorer {
  /** Scores every sentence of `chunks`; returns them best first (global sentence indexes). */
  rank(terms: ReadonlyArray<{ term: string; weight: number }>, chunks: readonly number[]): Array<{ sentence: number; score: number }>;
  /** Sentence-level IDF (for turning a query's IDF-carrying weights into relative ones). */
  idf(term: string): number;
}

export function createSentenceScorer(deps: {
  index: LoadedIndex;
  termId: (term: string) => number | undefined;
  headingOf: (sentence: number) => number;
  headingWeight: number;
  params: Bm25Params;
}): SentenceScorer {
  const { index, termId, headingOf, headingWeight } = deps;
  const { k1: K1, b: B } = deps.params;
  const { ids, offsets } = index.terms;
  const n = index.sentences.length;
  // Sentence-level document frequency: one pass over the stored ids, `last` says whether an id was already counted in this sentence.
  const df = new Uint32Array(index.vocab.length);
  const last = new Int32Array(index.vocab.length).fill(-1);
  for (let s = 0; s < n; s++) {
    for (let i = offsets[s]; i < offsets[s + 1]; i++) {
      const id = ids[i];
      if (last[id] !== s) {
        last[id] = s;
        df[id]++;
      }
    }
  }
  const avgLength = n ? ids.length / n : 1;
  const idfOfId = (id: number) => Math.log(1 + (n - df[id] + 0.5) / (df[id] + 0.5));

  function score(sentence: number, weights: ReadonlyMap<number, number>): number {
    const from = offsets[sentence];
    const to = offsets[sentence + 1];
    const norm = K1 * (1 - B + (B * (to - from)) / avgLength);
    let total = 0;
    // Term frequencies within one short sentence: counted by rescanning from each first occurrence.
    for (let i = from; i < to; i++) {
      const id = ids[i];
      const w = weights.get(id);
      if (w === undefined) continue;
      let seenBefore = false;
      for (let j = from; j < i && !seenBefore; j++) seenBefore = ids[j] === id;
      if (seenBefore) continue;
      let tf = 1;
      for (let j = i + 1; j < to; j++) if (ids[j] === id) tf++;
      total += w * ((tf * (K1 + 1)) / (tf + norm));
    }
    return total;
  }

  return {
    idf(term) {
      const id = termId(term);
      return id === undefined ? Math.log(1 + (n + 0.5) / 0.5) : idfOfId(id);
    },
    rank(terms, chunks) {
      const weights = new Map<number, number>();
      for (const { term, weight } of terms) {
        const id = termId(term);
        if (id !== undefined) weights.set(id, Math.max(weights.get(id) ?? 0, weight * idfOfId(id)));
      }
      const headings = new Map<number, number>();
      const out: Array<{ sentence: number; score: number }> = [];
      for (const chunk of chunks) {
        const [, , , first, count] = index.chunks[chunk];
        for (let s = first; s < first + count; s++) {
          let value = score(s, weights);
          const h = headingWeight > 0 ? headingOf(s) : -1;
          if (h >= 0) {
            let hs = headings.get(h);
            if (hs === undefined) headings.set(h, (hs = score(h, weights)));
            value += headingWeight * hs;
          }
          if (value > 0) out.push({ sentence: s, score: value });
        }
      }
      return out.sort((a, b) => b.score - a.score || a.sentence - b.sentence);
    },
  };
}
