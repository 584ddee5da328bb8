import { ChatOpenAI } from '@langchain/openai';
import { PLACEHOLDER_API_KEY, type OpenAiConnection } from './connection.js';
import { upstreamFailedAttemptHandler } from './retry-policy.js';

/** The ChatOpenAI instance for GENERATOR=openai, configured from config.openai only (never from the environment). */
export function createOpenAiChatModel(openai: OpenAiConnection & { model: string }): ChatOpenAI {
  return new ChatOpenAI({
    model: openai.model,
    apiKey: openai.apiKey ?? PLACEHOLDER_API_KEY,
    configuration: openai.baseURL ? { baseURL: openai.baseURL } : {},
    // Per attempt, until the response headers arrive; openai-generator adds an idle watchdog for streams.
    timeout: openai.timeoutMs,
    maxRetries: openai.maxRetries,
    onFailedAttempt: upstreamFailedAttemptHandler,
    temperature: 0,
    // Chat Completions, not the Responses API: it is the dialect Ollama, vLLM and llama.cpp speak.
    useResponsesApi: false,
    // Some compatible servers reject stream_options; usage is not needed here.
    streamUsage: false,
  });
}
