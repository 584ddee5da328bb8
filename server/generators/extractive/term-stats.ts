import type { LoadedIndex } from '../../shared/index-format/loaded-index.js';
import type { Bm25Index } from '../../retrieval/bm25-index.js';
import { createLexicon } from './lexicon/lexicon.js';
import { isBigram } from '../../shared/text/tokenizer.js';
import type { TermStats } from '../../core/query-analysis.js';

/** Corpus statistics for question analysis: BM25's document frequencies, the corpus's character set, its lexicon. */
export function createTermStats(index: LoadedIndex, bm25: Bm25Index): TermStats {
  const chars = new Set<string>();
  for (const token of index.vocab) for (const c of token) chars.add(c);
  const lexicon = createLexicon(index.lexicon, index.vocab, index.vocab.filter((t) => !isBigram(t)));
  return {
    alternatives: (word) => lexicon.alternatives(word),
    translates: (word) => lexicon.translates(word),
    romanisedToChinese: (question) => lexicon.romanisedToChinese(question),
    homophones: (word) => lexicon.homophones(word),
    idf: (term) => bm25.idf(term),
    documentFrequency: (term) => bm25.documentFrequency(term),
    chunkCount: bm25.chunkCount,
    knowsChar: (c) => chars.has(c),
  };
}
