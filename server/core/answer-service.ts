import { AppError } from '../shared/errors.js';
import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { Retriever } from '../retrieval/retriever.js';
import { analyzeQuestion, resolveQuestion, type TermStats } from './query-analysis.js';
import { buildCandidates } from './candidates.js';
import { corpusLanguage, writtenIn } from './corpus-language.js';
import { translatedQuery } from './translated-query.js';
import { EMPTY_GLOSSARY, type Glossary } from './glossary.js';
import type { AnswerCache } from './answer-cache.js';
import { toCitations } from './citations.js';
import { answerStructureQuestion } from './structure-questions.js';
import type { AnalyzedQuery, AnswerOptions, AnswerService, AskResult, HistoryTurn } from './types.js';
import type { Generator } from './generator.js';

export interface AnswerServiceDeps {
  index: LoadedIndex;
  retriever: Retriever;
  generator: Generator;
  stats: TermStats;
  topK: number;
  /** Answers to repeat without recomputing (see answer-cache.ts); undefined = no cache. */
  cache?: AnswerCache;
  /** The corpus's names and aliases (see glossary.ts); none by default. */
  glossary?: Glossary;
}

/**
 * answerQuestion(question, history): the one service every adapter calls.
 * resolve follow-ups → retrieve chunks → offer their sentences to the generator → map its [n] to exact spans.
 */
export function createAnswerService(deps: AnswerServiceDeps): AnswerService {
  const { index, retriever, generator, stats, topK, cache } = deps;
  const glossary = deps.glossary ?? EMPTY_GLOSSARY;

  const language = corpusLanguage(index);

  /** A text with the glossary's canonical names; offline, a question in the other language is matched through the dictionary (lexicon/lexicon.ts). */
  function names(text: string): string {
    const canonical = glossary.canonicalise(text);
    return language === 'Chinese' ? (stats.romanisedToChinese?.(canonical) ?? canonical) : canonical;
  }

  /** Follow-ups and questions in another language than the corpus's go through the LLM's rewrite when there is one. */
  async function standaloneQuery(question: string, history: HistoryTurn[], signal?: AbortSignal): Promise<AnalyzedQuery> {
    const foreign = !writtenIn(question, language);
    if (generator.condenseQuestion && (history.length > 0 || foreign)) {
      const standalone = await generator.condenseQuestion(question, history, { signal, language: foreign ? language : undefined });
      return analyzeQuestion(glossary.canonicalise(standalone), stats);
    }
    const query = resolveQuestion(names(question), history.map((t) => ({ ...t, content: names(t.content) })), stats);
    return translatedQuery(question, query, stats, language);
  }

  async function answerFresh(question: string, history: HistoryTurn[], options: AnswerOptions): Promise<AskResult> {
    const { signal } = options;
    const query = await standaloneQuery(question, history, signal);
    const candidates = buildCandidates(index, await retriever.retrieve(query, topK, signal));
    throwIfAborted(signal);
    const topDoc = candidates[0] ? index.documents.findIndex((d) => d.docId === candidates[0].docId) : index.documents.length === 1 ? 0 : -1;
    const structural = topDoc >= 0 ? answerStructureQuestion(question, index, topDoc) : undefined;
    if (structural) {
      options.onDelta?.(structural.generated.answer);
      return toCitations(index, structural.generated, structural.candidates);
    }
    const generated = await generator.generate({ question, history, query, candidates }, options);
    throwIfAborted(signal);
    return toCitations(index, generated, candidates);
  }

  return {
    async answerQuestion(question, history = [], options = {}): Promise<AskResult> {
      throwIfAborted(options.signal);
      const cached = cache?.get(question, history);
      if (cached) {
        options.onDelta?.(cached.answer);
        return cached;
      }
      const result = await answerFresh(question, history, options);
      cache?.set(question, history, result);
      return result;
    },
  };
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AppError('cancelled', 'The request was cancelled.', 499);
}
