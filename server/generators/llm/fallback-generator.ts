import type { Logger } from 'pino';
import type { AnswerOptions, CondenseOptions, GeneratedAnswer, GenerateInput, HistoryTurn } from '../../core/types.js';
import type { Generator } from '../../core/generator.js';
import { isAppError } from '../../shared/errors.js';

export interface FallbackGeneratorDeps {
  /** The LLM generator. */
  primary: Generator;
  /** The offline extractive generator: always available, answers from the same candidates. */
  fallback: Generator;
  logger?: Logger;
  /**
   * After a primary failure, skip the primary for this long. A dead upstream would otherwise
   * cost every request a full timeout - twice for follow-ups (condense + generate) - before the
   * fallback answers. 0 disables the pause.
   */
  cooldownMs?: number;
  now?: () => number;
}

export const DEFAULT_FALLBACK_COOLDOWN_MS = 15_000;

const isCancellation = (error: unknown, signal?: AbortSignal): boolean =>
  Boolean(signal?.aborted) ||
  (isAppError(error) && error.code === 'cancelled') ||
  (error as { name?: string } | null)?.name === 'AbortError';

/**
 * Upstream failure (error status, timeout, network) → the extractive answer marked
 * `degraded: true`, instead of an error. A cancelled request is not a failure: it is rethrown,
 * because nobody is waiting for a fallback answer.
 */
export function createFallbackGenerator({
  primary,
  fallback,
  logger,
  cooldownMs = DEFAULT_FALLBACK_COOLDOWN_MS,
  now = Date.now,
}: FallbackGeneratorDeps): Generator {
  let skipPrimaryUntil = 0;
  const primaryAvailable = () => now() >= skipPrimaryUntil;

  const recordFailure = (error: unknown, step: string) => {
    if (cooldownMs > 0) skipPrimaryUntil = now() + cooldownMs;
    logger?.warn(
      { err: error, step, generator: primary.name, fallback: fallback.name, cooldownMs },
      'primary generator failed; using the fallback',
    );
  };

  const generator: Generator = {
    name: primary.name,

    async generate(input: GenerateInput, options?: AnswerOptions): Promise<GeneratedAnswer> {
      let primaryShowedText = false;
      if (primaryAvailable()) {
        try {
          return await primary.generate(input, {
            ...options,
            onDelta: options?.onDelta
              ? (text) => {
                  primaryShowedText = true;
                  options.onDelta?.(text);
                }
              : undefined,
          });
        } catch (error) {
          if (isCancellation(error, options?.signal)) throw error;
          recordFailure(error, 'generate');
        }
      }
      // Part of an LLM answer may already be on screen; separate the fallback answer from it.
      if (primaryShowedText) options?.onDelta?.('\n\n');
      const answer = await fallback.generate(input, options);
      return { ...answer, degraded: true };
    },
  };

  if (primary.condenseQuestion) {
    const condense = primary.condenseQuestion.bind(primary);
    generator.condenseQuestion = async (question: string, history: HistoryTurn[], options?: CondenseOptions) => {
      if (primaryAvailable()) {
        try {
          return await condense(question, history, options);
        } catch (error) {
          if (isCancellation(error, options?.signal)) throw error;
          recordFailure(error, 'condense');
        }
      }
      // Without the model, retrieval falls back to the question as asked (plus whatever the
      // fallback generator does with history).
      return fallback.condenseQuestion ? fallback.condenseQuestion(question, history, options) : question;
    };
  }

  return generator;
}
