import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Generator } from '../../core/generator.js';
import { createOpenAiChatModel } from '../../shared/upstream/openai/chat-model.js';
import { createExtractiveGenerator } from '../extractive/extractive-generator.js';
import { createFallbackGenerator } from './fallback-generator.js';
import { createOpenAiGenerator } from './openai-generator.js';

/**
 * GENERATOR=openai as the server runs it: the LLM generator over ChatOpenAI (config.openai),
 * wrapped so an upstream failure answers extractively with `degraded: true` instead of failing.
 */
export function createOpenAiGeneratorWithFallback(
  config: Pick<Config, 'openai'>,
  deps: { logger?: Logger; fallback?: Generator; cooldownMs?: number } = {},
): Generator {
  return createFallbackGenerator({
    primary: createOpenAiGenerator({ model: createOpenAiChatModel(config.openai), timeoutMs: config.openai.timeoutMs }),
    fallback: deps.fallback ?? createExtractiveGenerator(),
    logger: deps.logger,
    cooldownMs: deps.cooldownMs,
  });
}
