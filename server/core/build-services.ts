import type { Config } from '../config.js';
import { loadGlossary } from '../generators/extractive/lexicon/glossary.js';
import { normalizeForMatching } from '../text/tokenizer.js';
import { createQueryEmbedder } from '../embeddings/create-embeddings.js';
import { createGenerator } from '../generators/create-generator.js';
import { loadIndex } from '../index-store/load-index.js';
import type { LoadedIndex } from '../index-store/loaded-index.js';
import { buildBm25Index, type Bm25Params } from '../retrieval/bm25-index.js';
import { createHybridRetriever, LEXICAL_VECTOR_WEIGHT, type Retriever } from '../retrieval/hybrid-retriever.js';
import { LOCAL_EMBEDDER_NAME } from '../embeddings/local-lexical-embeddings.js';
import { createAnswerCache } from './answer-cache.js';
import { createAnswerService } from './answer-service.js';
import { createTermStats } from '../generators/extractive/term-stats.js';
import type { TermStats } from '../generators/extractive/query-analysis.js';
import type { Services } from './services.js';
import type { Generator } from './types.js';

export interface BuildServicesOptions {
  config: Config;
  /** An already loaded index (tests, reload); otherwise config.indexDir is loaded. */
  index?: LoadedIndex;
  /** Overrides the generator chosen by config (tests). */
  generator?: Generator;
}

/** Retrieval over a loaded index: BM25 postings, the query embedder, the fused retriever and term statistics. */
export function buildRetrieval(config: Config, index: LoadedIndex, bm25Params?: Bm25Params): { retriever: Retriever; stats: TermStats } {
  const embedder = createQueryEmbedder(config, index.manifest.embedder);
  const bm25 = buildBm25Index(index, bm25Params);
  const vectorWeight = index.manifest.embedder.name === LOCAL_EMBEDDER_NAME ? LEXICAL_VECTOR_WEIGHT : 1;
  return { retriever: createHybridRetriever({ index, bm25, embedder, vectorWeight }), stats: createTermStats(index, bm25) };
}

/** Everything a request needs, built once: index, BM25 postings, embedder, retriever, generator. */
export async function buildServices({ config, index, generator }: BuildServicesOptions): Promise<Services> {
  const loaded = index ?? (await loadIndex(config.indexDir));
  const { retriever, stats } = buildRetrieval(config, loaded);
  const glossary = loadGlossary(config.corpusDir, (name) => stats.documentFrequency(normalizeForMatching(name)) > 0 || loaded.documents.some((d) => d.text.includes(name)));
  const gen = generator ?? createGenerator(config);
  return {
    index: loaded,
    answerService: createAnswerService({
      index: loaded,
      retriever,
      generator: gen,
      stats,
      topK: config.retrievalTopK,
      glossary,
      // LLM answers vary and depend on the upstream's health: only deterministic answers are cached.
      cache: gen.deterministic ? createAnswerCache(config.answerCacheSize) : undefined,
    }),
    embedderName: loaded.manifest.embedder.name,
    generatorName: gen.name,
  };
}
