import { StringOutputParser } from '@langchain/core/output_parsers';
import type { ChatOpenAI } from '@langchain/openai';
import type { AnswerOptions, CondenseOptions, GeneratedAnswer, GenerateInput, HistoryTurn } from '../../core/types.js';
import type { Generator } from '../../core/generator.js';
import { createIdleWatchdog } from '../../shared/upstream/openai/idle-watchdog.js';
import { toUpstreamAppError } from '../../shared/upstream/openai/upstream-error.js';
import { answerPrompt, formatPassages, formatQuestionBlock } from './answer-prompt.js';
import { createMarkerFilter } from './citation-markers.js';
import { cleanCondensed, condensePrompt, formatConversation, languageRule } from './condense-prompt.js';
import { createSentinelGate, notInArticleMessage, saysNotInArticle } from '../extractive/not-in-article.js';
import { createReasoningFilter } from './reasoning-filter.js';

export interface OpenAiGeneratorDeps {
  /** Injected so tests can point it at a fake server; built by createOpenAiChatModel in production. */
  model: ChatOpenAI;
  /** No token for this long → the call fails with `timeout` (config.openai.timeoutMs). */
  timeoutMs: number;
}

/**
 * GENERATOR=openai: an LLM writes the answer from the retrieved sentences.
 *
 * The model is trusted for wording only. After it has spoken, code decides what survives:
 * markers that name no offered passage are removed (also mid-stream), a reply with no valid
 * citation left is not an answer, and the not-in-article sentinel becomes a fixed sentence.
 * That is what keeps instructions planted in the corpus or the question from changing the rules.
 */
export function createOpenAiGenerator({ model, timeoutMs }: OpenAiGeneratorDeps): Generator {
  const answerChain = answerPrompt.pipe(model).pipe(new StringOutputParser());
  const condenseChain = condensePrompt.pipe(model).pipe(new StringOutputParser());

  /** Runs a chain under the idle watchdog and maps failures to AppErrors. */
  async function guarded<T>(
    what: string,
    options: AnswerOptions | undefined,
    run: (signal: AbortSignal, touch: () => void) => Promise<T>,
  ): Promise<T> {
    const watchdog = createIdleWatchdog(timeoutMs, options?.signal);
    try {
      return await run(watchdog.signal, watchdog.touch);
    } catch (error) {
      throw toUpstreamAppError(error, {
        callerSignal: options?.signal,
        watchdogFired: watchdog.fired,
        timeoutMs,
        what,
      });
    } finally {
      watchdog.dispose();
    }
  }

  return {
    name: `openai:${model.model}`,

    async condenseQuestion(question: string, history: HistoryTurn[], options?: CondenseOptions): Promise<string> {
      if (history.length === 0 && !options?.language) return question;
      const output = await guarded('language model', options, (signal) =>
        condenseChain.invoke({ conversation: formatConversation(history), question, language_rule: languageRule(options?.language) }, { signal }),
      );
      return cleanCondensed(output, question);
    },

    async generate(input: GenerateInput, options?: AnswerOptions): Promise<GeneratedAnswer> {
      const notFound = (): GeneratedAnswer => ({
        answer: notInArticleMessage(input.question),
        answered: false,
        citations: [],
      });
      // Nothing to cite means nothing to ask: the model could only guess.
      if (input.candidates.length === 0) {
        options?.onDelta?.(notInArticleMessage(input.question));
        return notFound();
      }

      // Pipeline per chunk: drop <think> blocks → validate markers → hold back the sentinel.
      const reasoning = createReasoningFilter();
      const markers = createMarkerFilter(input.candidates.map((c) => c.id));
      const gate = createSentinelGate();
      /** The model's reply without reasoning: what the sentinel check reads. */
      let raw = '';
      let shown = '';
      // Leading whitespace is dropped so the streamed text equals the final answer.
      const show = (text: string) => {
        const visible = shown ? text : text.trimStart();
        if (!visible) return;
        shown += visible;
        options?.onDelta?.(visible);
      };

      await guarded('language model', options, async (signal, touch) => {
        const stream = await answerChain.stream(
          {
            passages: formatPassages(input.candidates),
            // formatQuestionBlock shows the standalone form only when it differs (a rewritten follow-up or translation).
            question_block: formatQuestionBlock(input.question, input.query.text),
          },
          { signal },
        );
        const take = (text: string) => {
          raw += text;
          return markers.push(text);
        };
        for await (const chunk of stream) {
          touch();
          show(gate.push(take(reasoning.push(chunk))));
        }
        show(gate.push(take(reasoning.flush()) + markers.flush()) + gate.flush());
      });

      if (saysNotInArticle(raw) || markers.cited.length === 0) {
        // Only announce the refusal on the stream if nothing else was shown; otherwise the
        // final result (the `done` event) carries the correction.
        if (!shown.trim()) options?.onDelta?.(notInArticleMessage(input.question));
        return notFound();
      }
      return {
        answer: shown.trim(),
        answered: true,
        citations: markers.cited.map((n) => ({ n, candidateIds: [n] })),
      };
    },
  };
}
