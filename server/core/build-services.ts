import type { Config } from '../config.js';
import { createQueryEmbedder } from '../embeddings/create-embeddings.js';
import { createGenerator } from '../generators/create-generator.js';
import { loadIndex } from '../index-store/load-index.js';
import type { LoadedIndex } from '../index-store/loaded-index.js';
import { buildBm25Index } from '../retrieval/bm25-index.js';
import { createHybridRetriever } from '../retrieval/hybrid-retriever.js';
import { createAnswerService } from './answer-service.js';
import { createTermStats } from './term-stats.js';
import type { Services } from './services.js';
import type { Generator } from './types.js';

export interface BuildServicesOptions {
  config: Config;
  /** An already loaded index (tests, reload); otherwise config.indexDir is loaded. */
  index?: LoadedIndex;
  /** Overrides the generator chosen by config (tests). */
  generator?: Generator;
}

/** Everything a request needs, built once: index, BM25 postings, embedder, retriever, generator. */
export async function buildServices({ config, index, generator }: BuildServicesOptions): Promise<Services> {
  const loaded = index ?? (await loadIndex(config.indexDir));
  const embedder = createQueryEmbedder(config, loaded.manifest.embedder);
  const bm25 = buildBm25Index(loaded);
  const retriever = createHybridRetriever({ index: loaded, bm25, embedder });
  const gen = generator ?? createGenerator(config);
  return {
    index: loaded,
    answerService: createAnswerService({ index: loaded, retriever, generator: gen, stats: createTermStats(loaded, bm25), topK: config.retrievalTopK }),
    embedderName: loaded.manifest.embedder.name,
    generatorName: gen.name,
  };
}
