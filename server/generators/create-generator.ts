import type { Config } from '../config.js';
import type { Generator } from '../core/generator.js';
import { createExtractiveGenerator } from './extractive/extractive-generator.js';

/** Picks the generator named by GENERATOR; LangChain's OpenAI classes are loaded only for GENERATOR=openai. */
export async function createGenerator(config: Config): Promise<Generator> {
  switch (config.generator) {
    case 'extractive':
      return createExtractiveGenerator();
    case 'openai':
      // An LLM through any OpenAI-compatible API, falling back to the extractive answer (degraded) on upstream failure.
      return (await import('./llm/create-openai-generator.js')).createOpenAiGeneratorWithFallback(config);
  }
}
