import { Embeddings } from '@langchain/core/embeddings';
import { OpenAIEmbeddings } from '@langchain/openai';
import type { Config } from '../../config.js';
import { AppError } from '../errors.js';
import { PLACEHOLDER_API_KEY } from '../upstream/openai/chat-model.js';
import { upstreamFailedAttemptHandler } from '../upstream/openai/retry-policy.js';
import { toUpstreamAppError } from '../upstream/openai/upstream-error.js';
import type { Embedder } from './create-embedder.js';

/**
 * Texts per /v1/embeddings request. OpenAI accepts 2048, but local servers (Ollama, vLLM,
 * llama.cpp) embed a batch in one forward pass and time out or run out of memory far earlier.
 */
export const OPENAI_EMBEDDING_BATCH_SIZE = 64;

/** The manifest name of an OpenAI-compatible embedder; the server refuses an index built by another. */
export const openAiEmbedderName = (model: string) => `openai:${model}`;

/** LangChain OpenAIEmbeddings for EMBEDDINGS=openai, configured from config.openai only. */
export function createOpenAiEmbeddings(
  openai: Config['openai'],
  options: { batchSize?: number } = {},
): OpenAIEmbeddings {
  return new OpenAIEmbeddings({
    model: openai.embeddingModel,
    apiKey: openai.apiKey ?? PLACEHOLDER_API_KEY,
    configuration: openai.baseURL ? { baseURL: openai.baseURL } : {},
    batchSize: options.batchSize ?? OPENAI_EMBEDDING_BATCH_SIZE,
    timeout: openai.timeoutMs,
    maxRetries: openai.maxRetries,
    onFailedAttempt: upstreamFailedAttemptHandler,
    // The openai client asks for base64 by default; several compatible servers only return float arrays.
    encodingFormat: 'float',
  });
}

/**
 * Wraps the LangChain embeddings so that failures reach HTTP as AppErrors (502/504, not 500)
 * and a vector of the wrong length - the model behind the name was swapped - is reported as an
 * embedder mismatch instead of crashing the vector search.
 */
export class CheckedEmbeddings extends Embeddings {
  constructor(
    private readonly inner: Embeddings,
    private readonly timeoutMs: number,
    private readonly expectedDimensions?: number,
  ) {
    super({});
  }

  private check(vector: number[]): number[] {
    if (this.expectedDimensions && vector.length !== this.expectedDimensions) {
      throw new AppError(
        'embedder_mismatch',
        `The embedding model returned ${vector.length}-dimensional vectors but the index holds ${this.expectedDimensions}-dimensional ones. Rebuild the index with \`npm run ingest\`.`,
        503,
      );
    }
    return vector;
  }

  private async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toUpstreamAppError(error, { watchdogFired: false, timeoutMs: this.timeoutMs, what: 'embedding service' });
    }
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.check(await this.guard(() => this.inner.embedQuery(text)));
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.guard(() => this.inner.embedDocuments(texts))).map((v) => this.check(v));
  }
}

/**
 * The Embedder for EMBEDDINGS=openai. `dimensions` is known for a query embedder (from the
 * manifest); for ingest it is 0 until the first vectors come back (ingest reads their length).
 */
export function createOpenAiEmbedder(
  config: Pick<Config, 'openai'>,
  options: { dimensions?: number; batchSize?: number; embeddings?: Embeddings } = {},
): Embedder {
  const inner = options.embeddings ?? createOpenAiEmbeddings(config.openai, { batchSize: options.batchSize });
  const embeddings = new CheckedEmbeddings(inner, config.openai.timeoutMs, options.dimensions);
  return {
    info: { name: openAiEmbedderName(config.openai.embeddingModel), dimensions: options.dimensions ?? 0 },
    embeddings,
    embedChunks: (texts) => embeddings.embedDocuments(texts),
  };
}
