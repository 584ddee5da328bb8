import type { LoadedIndex } from '../index-store/loaded-index.js';

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
  search(terms: ReadonlyArray<{ term: string; weight: number }>, k: number): Array<{ chunk: number; score: number }>;
}

const K1 = 1.2;
const B = 0.75;

export function buildBm25Index(index: LoadedIndex): Bm25Index {
  const { chunks, terms, vocab } = index;
  const n = chunks.length;
  const vocabIds = new Map(vocab.map((t, i) => [t, i]));
  const lengths = new Float32Array(n);
  const df = new Uint32Array(vocab.length);

  // Pass 1: per chunk, sorted ids → run lengths; count postings per term.
  const chunkRuns: Array<[Uint32Array, Uint16Array]> = new Array(n);
  for (let c = 0; c < n; c++) {
    const first = chunks[c][3];
    const count = chunks[c][4];
    const ids = terms.ids.slice(terms.offsets[first], terms.offsets[first + count]).sort();
    lengths[c] = ids.length;
    const uniq: number[] = [];
    const tfs: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      if (i > 0 && ids[i] === ids[i - 1]) tfs[tfs.length - 1]++;
      else {
        uniq.push(ids[i]);
        tfs.push(1);
      }
    }
    for (const id of uniq) df[id]++;
    chunkRuns[c] = [Uint32Array.from(uniq), Uint16Array.from(tfs, (v) => Math.min(v, 65535))];
  }

  // Pass 2: fill postings (CSR layout).
  const start = new Uint32Array(vocab.length + 1);
  for (let t = 0; t < vocab.length; t++) start[t + 1] = start[t] + df[t];
  const postChunk = new Uint32Array(start[vocab.length]);
  const postTf = new Uint16Array(start[vocab.length]);
  const fill = start.slice(0, vocab.length);
  for (let c = 0; c < n; c++) {
    const [uniq, tfs] = chunkRuns[c];
    for (let i = 0; i < uniq.length; i++) {
      const p = fill[uniq[i]]++;
      postChunk[p] = c;
      postTf[p] = tfs[i];
    }
  }
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const scores = new Float32Array(n);

  const idfOfId = (id: number) => Math.log(1 + (n - df[id] + 0.5) / (df[id] + 0.5));

  return {
    chunkCount: n,
    termId: (term) => vocabIds.get(term),
    documentFrequency: (term) => {
      const id = vocabIds.get(term);
      return id === undefined ? 0 : df[id];
    },
    idf: (term) => {
      const id = vocabIds.get(term);
      return id === undefined ? Math.log(1 + (n + 0.5) / 0.5) : idfOfId(id);
    },
    search(queryTerms, k) {
      const touched: number[] = [];
      for (const { term, weight } of queryTerms) {
        const id = vocabIds.get(term);
        if (id === undefined) continue;
        const idf = idfOfId(id) * weight;
        for (let p = start[id]; p < start[id + 1]; p++) {
          const c = postChunk[p];
          const tf = postTf[p];
          if (scores[c] === 0) touched.push(c);
          scores[c] += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * lengths[c]) / avgLength));
        }
      }
      const results = touched.map((c) => ({ chunk: c, score: scores[c] }));
      for (const c of touched) scores[c] = 0;
      results.sort((a, b) => b.score - a.score || a.chunk - b.chunk);
      return results.slice(0, k);
    },
  };
}
