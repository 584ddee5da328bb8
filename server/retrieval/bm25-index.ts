import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import { bm25Idf } from '../shared/bm25-idf.js';
import { chunkFields, type ChunkFieldSources, type ChunkFieldWeights } from './chunk-fields.js';

/**
 * BM25 over chunks, built at start-up from the per-sentence token ids ingest stored
 * (a chunk's tokens are its sentences' tokens). Postings are flat typed arrays: cheap to build and scan.
 */
export interface Bm25Index {
  chunkCount: number;
  termId(term: string): number | undefined;
  /** Number of chunks containing the term (0 if unknown). */
  documentFrequency(term: string): number;
  idf(term: string): number;
  /** The IDF of a vocabulary id (termId's): idf(term) without looking the term up again. */
  idfOfId(id: number): number;
  /**
   * `expand`, when given, is called once the query's terms are scored with its best `expand.chunks` chunks
   * (best first); the terms it returns are scored into the same totals before the top k are taken — the
   * same ranking as searching again with both lists, without scanning the query's postings twice.
   */
  search(terms: ReadonlyArray<SearchTerm>, k: number, expand?: { chunks: number; terms: (best: number[]) => ReadonlyArray<SearchTerm> }): Array<{ chunk: number; score: number }>;
}

/** A weighted term to search, with its vocabulary id when the caller already looked it up (-1: not in the vocabulary). */
export interface SearchTerm {
  term: string;
  weight: number;
  id?: number;
}

/** BM25's term-frequency saturation (k1) and length normalisation (b). */
export interface Bm25Params {
  k1: number;
  b: number;
  /** Weights of a chunk's heading and title fields (chunk-fields.ts); none when absent. */
  fields?: ChunkFieldWeights;
}

export const BM25_PARAMS_FILE = path.join(import.meta.dirname, 'bm25-params.json');

/**
 * The sentence scorer's part in retrieval (sentence-scorer.ts): the weight of its chunk list in the fusion
 * (0: off) and of the heading field.
 */
export interface SentenceSearchParams {
  weight: number;
  headingWeight: number;
  /** Reciprocal rank fusion's k (rrf.ts) over the keyword, vector and sentence lists; 60 (the paper's) when absent. */
  rrfK?: number;
  /** Pseudo-relevance feedback's weight (hybrid-retriever.ts); off when absent. */
  feedback?: number;
  /** The weight, relative to a word's, of an option or sigil name's token (RetrievalQuery.codeTokens); off when absent. */
  codeNameWeight?: number;
}

let fitted: (Bm25Params & { sentences?: SentenceSearchParams }) | undefined;
const readFitted = () => (fitted ??= JSON.parse(readFileSync(BM25_PARAMS_FILE, 'utf8')) as Bm25Params & { sentences?: SentenceSearchParams });

/** The committed parameters, fitted by `npm run fit:bm25` on the question bank (bm25-params.json), read once. */
export function defaultBm25Params(): Bm25Params {
  const { k1, b, fields } = readFitted();
  return { k1, b, ...(fields ? { fields } : {}) };
}

/** The committed sentence-scorer parameters (bm25-params.json, fitted by `npm run fit:bm25`); off when absent. */
export function defaultSentenceSearchParams(): SentenceSearchParams {
  return readFitted().sentences ?? { weight: 0, headingWeight: 0 };
}

/** `fieldSources` say where a chunk's heading and title are; the fields count only with them and weights in `params.fields`. */
export function buildBm25Index(index: LoadedIndex, params: Bm25Params = defaultBm25Params(), fieldSources?: ChunkFieldSources): Bm25Index {
  const { k1: K1, b: B } = params;
  const { chunks, terms, vocab } = index;
  const n = chunks.length;
  const vocabIds = new Map<string, number>();
  for (let i = 0; i < vocab.length; i++) vocabIds.set(vocab[i], i);
  const lengths = new Float32Array(n);
  const df = new Uint32Array(vocab.length);

  // Pass 1: per chunk, its distinct ids with their term frequencies ("runs", first-occurrence order)
  // in one flat CSR layout; count postings per term. No per-chunk allocation or sort: `lastChunk`
  // says whether an id was already seen in this chunk and `slot` where its run is.
  const { ids, offsets } = terms;
  const weights = params.fields;
  const fields = fieldSources && weights && (weights.heading > 0 || weights.title > 0) ? chunks.map((_, c) => chunkFields(index, c, fieldSources, weights)) : undefined;
  let fieldTokens = 0;
  for (const list of fields ?? []) for (const f of list) fieldTokens += offsets[f.sentence + 1] - offsets[f.sentence];
  const runStart = new Uint32Array(n + 1);
  const runIds = new Uint32Array(terms.ids.length + fieldTokens);
  // Term frequencies, a field's words counting their weight (fractional).
  const runTfs = new Float32Array(terms.ids.length + fieldTokens);
  const lastChunk = new Int32Array(vocab.length).fill(-1);
  const slot = new Uint32Array(vocab.length);
  // Postings per term: df plus the chunks that hold the term only in a field.
  const postings = fields ? new Uint32Array(vocab.length) : df;
  let runs = 0;
  const count = (c: number, id: number, tf: number, own: boolean) => {
    if (lastChunk[id] === c) {
      if (runTfs[slot[id]] < 65535) runTfs[slot[id]] += tf;
    } else {
      lastChunk[id] = c;
      slot[id] = runs;
      runIds[runs] = id;
      runTfs[runs] = tf;
      // Document frequency counts the chunk's own words only (chunk-fields.ts: the term statistics stay the same).
      if (own) df[id]++;
      if (postings !== df) postings[id]++;
      runs++;
    }
  };
  for (let c = 0; c < n; c++) {
    const first = chunks[c][3];
    const from = offsets[first];
    const to = offsets[first + chunks[c][4]];
    lengths[c] = to - from;
    for (let i = from; i < to; i++) count(c, ids[i], 1, true);
    if (fields) for (const f of fields[c]) for (let i = offsets[f.sentence]; i < offsets[f.sentence + 1]; i++) count(c, ids[i], f.weight, false);
    runStart[c + 1] = runs;
  }
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, n);

  // Pass 2: fill postings (CSR by term, chunks ascending) with each posting's BM25 term-frequency
  // part precomputed, so a search is one multiply-add per posting.
  const start = new Uint32Array(vocab.length + 1);
  for (let t = 0; t < vocab.length; t++) start[t + 1] = start[t] + postings[t];
  const postChunk = new Uint32Array(start[vocab.length]);
  const postWeight = new Float32Array(start[vocab.length]);
  const fill = start.slice(0, vocab.length);
  for (let c = 0; c < n; c++) {
    const norm = K1 * (1 - B + (B * lengths[c]) / avgLength);
    for (let r = runStart[c]; r < runStart[c + 1]; r++) {
      const p = fill[runIds[r]]++;
      const tf = runTfs[r];
      postChunk[p] = c;
      postWeight[p] = (tf * (K1 + 1)) / (tf + norm);
    }
  }
  const scores = new Float32Array(n);
  const seen = new Uint8Array(n);
  const touched = new Uint32Array(n);

  const idfOfId = (id: number) => bm25Idf(n, df[id]);
  /** a ranks before b: higher score, then lower chunk index. */
  const before = (sa: number, ca: number, sb: number, cb: number) => sa > sb || (sa === sb && ca < cb);
  /** Adds the terms' postings into `scores`, noting each chunk first touched after the `touchedCount` already noted; returns the new count. */
  function addPostings(terms: ReadonlyArray<SearchTerm>, touchedCount: number): number {
    for (const { term, weight, id: known } of terms) {
      const id = known === undefined ? vocabIds.get(term) : known;
      if (id === undefined || id < 0) continue;
      const idf = idfOfId(id) * weight;
      for (let p = start[id], end = start[id + 1]; p < end; p++) {
        const c = postChunk[p];
        if (seen[c] === 0) {
          seen[c] = 1;
          touched[touchedCount++] = c;
        }
        scores[c] += idf * postWeight[p];
      }
    }
    return touchedCount;
  }

  return {
    chunkCount: n,
    termId: (term) => vocabIds.get(term),
    documentFrequency: (term) => {
      const id = vocabIds.get(term);
      return id === undefined ? 0 : df[id];
    },
    idf: (term) => {
      const id = vocabIds.get(term);
      return id === undefined ? bm25Idf(n, 0) : idfOfId(id);
    },
    idfOfId,
    search(queryTerms, k, expand) {
      let touchedCount = addPostings(queryTerms, 0);
      if (expand && touchedCount > 0) {
        // The best few by (score desc, chunk asc), as the ranking below orders them.
        const best: number[] = [];
        for (let i = 0; i < touchedCount; i++) {
          const c = touched[i];
          let j = best.length;
          if (j === expand.chunks && !before(scores[c], c, scores[best[j - 1]], best[j - 1])) continue;
          if (j === expand.chunks) best.pop();
          j = best.length;
          while (j > 0 && before(scores[c], c, scores[best[j - 1]], best[j - 1])) j--;
          best.splice(j, 0, c);
        }
        touchedCount = addPostings(expand.terms(best), touchedCount);
      }
      if (k > 256) {
        // Large k: a full sort is cheaper than the insertion buffer below.
        const all: Array<{ chunk: number; score: number }> = new Array(touchedCount);
        for (let i = 0; i < touchedCount; i++) {
          const c = touched[i];
          all[i] = { chunk: c, score: scores[c] };
          scores[c] = 0;
          seen[c] = 0;
        }
        all.sort((a, b) => b.score - a.score || a.chunk - b.chunk);
        return all.slice(0, k);
      }
      // Top k by (score desc, chunk asc): a small sorted buffer instead of sorting every touched chunk.
      const limit = Math.min(k, touchedCount);
      const topChunk = new Uint32Array(limit);
      const topScore = new Float64Array(limit);
      let size = 0;
      for (let i = 0; i < touchedCount; i++) {
        const c = touched[i];
        const s = scores[c];
        scores[c] = 0;
        seen[c] = 0;
        if (limit === 0 || (size === limit && !before(s, c, topScore[size - 1], topChunk[size - 1]))) continue;
        let j = size < limit ? size++ : size - 1;
        while (j > 0 && before(s, c, topScore[j - 1], topChunk[j - 1])) {
          topScore[j] = topScore[j - 1];
          topChunk[j] = topChunk[j - 1];
          j--;
        }
        topScore[j] = s;
        topChunk[j] = c;
      }
      const results: Array<{ chunk: number; score: number }> = new Array(size);
      for (let i = 0; i < size; i++) results[i] = { chunk: topChunk[i], score: topScore[i] };
      return results;
    },
  };
}
