/**
 * The Retriever seam: the answer service only needs ranked chunks for a query. The query is described
 * here by what retrieval reads (core's AnalyzedQuery satisfies it), so retrieval depends on nothing above it.
 */
export interface RetrievalQuery {
  /** The standalone question text (embedded for the vector search). */
  text: string;
  /** Weighted terms from the shared tokenizer (searched with BM25). */
  terms: ReadonlyArray<{ term: string; weight: number; /** Synonyms or dictionary translations searched with the term's weight. */ alternatives?: readonly string[] }>;
  /**
   * The index tokens of the command-line options and sigil names the question asks ("-m" → -m, "%M" → m, "$LANG" →
   * lang): searched at the retriever's fitted code-name weight. A short option is among `terms` too (matched standing
   * alone: term-matcher.ts), and the retriever searches it once, as a code token; a sigil's letter is a term only where
   * the analysis keeps it as a word. Without them "touch 的 -m 参数" would be searched at a plain term's weight.
   */
  codeTokens?: readonly string[];
}

export interface RetrievedChunk {
  chunk: number;
  score: number;
}

export interface Retriever {
  retrieve(query: RetrievalQuery, k: number, signal?: AbortSignal): Promise<RetrievedChunk[]>;
}
