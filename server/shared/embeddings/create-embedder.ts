import type { IngestConfig } from '../config/ingest-config.js';
import { AppError } from '../errors.js';
import type { EmbedderInfo } from '../index-format/index-format.js';
import { fitIdf, LOCAL_EMBEDDER_NAME, LocalLexicalEmbeddings, type IdfTable } from './local-lexical-embeddings.js';
import { openAiEmbedderName, type Embedder } from './embedder.js';

// Factories for the Embedder seam (embedder.ts): the one config names, for ingest and for the server.

export function localEmbedder(dimensions: number, idf: IdfTable): Embedder {
  const embeddings = new LocalLexicalEmbeddings(dimensions, idf);
  return {
    info: { name: LOCAL_EMBEDDER_NAME, dimensions, params: { idf } },
    embeddings,
    embedChunks: async (_texts, tokens) => tokens.map((t) => embeddings.embedTokens(t)),
  };
}

/** Name the configured embedder will write into (and expect from) the manifest. */
export function configuredEmbedderName(config: IngestConfig): string {
  return config.embeddings.provider === 'local' ? LOCAL_EMBEDDER_NAME : openAiEmbedderName(config.embeddings.openAiModel);
}

/** LangChain's OpenAI classes (~25 MB, the slowest import we have) are loaded only when EMBEDDINGS=openai. */
const openAiEmbedder = async () => (await import('./openai-embedder.js')).createOpenAiEmbedder;

/**
 * For ingest. Local: fits IDF on the corpus tokens (or keeps `keepIdf` from the previous index so
 * unchanged documents need not be re-embedded).
 */
export async function createIngestEmbedder(config: IngestConfig, corpusTokens: Iterable<readonly string[]>, keepIdf?: IdfTable): Promise<Embedder> {
  if (config.embeddings.provider === 'local') {
    return localEmbedder(config.embeddings.dimensions, keepIdf ?? fitIdf(corpusTokens));
  }
  return (await openAiEmbedder())(config);
}

/** For the server: rebuild the embedder the index was built with, refusing a different one. */
export async function createQueryEmbedder(config: IngestConfig, built: EmbedderInfo): Promise<Embedder> {
  const wanted = configuredEmbedderName(config);
  if (built.name !== wanted) {
    throw new AppError(
      'embedder_mismatch',
      `The index was built with embedder "${built.name}" but the server is configured for "${wanted}". ` +
        'Set EMBEDDINGS/OPENAI_EMBEDDING_MODEL to match the index, or rebuild it with `npm run ingest`.',
      503,
    );
  }
  if (config.embeddings.provider === 'local') {
    const idf = built.params?.idf as IdfTable | undefined;
    if (!idf || typeof idf.chunks !== 'number' || typeof idf.df !== 'object') {
      throw new AppError('index_unavailable', 'The index manifest has no IDF table for the local embedder; rebuild it with `npm run ingest`.', 503);
    }
    return localEmbedder(built.dimensions, idf);
  }
  return (await openAiEmbedder())(config, { dimensions: built.dimensions });
}
