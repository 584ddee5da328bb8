/**
 * BM25's inverse document frequency (the Lucene form, never negative) of a word in `df` of `n` chunks; df 0
 * is a word the corpus lacks. Written once: the chunk index, the sentence scorer and query analysis (the
 * weight of a group of translations, summed document frequencies) must weigh words on the same scale.
 */
export function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
