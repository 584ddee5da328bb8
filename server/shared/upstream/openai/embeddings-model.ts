import { OpenAIEmbeddings } from '@langchain/openai';
import { PLACEHOLDER_API_KEY, type OpenAiConnection } from './connection.js';
import { upstreamFailedAttemptHandler } from './retry-policy.js';

/**
 * Texts per /v1/embeddings request. OpenAI accepts 2048, but local servers (Ollama, vLLM,
 * llama.cpp) embed a batch in one forward pass and time out or run out of memory far earlier.
 */
export const OPENAI_EMBEDDING_BATCH_SIZE = 64;

/** LangChain OpenAIEmbeddings for EMBEDDINGS=openai, configured from config.openai only. */
export function createOpenAiEmbeddings(
  openai: OpenAiConnection & { embeddingModel: string },
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
