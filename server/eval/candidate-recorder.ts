import type { Generator } from '../core/generator.js';
import type { Services } from '../core/services.js';
import type { AnalyzedQuery, CandidateSentence, HistoryTurn } from '../core/types.js';

export interface RecordedQuestion {
  query: AnalyzedQuery;
  candidates: CandidateSentence[];
  question: string;
}

/**
 * A generator that records what the answerer would rank and answers nothing: bank services built on it
 * (bankServices(corpus, undefined, recorder.generator)) give each question's analysed query and candidate
 * sentences, which the fitting scripts score themselves.
 */
export function createCandidateRecorder(name: string) {
  let seen: RecordedQuestion | undefined;
  const generator: Generator = {
    name,
    deterministic: true,
    async generate(input) {
      seen = { query: input.query, candidates: input.candidates, question: input.question };
      return { answer: '', answered: false, citations: [] };
    },
  };
  return {
    generator,
    /** The query and candidates of one question; undefined when it never reached the generator (a structure question). */
    async record(services: Services, question: string, history: HistoryTurn[]): Promise<RecordedQuestion | undefined> {
      seen = undefined;
      await services.answerService.answerQuestion(question, history);
      const recorded = seen as RecordedQuestion | undefined;
      seen = undefined;
      return recorded;
    },
  };
}
