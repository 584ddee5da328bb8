import { clauseWithValue, focusSentence } from './answer-focus.js';
import { valueForYear } from './range-values.js';
import { scoreEvidence, type Evidence } from './sentence-evidence.js';
import type { AnswerOptions, GeneratedAnswer, GenerateInput, Generator } from '../../core/types.js';

export interface ExtractiveOptions {
  /** Minimum weighted share of question words a sentence must support to be used as an answer. */
  minCoverage: number;
  /** Minimum share of what is asked (words other than topic and answer category) it must support. */
  minPredicateCoverage: number;
  /** At most this many sentences in one answer. */
  maxSentences: number;
}

const ENUMERATION_START = /一类是|一是|其一|第一类|一方面/;
const ENUMERATION_NEXT = /^[\s“"]*(另一|二是|其二|第二类|另一方面)/;

export const DEFAULT_EXTRACTIVE_OPTIONS: ExtractiveOptions = { minCoverage: 0.55, minPredicateCoverage: 0.5, maxSentences: 2 };

export function refusalText(question: string): string {
  return /[\u3400-\u9fff]/.test(question) ? '文章没有提到这一点。' : 'The article does not say.';
}

export function isAnswerable(e: Evidence, options: ExtractiveOptions): boolean {
  return e.coverage >= options.minCoverage && e.predicateCoverage >= options.minPredicateCoverage && e.typeOk;
}

/**
 * The offline answerer: quotes the sentence(s) that best support every key word of the question,
 * each followed by its [n]. If no sentence does, it refuses instead of guessing.
 */
export function createExtractiveGenerator(options: ExtractiveOptions = DEFAULT_EXTRACTIVE_OPTIONS): Generator {
  return {
    name: 'extractive',
    deterministic: true,
    async generate(input: GenerateInput, opts?: AnswerOptions): Promise<GeneratedAnswer> {
      const ranked = scoreEvidence(input.query, input.candidates)
        .filter((e) => isAnswerable(e, options))
        .sort((a, b) => b.score - a.score);
      if (ranked.length === 0) {
        const answer = refusalText(input.question);
        opts?.onDelta?.(answer);
        return { answer, answered: false, citations: [] };
      }
      const best = ranked[0];
      // A second sentence only when it is nearly as good and says something else (list questions).
      const chosen = [best, ...ranked.slice(1).filter((e) => e.score >= best.score - 0.05 && e.candidate.text !== best.candidate.text)].slice(
        0,
        options.maxSentences,
      );
      chosen.sort((a, b) => a.candidate.sentence - b.candidate.sentence);

      const bySentence = new Map(input.candidates.map((c) => [c.sentence, c]));
      // One year asked, a per-year list in the sentence: lead with that year's figure (if the list is about what was asked).
      const years = (input.query.required ?? []).filter((w) => /^\d{4}$/.test(w));
      const asked = input.query.terms.filter((t) => t.origin === 'question' && !t.role && t.term.length >= 2 && !/^\d+$/.test(t.term)).map((t) => t.term);
      const parts: string[] = [];
      const citations: GeneratedAnswer['citations'] = [];
      chosen.forEach((e, i) => {
        const n = i + 1;
        const ids = [e.candidate.id];
        // When the subject came from the sentence before, cite both so the quote is self-contained.
        const previous = e.usesPrevious ? bySentence.get(e.candidate.sentence - 1) : undefined;
        if (previous && !chosen.some((c) => c.candidate.id === previous.id)) ids.unshift(previous.id);
        // "一类是…;" "另一类是…": an enumeration continues in the next sentence; quote it too.
        const next = ENUMERATION_START.test(e.candidate.text) ? bySentence.get(e.candidate.sentence + 1) : undefined;
        const continuation = next && next.chunkRank === e.candidate.chunkRank && ENUMERATION_NEXT.test(next.text) ? next : undefined;
        if (continuation && !chosen.some((c) => c.candidate.id === continuation.id)) ids.push(continuation.id);
        citations.push({ n, candidateIds: ids });
        const focused = focusSentence(input.query, e.candidate.text);
        const value = years.length === 1 ? valueForYear(e.candidate.text, Number(years[0]), asked) : undefined;
        // "同年成立的…": show the sentence that says which year.
        const lead = e.dateFromPrevious && previous ? `${clauseWithValue(input.query, previous.text)} ` : '';
        const tail = continuation && ids.includes(continuation.id) ? ` ${continuation.text.trim()}` : '';
        parts.push(value ? `${years[0]} 年:${value}。${focused}[${n}]` : `${lead}${focused}${tail}[${n}]`);
      });
      const answer = parts.join(' ');
      opts?.onDelta?.(answer);
      return { answer, answered: true, citations };
    },
  };
}
