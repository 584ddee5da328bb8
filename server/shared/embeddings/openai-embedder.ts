import { Embeddings } from '@langchain/core/embeddings';
import type { IngestConfig } from '../config/ingest-config.js';
import { AppError } from '../errors.js';
import { createOpenAiEmbeddings } from '../upstream/openai/embeddings-model.js';
import { toUpstreamAppError } from '../upstream/openai/upstream-error.js';
import { openAiEmbedderName, type Embedder } from './embedder.js';

/** The manifest name of an OpenAI-compatible embedder; the server refuses an index built by another. */

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
  config: Pick<IngestConfig, 'openai'>,
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
