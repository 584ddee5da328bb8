import { analyzeText, normalizeForMatching, phrasingWords, BIGRAM_PREFIX } from '../text/tokenizer.js';
import { askedMeasure, detectAnswerType, TYPE_NOUNS } from './answer-type.js';
import { ELLIPSIS, FUNCTION_CHARS, PRONOUN, QUESTION_WORDS } from './question-words.js';
import type { AnalyzedQuery, HistoryTurn, WeightedTerm } from './types.js';

/** Corpus statistics the analysis needs (implemented by the BM25 index). */
export interface TermStats {
  idf(term: string): number;
  documentFrequency(term: string): number;
  chunkCount: number;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
// Bigrams help retrieval find names the dictionary splits; they stay weak so words decide the ranking.
const BIGRAM_WEIGHT = 0.3;
// One-character words (前, 大, 占) say little on their own.
const SINGLE_CHAR_WEIGHT = 0.4;
const CONTEXT_WEIGHT = 0.5;
// A word the corpus never uses weighs like the rarest word, which is right for a name or a noun
// (股票代码, 微架构: the question is about something the article lacks) but not for phrasing
// (担任, 以前, 一共), which the article simply says differently.
const UNKNOWN_PHRASING_WEIGHT = 0.25;

export function contentTerms(text: string, stats: TermStats, origin: WeightedTerm['origin'], scale = 1): WeightedTerm[] {
  const { words, bigrams } = analyzeText(text);
  const byTerm = new Map<string, WeightedTerm>();
  const add = (term: string, weight: number) => {
    const prev = byTerm.get(term);
    if (!prev || prev.weight < weight) byTerm.set(term, { term, weight, origin });
  };
  let phrasing: Set<string> | undefined;
  for (const raw of words) {
    // "几轮", "多少名": keep the measure word, drop the question numeral.
    const w = raw.length > 1 ? raw.replace(/^(几|多少)/, '') : raw;
    if (QUESTION_WORDS.has(w) || TYPE_NOUNS.has(w) || [...w].every((c) => FUNCTION_CHARS.has(c))) continue;
    const single = w.length === 1 && CJK.test(w);
    let weight = stats.idf(w) * (single ? SINGLE_CHAR_WEIGHT : 1) * scale;
    if (stats.documentFrequency(w) === 0 && CJK.test(w)) {
      phrasing ??= phrasingWords(text);
      if (phrasing.has(w)) weight *= UNKNOWN_PHRASING_WEIGHT;
    }
    add(w, weight);
  }
  for (const b of bigrams) {
    const chars = b.slice(BIGRAM_PREFIX.length);
    if ([...chars].every((c) => QUESTION_WORDS.has(c))) continue;
    add(b, stats.idf(b) * BIGRAM_WEIGHT * scale);
  }
  return [...byTerm.values()];
}

// The entity a question is about must be matched, not just any of its words: weigh it up.
const TOPIC_WEIGHT = 1.5;
// A topic found in more than this share of chunks (国产, GPU in a GPU article) is background, not a constraint.
const SPECIFIC_TOPIC_SHARE = 0.4;

export function analyzeQuestion(text: string, stats: TermStats, context: WeightedTerm[] = []): AnalyzedQuery {
  const topic = topicOf(text, stats);
  const own = contentTerms(text, stats, 'question').map((t) =>
    topic && !t.term.startsWith(BIGRAM_PREFIX) && topic.includes(t.term) ? { ...t, weight: t.weight * TOPIC_WEIGHT } : t,
  );
  const ownTerms = new Set(own.map((t) => t.term));
  const topicWords = topic ? own.filter((t) => !t.term.startsWith(BIGRAM_PREFIX) && topic.includes(t.term)).map((t) => t.term) : [];
  const chunks = Math.max(1, stats.chunkCount);
  const specific = topicWords.length > 0 && topicWords.some((w) => stats.documentFrequency(w) / chunks <= SPECIFIC_TOPIC_SHARE);
  return {
    text,
    terms: own.concat(context.filter((t) => !ownTerms.has(t.term))),
    answerType: detectAnswerType(text),
    measure: askedMeasure(text),
    ...(specific ? { required: topicWords } : {}),
  };
}

/**
 * The entity a question is about: Chinese puts the topic first ("摩尔线程三年累计亏损多少" → 摩尔线程).
 * Takes the leading phrase up to a particle, digit or punctuation, then shortens it until every
 * character pair occurs in the corpus, so "沐曦股份最后" becomes "沐曦股份".
 */
export function topicOf(question: string, stats: TermStats): string | undefined {
  const q = normalizeForMatching(question).replace(/^\s*(请问|那么|那)\s*/, '');
  const latin = /^\s*([a-z][a-z0-9-]*)/.exec(q);
  if (latin) return latin[1];
  let lead = /^[\u3400-\u9fff\uf900-\ufaff]+/.exec(q.replace(/\s+/g, ''))?.[0] ?? '';
  lead = lead.split(/[的是在有对从将被把]/)[0];
  for (let end = lead.length; end >= 2; end--) {
    const candidate = lead.slice(0, end);
    let known = true;
    for (let i = 0; i + 1 < candidate.length && known; i++) known = stats.documentFrequency(BIGRAM_PREFIX + candidate.slice(i, i + 2)) > 0;
    if (known && !QUESTION_WORDS.has(candidate)) return candidate;
  }
  return undefined;
}

function lastTurns(history: HistoryTurn[]): { user?: string; assistant?: string } {
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i].role === 'user') {
      const next = history[i + 1];
      return { user: history[i].content, assistant: next?.role === 'assistant' ? next.content : undefined };
    }
  }
  return {};
}

const stripMarkers = (text: string) => text.replace(/\[\d+\]/g, ' ');

/**
 * Resolves follow-ups against the history. Returns one or more readings of the question; the
 * caller keeps the one the corpus supports best. Readings:
 *  - ellipsis "那X呢?": X replaces the previous question's topic, or X is asked about that topic;
 *  - a pronoun (他, 其, 该公司): the previous topic fills in, with the previous turn as weak context;
 *  - a question with almost no content of its own: the previous question is context.
 */
export function resolveQuestion(question: string, history: HistoryTurn[], stats: TermStats): AnalyzedQuery[] {
  const standalone = analyzeQuestion(question, stats);
  const prev = lastTurns(history);
  if (!prev.user) return [standalone];

  const topic = topicOf(prev.user, stats);
  const ellipsis = ELLIPSIS.exec(question.normalize('NFKC').trim());
  if (ellipsis && !/多少|什么|谁|哪|几/.test(ellipsis[1])) {
    const x = ellipsis[1].trim();
    const readings: AnalyzedQuery[] = [];
    if (topic && normalizeForMatching(prev.user).includes(topic)) {
      const swapped = normalizeForMatching(prev.user).replace(topic, x);
      readings.push({ ...analyzeQuestion(swapped, stats), answerType: detectAnswerType(prev.user) });
    }
    if (topic) {
      readings.push(analyzeQuestion(`${topic} ${x}`, stats));
    }
    return readings.length ? readings : [standalone];
  }

  const previousContext = () =>
    contentTerms(`${prev.user} ${stripMarkers(prev.assistant ?? '')}`, stats, 'context', CONTEXT_WEIGHT);

  if (PRONOUN.test(question) && topic) {
    const replaced = question.replace(PRONOUN, topic);
    return [analyzeQuestion(replaced, stats, previousContext())];
  }
  const ownWords = standalone.terms.filter((t) => !t.term.startsWith(BIGRAM_PREFIX));
  if (ownWords.length <= 1) {
    return [{ ...analyzeQuestion(`${question} ${prev.user}`, stats, previousContext()), text: `${prev.user} ${question}` }];
  }
  return [standalone];
}
