import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import { termsOfSentences } from '../shared/index-format/term-table.js';
import type { Bm25Index } from './bm25-index.js';

/**
 * Pseudo-relevance feedback for the keyword search (hybrid-retriever.ts): a question that names its topic
 * in other words than the answering passage often matches that passage's neighbours in the corpus, which
 * share its vocabulary. Weight fitted by `npm run fit:bm25` (bm25-params.json, sentences.feedback).
 */
export const FEEDBACK_CHUNKS = 3;
const FEEDBACK_TERMS = 10;

/**
 * The words the first keyword results share beyond the question's (tf × idf over the top chunks), each
 * weighted `weight` relative to the question's average: the chunk that answers in other words often uses
 * the words of the chunks that match the question's.
 */
/**
 * Per vocabulary, a reusable counter (all zero between calls) and the list of the ids it counted: counting the
 * top chunks' words allocates nothing per question.
 */
const scratch = new WeakMap<readonly string[], { counts: Uint32Array; seen: Uint32Array }>();
/** Per BM25 index, each vocabulary word's IDF once looked up (NaN: not yet): a word's IDF is fixed for an index. */
const idfs = new WeakMap<object, Float64Array>();

export function feedbackTerms(index: Pick<LoadedIndex, 'chunks' | 'terms' | 'vocab'>, bm25: Pick<Bm25Index, 'idf'>, chunks: number[], asked: Array<{ term: string; weight: number }>, weight: number) {
  let buffers = scratch.get(index.vocab);
  if (!buffers) scratch.set(index.vocab, (buffers = { counts: new Uint32Array(index.vocab.length), seen: new Uint32Array(index.vocab.length) }));
  const { counts, seen } = buffers;
  let seenCount = 0;
  let idf = idfs.get(bm25);
  if (!idf || idf.length !== index.vocab.length) idfs.set(bm25, (idf = new Float64Array(index.vocab.length).fill(NaN)));
  for (const chunk of chunks) {
    const [, , , first, count] = index.chunks[chunk];
    const ids = termsOfSentences(index.terms, first, count);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (counts[id] === 0) seen[seenCount++] = id;
      counts[id]++;
    }
  }
  const known = new Set(asked.map((t) => t.term));
  // The best FEEDBACK_TERMS by (score desc, term asc), kept sorted as they come: a strict order, so the
  // same list as sorting them all, without sorting the hundreds that cannot make it.
  const best: Array<{ term: string; score: number }> = [];
  const ahead = (a: { term: string; score: number }, b: { term: string; score: number }) => a.score > b.score || (a.score === b.score && a.term < b.term);
  for (let i = 0; i < seenCount; i++) {
    const id = seen[i];
    const n = counts[id];
    counts[id] = 0;
    // Said once, a word is the passage's own; said twice or more in the top passages, it is their shared topic.
    if (n < 2) continue;
    const term = index.vocab[id];
    let termIdf = idf[id];
    if (Number.isNaN(termIdf)) termIdf = idf[id] = bm25.idf(term);
    const entry = { term, score: n * termIdf };
    // A question word is never its own feedback (checked last: only for a word good enough to be kept).
    if ((best.length === FEEDBACK_TERMS && !ahead(entry, best[FEEDBACK_TERMS - 1])) || known.has(term)) continue;
    let j = best.length === FEEDBACK_TERMS ? FEEDBACK_TERMS - 1 : best.length;
    while (j > 0 && ahead(entry, best[j - 1])) {
      best[j] = best[j - 1];
      j--;
    }
    best[j] = entry;
  }
  const mean = asked.reduce((s, t) => s + t.weight, 0) / Math.max(1, asked.length);
  return best.map(({ term }) => ({ term, weight: weight * mean }));
}
