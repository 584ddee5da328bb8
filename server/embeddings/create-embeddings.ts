import type { Embeddings } from '@langchain/core/embeddings';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { EmbedderInfo } from '../index-store/index-format.js';
import { fitIdf, LOCAL_EMBEDDER_NAME, LocalLexicalEmbeddings, type IdfTable } from './local-lexical-embeddings.js';

/**
 * The Embedder seam: a LangChain `Embeddings` plus what the index must remember about it.
 * Local and OpenAI-compatible embedders are interchangeable behind it.
 */
export interface Embedder {
  readonly info: EmbedderInfo;
  readonly embeddings: Embeddings;
  /** Embeds chunk texts; `tokens` (from the shared tokenizer) spare the local embedder a second tokenization. */
  embedChunks(texts: string[], tokens: readonly string[][]): Promise<number[][]>;
}

export function localEmbedder(dimensions: number, idf: IdfTable): Embedder {
  const embeddings = new LocalLexicalEmbeddings(dimensions, idf);
  return {
    info: { name: LOCAL_EMBEDDER_NAME, dimensions, params: { idf } },
    embeddings,
    embedChunks: async (_texts, tokens) => tokens.map((t) => embeddings.embedTokens(t)),
  };
}

/** Name the configured embedder will write into (and expect from) the manifest. */
export function configuredEmbedderName(config: Config): string {
  return config.embeddings.provider === 'local' ? LOCAL_EMBEDDER_NAME : `openai:${config.embeddings.openAiModel}`;
}

/** LangChain's OpenAI classes (~25 MB, the slowest import we have) are loaded only when EMBEDDINGS=openai. */
const openAiEmbedder = async () => (await import('./openai-embeddings.js')).createOpenAiEmbedder;

/**
 * For ingest. Local: fits IDF on the corpus tokens (or keeps `keepIdf` from the previous index so
 * unchanged documents need not be re-embedded).
 */
export async function createIngestEmbedder(config: Config, corpusTokens: Iterable<readonly string[]>, keepIdf?: IdfTable): Promise<Embedder> {
  if (config.embeddings.provider === 'local') {
    return localEmbedder(config.embeddings.dimensions, keepIdf ?? fitIdf(corpusTokens));
  }
  return (await openAiEmbedder())(config);
}

/** For the server: rebuild the embedder the index was built with, refusing a different one. */
export async function createQueryEmbedder(config: Config, built: EmbedderInfo): Promise<Embedder> {
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
