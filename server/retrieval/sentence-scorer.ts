import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { Bm25Params } from './bm25-index.js';
import { bm25Idf } from '../shared/bm25-idf.js';

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
  rank(terms: ReadonlyArray<ScoredTerm>, chunks: readonly number[]): Array<{ sentence: number; score: number }>;
  /**
   * The chunks in the order of their best sentence: the distinct chunks of rank()'s list, in its order (a chunk's
   * first sentence there is its best, the lowest-numbered of equal ones). Chunks without a scoring sentence are left out.
   * Sorts the chunks rather than every sentence of them.
   */
  rankChunks(terms: ReadonlyArray<ScoredTerm>, chunks: readonly number[]): number[];
  /** Sentence-level IDF (for turning a query's IDF-carrying weights into relative ones). */
  idf(term: string): number;
  /** The same by vocabulary id (termId's), without looking the term up again. */
  idfOfId(id: number): number;
}

/** A weighted term, with its vocabulary id when the caller already looked it up (-1: not in the vocabulary). */
export interface ScoredTerm {
  term: string;
  weight: number;
  id?: number;
}

export function createSentenceScorer(deps: {
  index: LoadedIndex;
  termId: (term: string) => number | undefined;
  headingOf: (sentence: number) => number;
  /** The document title a sentence's document opens with (-1: none): weighed as a heading is. */
  titleOf?: (sentence: number) => number;
  headingWeight: number;
  params: Bm25Params;
}): SentenceScorer {
  const { index, termId, headingOf, headingWeight } = deps;
  const titleOf = deps.titleOf ?? (() => -1);
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
  // Which chunk each sentence is in and each chunk's sentences, as flat arrays read per question (the index's
  // tuples are one object each to reach).
  const chunkOf = new Int32Array(n);
  for (let s = 0; s < n; s++) chunkOf[s] = index.sentences[s][3];
  const firstOf = new Int32Array(index.chunks.length);
  const countOf = new Int32Array(index.chunks.length);
  for (let c = 0; c < index.chunks.length; c++) {
    firstOf[c] = index.chunks[c][3];
    countOf[c] = index.chunks[c][4];
  }
  const idfOfId = (id: number) => bm25Idf(n, df[id]);

  // Per-question scratch, indexed by token id: the query weight of each id (0: not asked) and a term-frequency counter.
  const weightOf = new Float64Array(index.vocab.length);
  const tf = new Uint16Array(index.vocab.length);
  // A heading's (or title's) score by sentence number, valid where `fieldStamp` holds the current question's serial: a
  // section's sentences share it, so it is worked out once per question (a Map per question before).
  const fieldValue = new Float64Array(n);
  const fieldStamp = new Int32Array(n);
  // Each chunk's best sentence and its score, valid where `bestStamp` holds the current serial (rankChunks).
  const bestSentence = new Int32Array(index.chunks.length);
  const bestScore = new Float64Array(index.chunks.length);
  const bestStamp = new Int32Array(index.chunks.length);
  let serial = 0;
  // Per sentence scored, the asked ids it holds in the order they first occur (at most its length).
  let longest = 0;
  for (let s = 0; s < n; s++) longest = Math.max(longest, offsets[s + 1] - offsets[s]);
  const found = new Int32Array(longest);

  /**
   * The sentence's BM25: one pass counts the asked ids and notes each at its first occurrence; their terms are then
   * added in that order — the order a second pass over every token would add them in, so the same sum — and a
   * sentence without an asked id (most of a pool) is 0 with no second pass.
   */
  function score(sentence: number): number {
    const from = offsets[sentence];
    const to = offsets[sentence + 1];
    let count = 0;
    for (let i = from; i < to; i++) {
      const id = ids[i];
      if (weightOf[id] > 0 && tf[id]++ === 0) found[count++] = id;
    }
    if (count === 0) return 0;
    const norm = K1 * (1 - B + (B * (to - from)) / avgLength);
    let total = 0;
    for (let j = 0; j < count; j++) {
      const id = found[j];
      const f = tf[id];
      total += weightOf[id] * ((f * (K1 + 1)) / (f + norm));
      tf[id] = 0;
    }
    return total;
  }

  /** A new stamp for the per-question arrays above (wrapping clears them: a stamp is never reused while one is valid). */
  function nextSerial(): number {
    if (serial === 0x7fffffff) {
      fieldStamp.fill(0);
      bestStamp.fill(0);
      serial = 0;
    }
    return ++serial;
  }

  /** A heading's (or title's) score, once per question (`question`: its serial): a section's sentences share it. */
  function fieldScore(field: number, question: number): number {
    if (fieldStamp[field] !== question) {
      fieldStamp[field] = question;
      fieldValue[field] = score(field);
    }
    return fieldValue[field];
  }

  /** Calls `each(sentence, score)` for every sentence of `chunks` that scores above 0, in the chunks' order. */
  function scoreAll(terms: ReadonlyArray<ScoredTerm>, chunks: readonly number[], each: (sentence: number, score: number) => void): void {
    const asked: number[] = [];
    for (const { term, weight, id: known } of terms) {
      const id = known === undefined ? termId(term) : known;
      if (id === undefined || id < 0) continue;
      if (weightOf[id] === 0) asked.push(id);
      weightOf[id] = Math.max(weightOf[id], weight * idfOfId(id));
    }
    const question = nextSerial();
    try {
      for (const chunk of chunks) {
        const first = firstOf[chunk];
        const end = first + countOf[chunk];
        for (let s = first; s < end; s++) {
          let value = score(s);
          const h = headingWeight > 0 ? headingOf(s) : -1;
          if (h >= 0) value += headingWeight * fieldScore(h, question);
          // The title is the outermost heading: in a corpus of several documents it says which one a sentence is in.
          // A sentence that says nothing asked, under a heading that says nothing asked, is no candidate for its title alone.
          if (value > 0) {
            const t = headingWeight > 0 ? titleOf(s) : -1;
            each(s, t >= 0 && t !== h ? value + headingWeight * fieldScore(t, question) : value);
          }
        }
      }
    } finally {
      for (const id of asked) weightOf[id] = 0;
    }
  }

  return {
    idf(term) {
      const id = termId(term);
      return id === undefined ? bm25Idf(n, 0) : idfOfId(id);
    },
    idfOfId,
    rank(terms, chunks) {
      const out: Array<{ sentence: number; score: number }> = [];
      scoreAll(terms, chunks, (sentence, score) => out.push({ sentence, score }));
      return out.sort((a, b) => b.score - a.score || a.sentence - b.sentence);
    },
    rankChunks(terms, chunks) {
      // Each chunk's best sentence as rank() orders them (higher score, then lower sentence number), in per-chunk arrays
      // stamped with this call's serial (a Map of an object per chunk before). The order below is a strict one (no two
      // chunks share a sentence), so sorting the chunks gives the same list whatever order they were found in.
      const call = nextSerial();
      const found: number[] = [];
      scoreAll(terms, chunks, (sentence, score) => {
        const chunk = chunkOf[sentence];
        if (bestStamp[chunk] !== call) {
          bestStamp[chunk] = call;
          bestSentence[chunk] = sentence;
          bestScore[chunk] = score;
          found.push(chunk);
        } else if (score > bestScore[chunk] || (score === bestScore[chunk] && sentence < bestSentence[chunk])) {
          bestSentence[chunk] = sentence;
          bestScore[chunk] = score;
        }
      });
      return found.sort((a, b) => bestScore[b] - bestScore[a] || bestSentence[a] - bestSentence[b]);
    },
  };
}
