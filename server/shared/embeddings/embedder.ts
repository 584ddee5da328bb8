import type { Embeddings } from '@langchain/core/embeddings';
import type { EmbedderInfo } from '../index-format/index-format.js';

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

/** The manifest name of an OpenAI-compatible embedding model (here, not beside the client, so naming it loads no LangChain). */
export const openAiEmbedderName = (model: string) => `openai:${model}`;
