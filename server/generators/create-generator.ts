import type { Config } from '../config.js';
import type { Generator } from '../core/types.js';
import { createExtractiveGenerator } from './extractive/extractive-generator.js';
import { createOpenAiGeneratorWithFallback } from './create-openai-generator.js';

/** Picks the generator named by GENERATOR. */
export function createGenerator(config: Config): Generator {
  switch (config.generator) {
    case 'extractive':
      return createExtractiveGenerator();
    case 'openai':
      // An LLM through any OpenAI-compatible API, falling back to the extractive answer (degraded) on upstream failure.
      return createOpenAiGeneratorWithFallback(config);
  }
}
