/** How to reach an OpenAI-compatible API; the chat and embeddings clients add their model name. */
export interface OpenAiConnection {
  apiKey?: string;
  baseURL?: string;
  /** Per attempt, until the response headers arrive. */
  timeoutMs: number;
  maxRetries: number;
}

/**
 * Local OpenAI-compatible servers (Ollama, vLLM, llama.cpp) ignore the key, but the openai
 * client refuses to start without one; this placeholder is only sent to a configured base URL.
 */
export const PLACEHOLDER_API_KEY = 'not-needed';
