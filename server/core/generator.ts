import type { AnswerOptions, CondenseOptions, GeneratedAnswer, GenerateInput, HistoryTurn } from './types.js';

/**
 * The Generator seam: writes the answer from the candidate sentences the answer service offers.
 * It lives in core, beside the service that calls it; implementations (generators/) depend on core,
 * never the reverse.
 */
export interface Generator {
  readonly name: string;
  /** Same question, same index → same answer. Only such answers are cached (see answer-cache.ts). */
  readonly deterministic?: boolean;
  /**
   * Optional (LLM generators): turn a follow-up plus history into a standalone question for retrieval.
   * With `language`, the question is also written in that language (the corpus's), so an English
   * question can be matched against a Chinese article; the answer still follows the asker's language.
   */
  condenseQuestion?(question: string, history: HistoryTurn[], options?: CondenseOptions): Promise<string>;
  generate(input: GenerateInput, options?: AnswerOptions): Promise<GeneratedAnswer>;
}
