import type { Config } from './config.js';
import { loadGlossary } from './core/glossary.js';
import { normalizeForMatching } from './shared/text/tokenizer.js';
import { createQueryEmbedder } from './shared/embeddings/create-embedder.js';
import { createGenerator } from './generators/create-generator.js';
import { loadIndex } from './shared/index-format/load-index.js';
import type { LoadedIndex } from './shared/index-format/loaded-index.js';
import { buildBm25Index, defaultBm25Params, defaultSentenceSearchParams, type Bm25Params, type SentenceSearchParams } from './retrieval/bm25-index.js';
import { createSentenceScorer } from './retrieval/sentence-scorer.js';
import { headingSentenceOf, titleSentenceOf } from './core/section-headings.js';
import { createHybridRetriever, LEXICAL_VECTOR_WEIGHT } from './retrieval/hybrid-retriever.js';
import type { Retriever } from './retrieval/retriever.js';
import { LOCAL_EMBEDDER_NAME } from './shared/embeddings/local-lexical-embeddings.js';
import { createAnswerCache } from './core/answer-cache.js';
import { createAnswerService } from './core/answer-service.js';
import { createTermStats } from './generators/extractive/term-stats.js';
import type { TermStats } from './core/query-analysis.js';
import type { Services } from './core/services.js';
import type { Generator } from './core/generator.js';
import { selfTestIndex } from './core/index-self-test.js';

export interface BuildServicesOptions {
  config: Config;
  /** An already loaded index (tests, reload); otherwise config.indexDir is loaded. */
  index?: LoadedIndex;
  /** Overrides the generator chosen by config (tests). */
  generator?: Generator;
}

/**
 * Retrieval over a loaded index: BM25 postings over chunks, the sentence scorer, the query embedder, the
 * fused retriever and term statistics.
 */
export async function buildRetrieval(
  config: Config,
  index: LoadedIndex,
  bm25Params?: Bm25Params,
  sentenceParams: SentenceSearchParams = defaultSentenceSearchParams(),
): Promise<{ retriever: Retriever; stats: TermStats }> {
  const embedder = await createQueryEmbedder(config, index.manifest.embedder);
  const bm25 = buildBm25Index(index, bm25Params, { headingOf: (s) => headingSentenceOf(index, s), titleOf: (s) => titleSentenceOf(index, s) });
  const vectorWeight = index.manifest.embedder.name === LOCAL_EMBEDDER_NAME ? LEXICAL_VECTOR_WEIGHT : 1;
  const params = bm25Params ?? defaultBm25Params();
  const sentences =
    sentenceParams.weight > 0
      ? {
          scorer: createSentenceScorer({ index, termId: bm25.termId, headingOf: (s) => headingSentenceOf(index, s), titleOf: (s) => titleSentenceOf(index, s), headingWeight: sentenceParams.headingWeight, params }),
          weight: sentenceParams.weight,
        }
      : undefined;
  return { retriever: createHybridRetriever({ index, bm25, embedder, vectorWeight, sentences, rrfK: sentenceParams.rrfK, feedback: sentenceParams.feedback, codeNameWeight: sentenceParams.codeNameWeight }), stats: createTermStats(index, bm25) };
}

/** Everything a request needs, built once: index, BM25 postings, embedder, retriever, generator. */
export async function buildServices({ config, index, generator }: BuildServicesOptions): Promise<Services> {
  const loaded = index ?? (await loadIndex(config.indexDir));
  const { retriever, stats } = await buildRetrieval(config, loaded);
  const glossary = loadGlossary(config.corpusDir, (name) => stats.documentFrequency(normalizeForMatching(name)) > 0 || loaded.documents.some((d) => d.text.includes(name)));
  const gen = generator ?? (await createGenerator(config));
  const answerService = createAnswerService({
    index: loaded,
    retriever,
    generator: gen,
    stats,
    topK: config.retrievalTopK,
    glossary,
    // LLM answers vary and depend on the upstream's health: only deterministic answers are cached.
    cache: gen.deterministic ? createAnswerCache(config.answerCacheSize) : undefined,
  });
  // Not served (nor reported healthy) until a question has been answered from it.
  await selfTestIndex({
    index: loaded,
    retriever,
    stats,
    answerService,
    topK: config.retrievalTopK,
    localEmbeddings: loaded.manifest.embedder.name === LOCAL_EMBEDDER_NAME,
    deterministicGenerator: gen.deterministic === true,
  });
  return {
    index: loaded,
    answerService,
    embedderName: loaded.manifest.embedder.name,
    generatorName: gen.name,
  };
}
