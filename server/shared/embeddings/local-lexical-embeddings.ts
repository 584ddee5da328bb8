import { Embeddings } from '@langchain/core/embeddings';
import { isBigram, tokenize } from '../text/tokenizer.js';
import { addHashed, l2Normalize } from './feature-hashing.js';

/**
 * IDF fitted at ingest. Only terms seen in at least two chunks are stored (keeps the manifest small);
 * any other term gets the rare-term IDF, which is also right for words the corpus never saw.
 */
export interface IdfTable {
  chunks: number;
  df: Record<string, number>;
}

export const LOCAL_EMBEDDER_NAME = 'local-lexical-v1';
// Bigrams back up the dictionary words (names jieba does not know); words carry the main signal.
const BIGRAM_WEIGHT = 0.5;
const IDF_MEMO_LIMIT = 50_000;

export function fitIdf(tokenLists: Iterable<readonly string[]>): IdfTable {
  const df = new Map<string, number>();
  let chunks = 0;
  for (const tokens of tokenLists) {
    chunks++;
    for (const t of new Set(tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const kept: Record<string, number> = {};
  for (const [t, n] of df) if (n >= 2) kept[t] = n;
  return { chunks, df: kept };
}

/** The same values as Array.from(vector), without its iterator protocol (a measurable share of a question's retrieval). */
function toNumbers(vector: Float32Array): number[] {
  const out = new Array<number>(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i];
  return out;
}

/**
 * Deterministic, offline TF-IDF embeddings over the shared tokenizer's features, feature-hashed to a
 * fixed dimension and L2-normalised, so cosine distance in hnswlib is TF-IDF cosine similarity.
 */
export class LocalLexicalEmbeddings extends Embeddings {
  readonly name = LOCAL_EMBEDDER_NAME;

  constructor(
    readonly dimensions: number,
    readonly idf: IdfTable,
  ) {
    super({});
  }

  /**
   * Each term's IDF once computed: a look-up in `df` (a large object parsed from the manifest) first makes the
   * term a property key, which costs more per query term than a Map look-up. Bounded like the word memos.
   */
  private readonly idfMemo = new Map<string, number>();

  idfOf(term: string): number {
    let idf = this.idfMemo.get(term);
    if (idf === undefined) {
      idf = Math.log(1 + this.idf.chunks / (this.idf.df[term] ?? 1));
      if (this.idfMemo.size >= IDF_MEMO_LIMIT) this.idfMemo.clear();
      this.idfMemo.set(term, idf);
    }
    return idf;
  }

  /** The vector being built, cleared for each text: embedTokens copies it out, so one buffer serves every call. */
  private scratch?: Float32Array;

  embedTokens(tokens: readonly string[]): number[] {
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    const vector = (this.scratch ??= new Float32Array(this.dimensions)).fill(0);
    for (const [term, count] of tf) {
      const weight = (1 + Math.log(count)) * this.idfOf(term) * (isBigram(term) ? BIGRAM_WEIGHT : 1);
      addHashed(vector, term, weight);
    }
    return toNumbers(l2Normalize(vector));
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedTokens(tokenize(t)));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embedTokens(tokenize(text));
  }
}
