import type { Services } from '../../server/core/services.js';
import type { AnswerOptions, AnswerService, GeneratedAnswer, HistoryTurn } from '../../server/core/types.js';
import type { Generator } from '../../server/core/generator.js';
import { createGenerator } from '../../server/generators/create-generator.js';
import { buildTestServices } from '../helpers/build-test-services.js';
import { sleep } from '../helpers/fake-services.js';

/**
 * Real services for the chat-page tests: the real article plus one hostile document, ingested into a
 * temporary index and answered by the real retrieval and extractive generator.
 */

export const XSS_PAYLOAD = '<img src=x onerror=alert(1)>';
export const XSS_TITLE = '示例公司简介 <b>not bold</b>';
export const XSS_TEXT = `${XSS_TITLE}\n\n示例公司的吉祥物名叫 ${XSS_PAYLOAD},它在 2024 年首次亮相。这句话里的 <script>alert(2)</script> 也必须原样显示。\n`;

export interface RecordedCall {
  question: string;
  history: HistoryTurn[];
  outcome: Promise<'completed' | 'aborted' | 'failed'>;
}

export interface ChatServices {
  services: Services;
  calls: RecordedCall[];
  cleanup(): Promise<void>;
}


/**
 * The extractive generator hands over its answer in one delta; an LLM streams it token by token.
 * This wrapper re-emits the same answer in small timed pieces so the page's streaming and Stop can be
 * seen — the answer text and citations are untouched.
 */
function pacedGenerator(inner: Generator, pieceChars = 4, delayMs = 30): Generator {
  return {
    name: `${inner.name}+paced`,
    async generate(input, options: AnswerOptions = {}): Promise<GeneratedAnswer> {
      const generated = await inner.generate(input, { signal: options.signal });
      const chars = Array.from(generated.answer);
      for (let i = 0; i < chars.length; i += pieceChars) {
        await sleep(delayMs, options.signal);
        options.onDelta?.(chars.slice(i, i + pieceChars).join(''));
      }
      return generated;
    },
  };
}

/** Records what the page asked and whether each call ran to the end or was aborted. */
function recording(inner: AnswerService, calls: RecordedCall[]): AnswerService {
  return {
    answerQuestion(question, history = [], options = {}) {
      const pending = inner.answerQuestion(question, history, options);
      calls.push({
        question,
        history,
        outcome: pending.then(
          () => 'completed' as const,
          () => (options.signal?.aborted ? ('aborted' as const) : ('failed' as const)),
        ),
      });
      return pending;
    },
  };
}

export async function chatServices(): Promise<ChatServices> {
  const built = await buildTestServices({
    extraDocuments: { 'xss-sample.txt': XSS_TEXT },
    generator: async (config) => pacedGenerator(await createGenerator(config)),
  });
  const calls: RecordedCall[] = [];
  return {
    services: { ...built.services, answerService: recording(built.services.answerService, calls) },
    calls,
    cleanup: built.cleanup,
  };
}
