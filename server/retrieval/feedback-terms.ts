import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import { termsOfSentences } from '../shared/index-format/term-table.js';
import type { Bm25Index } from './bm25-index.js';
import { keepIfBest } from './kept-best.js';

/**
 * Pseudo-relevance feedback for the keyword search (hybrid-retriever.ts): a question that names its topic
 * in other words than the answering passage often matches that passage's neighbours in the corpus, which
 * share its vocabulary. Weight fitted by `npm run fit:bm25` (bm25-params.json, sentences.feedback).
 */
const FEEDBACK_CHUNKS = 3;
const FEEDBACK_TERMS = 10;

/**
 * Per vocabulary (all indexed by its word ids): a reusable counter (all zero between calls) and the list of the
 * ids it counted, so counting the top chunks' words allocates nothing per question; which ids the question asks
 * (all zero between calls); and each word's IDF once looked up (NaN: not yet) in the BM25 index `idfFrom`, which fixes it.
 */
const scratch = new WeakMap<readonly string[], { counts: Uint32Array; seen: Uint32Array; asks: Uint8Array; idf: Float64Array; idfFrom: object }>();

function scratchFor(vocab: readonly string[], bm25: object) {
  let buffers = scratch.get(vocab);
  if (!buffers) {
    const n = vocab.length;
    scratch.set(vocab, (buffers = { counts: new Uint32Array(n), seen: new Uint32Array(n), asks: new Uint8Array(n), idf: new Float64Array(n).fill(NaN), idfFrom: bm25 }));
  } else if (buffers.idfFrom !== bm25) {
    buffers.idf.fill(NaN);
    buffers.idfFrom = bm25;
  }
  return buffers;
}

/**
 * The keyword search's expansion for one question (Bm25Index.search's `expand`): the feedbackTerms of its FEEDBACK_CHUNKS
 * best chunks. An object with a method rather than a closure made per question.
 */
export class FeedbackExpansion {
  readonly chunks = FEEDBACK_CHUNKS;
  constructor(
    private readonly index: Pick<LoadedIndex, 'chunks' | 'terms' | 'vocab'>,
    private readonly bm25: Pick<Bm25Index, 'idf'>,
    private readonly asked: Array<{ term: string; weight: number; id?: number }>,
    private readonly weight: number,
  ) {}

  terms(best: number[]): Array<{ term: string; weight: number; id: number }> {
    return feedbackTerms(this.index, this.bm25, best, this.asked, this.weight);
  }
}

/** A word scored `score` ranks before b: higher score, then the term first in code-unit order (a strict order). */
function aheadOf(score: number, term: string, b: { term: string; score: number }): boolean {
  return score > b.score || (score === b.score && term < b.term);
}

function ahead(a: { term: string; score: number }, b: { term: string; score: number }): boolean {
  return aheadOf(a.score, a.term, b);
}

/**
 * The words the first keyword results share beyond the question's (tf × idf over the top chunks), each
 * weighted `weight` relative to the question's average: the chunk that answers in other words often uses
 * the words of the chunks that match the question's. Each with its vocabulary id, so that the search adds its
 * postings without looking the word up again.
 */
export function feedbackTerms(
  index: Pick<LoadedIndex, 'chunks' | 'terms' | 'vocab'>,
  bm25: Pick<Bm25Index, 'idf'>,
  chunks: number[],
  /** The question's terms, each with its id in `index.vocab` (-1: none) when the caller looked it up. */
  asked: Array<{ term: string; weight: number; id?: number }>,
  weight: number,
): Array<{ term: string; weight: number; id: number }> {
  const { counts, seen, asks, idf } = scratchFor(index.vocab, bm25);
  let seenCount = 0;
  for (const chunk of chunks) {
    const [, , , first, count] = index.chunks[chunk];
    const ids = termsOfSentences(index.terms, first, count);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (counts[id] === 0) seen[seenCount++] = id;
      counts[id]++;
    }
  }
  // The question's words, gathered at the first word good enough to be kept: marked by id where the caller looked them
  // up (the vocabulary holds each word once, so a word is asked exactly when its id is), else kept by spelling.
  let gathered = false;
  let bySpelling: Set<string> | undefined;
  // The best FEEDBACK_TERMS by (score desc, term asc), kept sorted as they come: a strict order, so the
  // same list as sorting them all, without sorting the hundreds that cannot make it.
  const best: Array<{ term: string; score: number; id: number }> = [];
  try {
    for (let i = 0; i < seenCount; i++) {
      const id = seen[i];
      const n = counts[id];
      counts[id] = 0;
      // Said once, a word is the passage's own; said twice or more in the top passages, it is their shared topic.
      if (n < 2) continue;
      let termIdf = idf[id];
      if (Number.isNaN(termIdf)) termIdf = idf[id] = bm25.idf(index.vocab[id]);
      const score = n * termIdf;
      // Below the tenth best whatever its spelling: the word itself is not read (most are not, once ten are kept).
      if (best.length === FEEDBACK_TERMS && score < best[FEEDBACK_TERMS - 1].score) continue;
      const term = index.vocab[id];
      // A question word is never its own feedback (checked last: only for a word good enough to be kept). The entry is
      // made only for a word that gets in (most do not once ten are kept).
      if (best.length === FEEDBACK_TERMS && !aheadOf(score, term, best[FEEDBACK_TERMS - 1])) continue;
      if (!gathered) {
        gathered = true;
        for (const t of asked) {
          if (t.id === undefined) (bySpelling ??= new Set()).add(t.term);
          else if (t.id >= 0) asks[t.id] = 1;
        }
      }
      if (asks[id] === 1 || bySpelling?.has(term)) continue;
      keepIfBest(best, { term, score, id }, FEEDBACK_TERMS, ahead);
    }
  } finally {
    if (gathered) for (const t of asked) if (t.id !== undefined && t.id >= 0) asks[t.id] = 0;
  }
  const mean = asked.reduce((s, t) => s + t.weight, 0) / Math.max(1, asked.length);
  return best.map(({ term, id }) => ({ term, weight: weight * mean, id }));
}
