import { refusalText } from './extractive-generator.js';

/**
 * The "not in the article" signal of the LLM path.
 *
 * The model is asked to reply with one fixed token instead of a free-form refusal, because a
 * refusal in whatever language and phrasing the model picks cannot be told apart reliably from
 * an answer. The token is then replaced by a fixed, localised sentence.
 */
export const NOT_IN_ARTICLE = 'NOT_IN_ARTICLE';

const normalise = (s: string) => s.toUpperCase().replace(/[\s-]+/g, '_');
const SENTINEL_ANYWHERE = /NOT[\s_-]+IN[\s_-]+(?:THE[\s_-]+)?ARTICLE/i;

/** True when the model used the sentinel anywhere (it then did not find the answer). */
export function saysNotInArticle(modelText: string): boolean {
  return SENTINEL_ANYWHERE.test(modelText);
}

/** The user-facing sentence, in the question's language: the same wording as the extractive refusal. */
export const notInArticleMessage = (question: string): string => refusalText(question);

export interface SentinelGate {
  /** Returns the text that may be shown; holds back a reply that may still turn into the sentinel. */
  push(text: string): string;
  /** End of stream: whatever was held back (empty when the reply was the sentinel). */
  flush(): string;
  readonly tripped: boolean;
}

/** Keeps the raw sentinel out of streamed output: the start of the reply is held until it cannot be the sentinel. */
export function createSentinelGate(): SentinelGate {
  let held = '';
  let state: 'undecided' | 'open' | 'tripped' = 'undecided';
  return {
    push(text) {
      if (state === 'open') return text;
      if (state === 'tripped') return '';
      held += text;
      const head = normalise(held.trimStart());
      if (head.startsWith(NOT_IN_ARTICLE)) {
        state = 'tripped';
        held = '';
        return '';
      }
      if (NOT_IN_ARTICLE.startsWith(head)) return '';
      state = 'open';
      const out = held;
      held = '';
      return out;
    },
    flush() {
      const out = state === 'tripped' ? '' : held;
      held = '';
      return out;
    },
    get tripped() {
      return state === 'tripped';
    },
  };
}
