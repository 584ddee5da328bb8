import type { Embedder } from '../shared/embeddings/embedder.js';
import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { Bm25Index } from './bm25-index.js';
import type { RetrievalQuery, Retriever } from './retriever.js';
import { FeedbackExpansion } from './feedback-terms.js';
import { reciprocalRankFusion } from './rrf.js';
import type { SentenceScorer } from './sentence-scorer.js';
import { createVectorSearch } from './exact-vector-search.js';
import { orderedUnion } from './ordered-union.js';

/**
 * Weight of the vector list in the fusion. The local embedder hashes the same lexical features BM25
 * ranks exactly, so at 100k chunks its list is mostly noise (planted-fact recall@5: BM25 alone 0.96,
 * vectors alone 0.39, equal fusion 0.80, vectors at 0.5: 0.96 — npm run bench). Semantic embeddings
 * (EMBEDDINGS=openai) add what BM25 cannot see, so they keep full weight.
 */
export const LEXICAL_VECTOR_WEIGHT = 0.5;

/** A query term or one of its alternatives (synonyms, dictionary translations, searched with the term's weight), with its vocabulary id (-1: none). */
interface ResolvedTerm {
  term: string;
  weight: number;
  id: number;
  /** A code name's token: `weight` is already relative (the retriever's code-name weight), not over an IDF. */
  relative?: true;
}

/** Every term and alternative of the query with its vocabulary id, looked up once for the keyword search, the sentence scorer and both IDFs. */
function resolvedTerms(query: RetrievalQuery, termId: (term: string) => number | undefined, codeNameWeight: number): ResolvedTerm[] {
  const out: ResolvedTerm[] = [];
  // A term that is also a code token (a short option, "-m") is searched once, as a code token.
  const code = codeNameWeight > 0 && query.codeTokens?.length ? new Set(query.codeTokens) : undefined;
  for (const t of query.terms) {
    if (!code?.has(t.term)) out.push({ term: t.term, weight: t.weight, id: termId(t.term) ?? -1 });
    for (const term of t.alternatives ?? []) out.push({ term, weight: t.weight, id: termId(term) ?? -1 });
  }
  if (codeNameWeight > 0) for (const term of query.codeTokens ?? []) out.push({ term, weight: codeNameWeight, id: termId(term) ?? -1, relative: true });
  return out;
}

/**
 * Each term's weight over its IDF (`idf` by term, `idfOfId` by id: the same value). A term outside the vocabulary (id -1)
 * is in no chunk or sentence, so its IDF is that of document frequency 0, the same for every such term: looked up once.
 */
function relativeWeights(terms: readonly ResolvedTerm[], idf: (term: string) => number, idfOfId: (id: number) => number): ResolvedTerm[] {
  let unknownIdf: number | undefined;
  return terms.map(({ term, weight, id, relative }) =>
    relative ? { term, weight, id } : { term, weight: weight / Math.max(1e-6, id >= 0 ? idfOfId(id) : (unknownIdf ??= idf(term))), id },
  );
}

/**
 * hnswlib vector search and BM25 keyword search over the same chunks, fused by reciprocal rank; with a
 * sentence scorer, a third list: the chunks of both lists in the order of their best sentence (weight
 * `sentences.weight`).
 */
export function createHybridRetriever(deps: {
  index: LoadedIndex;
  bm25: Bm25Index;
  embedder: Embedder;
  vectorWeight?: number;
  sentences?: { scorer: SentenceScorer; weight: number };
  rrfK?: number;
  /** Pseudo-relevance feedback: weight of the expansion words taken from the first keyword results (0: off). */
  feedback?: number;
  /** Weight of an option or sigil name's token relative to a word's (RetrievalQuery.codeTokens; 0: off). */
  codeNameWeight?: number;
}): Retriever {
  const { index, bm25, embedder, sentences } = deps;
  const weights = [1, deps.vectorWeight ?? 1, sentences?.weight ?? 0];
  // Built with the retriever (once per loaded index): a small index's vectors are searched in JavaScript.
  const vectorSearch = createVectorSearch(index);
  return {
    async retrieve(query, k) {
      const depth = Math.max(k * 4, 20);
      // Query term weights carry IDF (they measure evidence coverage); BM25 applies IDF itself, so only
      // the rest of the weight (topic, bigram, context factors) is passed on — otherwise rare names count twice.
      const resolved = resolvedTerms(query, bm25.termId, deps.codeNameWeight ?? 0);
      const asked = relativeWeights(resolved, bm25.idf, bm25.idfOfId);
      const feedback = deps.feedback ? new FeedbackExpansion(index, bm25, asked, deps.feedback) : undefined;
      const keyword = bm25.search(asked, depth, feedback).map((r) => r.chunk);
      const total = vectorSearch.count;
      let semantic: number[] = [];
      if (total > 0) {
        const vector = await embedder.embeddings.embedQuery(query.text);
        semantic = vectorSearch.nearest(vector, Math.min(depth, total));
      }
      const bySentence: number[] = sentences && sentences.weight > 0 ? sentences.scorer.rankChunks(relativeWeights(resolved, sentences.scorer.idf, sentences.scorer.idfOfId), orderedUnion(keyword, semantic)) : [];
      return reciprocalRankFusion([keyword, semantic, bySentence], deps.rrfK ?? 60, weights, k).map(({ id, score }) => ({ chunk: id, score }));
    },
  };
}
