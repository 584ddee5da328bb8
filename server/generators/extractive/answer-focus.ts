import { VALUE_TYPES } from '../../core/answer-type.js';
import { BIGRAM_PREFIX } from '../../shared/text/tokenizer.js';
import { allMatches } from '../../shared/text/all-matches.js';
import { satisfiesAnswerType } from '../../core/answer-type.js';
import { matchedIn } from './sentence-evidence.js';
import { matchesAsWholeWord, matcherOf, needsSpacedForm, type Matcher } from './term-matcher.js';
import { MONTH_NAME } from '../../shared/text/english-months.js';
import type { AnalyzedQuery } from '../../core/types.js';

/**
 * The short answer inside a long sentence: the run of clauses that holds the asked value and the
 * question's words. Article sentences run to 150 characters over four or five clauses; a quick
 * look-up wants "截至 2025 年 3 月最后一轮融资,其估值已达 210.71 亿元", with the whole sentence in the citation.
 */
const CLAUSE_END = /[,,;;::]/g;
const MAX_CLAUSES = 3;
// Below this length a sentence is already short: quote it whole.
const SHORT_SENTENCE = 60;
// Each extra character must earn its place; keeps the window from growing to the whole sentence.
const LENGTH_COST = 0.004;
// What a topic word weighs, against the asked words, when it points at a statement (topicWordsPointing).
const TOPIC_SHARE = 0.5;

/** The words the question itself names its topic with (not carried-over ones, not character pairs). */
export const questionTopic = (query: Pick<AnalyzedQuery, 'terms'>): AnalyzedQuery['terms'] =>
  query.terms.filter((t) => t.origin === 'question' && t.role === 'topic' && !t.term.startsWith(BIGRAM_PREFIX));

/**
 * The question's topic words that point at one statement of a sentence, at TOPIC_SHARE of their weight: those the
 * sentence does not say in its opening statement. A follow-up whose own words are all its topic ("那同期研发费用一共花了
 * 多少?", "营收总和呢?" after a question about the loss) asks about the statement that names them, not about the shortest
 * one with a number; a topic the sentence opens with ("沐曦股份 2022 年至……亏损达 32.90 亿元,研发投入合计 24.66 亿元") is
 * the subject of every statement in it, as a year there sets the period of all of them (value-lead.ts).
 */
export function topicWordsPointing(query: Pick<AnalyzedQuery, 'terms'>, text: string): AnalyzedQuery['terms'] {
  const topic = questionTopic(query);
  if (!topic.length) return [];
  const first = clauses(text)[0];
  const opening = first ? text.slice(first.start, first.end) : text;
  return topic.filter((t) => matchedIn(matcherOf(t.term, t.alternatives), opening, matchesAsWholeWord(t.term)) === 0).map((t) => ({ ...t, weight: t.weight * TOPIC_SHARE }));
}

// A comma or colon inside a value ends no clause: a thousands separator ("59,551"), a clock time's colon ("from 16:00 in
// the afternoon", "at 3:40") — one pattern, read from the digit before — or a month-name date's comma ("Jan 1, 1970",
// "January 1,  1970" as justified text spaces it, "August 16th, 1993" with an ordinal day, the month at a line's end).
const INSIDE_NUMBER = /\d(?:,\d{3}|:\d{2})(?!\d)/y;
const MONTH_DAY_BEFORE = new RegExp(`\\b${MONTH_NAME}\\s+\\d{1,2}(?:st|nd|rd|th)?$`);
const YEAR_AFTER = /^\s+\d{4}(?!\d)/;
const dateComma = (sentence: string, at: number) => MONTH_DAY_BEFORE.test(sentence.slice(Math.max(0, at - 20), at)) && YEAR_AFTER.test(sentence.slice(at + 1, at + 9));

function clauses(sentence: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (const m of allMatches(CLAUSE_END, sentence)) {
    INSIDE_NUMBER.lastIndex = m.index - 1;
    if (m.index > 0 && (INSIDE_NUMBER.test(sentence) || dateComma(sentence, m.index))) continue;
    out.push({ start, end: m.index + 1 });
    start = m.index + 1;
  }
  if (start < sentence.length) out.push({ start, end: sentence.length });
  return out;
}

// Only for questions whose answer value (VALUE_TYPES) can be checked inside the window; a person or entity cannot.
export function focusSentence(query: AnalyzedQuery, sentence: string): string {
  const text = sentence.trim();
  if (!VALUE_TYPES.has(query.answerType) || text.length <= SHORT_SENTENCE) return text;
  const parts = clauses(text);
  if (parts.length <= 1) return text;
  // What is asked, without the topic (the asker named it): every such word the sentence supports
  // must stay in the window, so trimming only ever removes clauses the question did not ask about.
  // A role or rank must stay next to whose it is ("彭莉更是 …科学家", not "陈维良出自 AMD").
  const keepTopic = query.answerType === 'role' || query.answerType === 'ordinal';
  const own = query.terms.filter((t) => t.origin === 'question' && (keepTopic || t.role !== 'topic') && !t.term.startsWith(BIGRAM_PREFIX));
  // A follow-up like "她有什么名头?" keeps nothing of its own: the carried-over context says who is meant.
  const words = own.length > 0 ? own : query.terms.filter((t) => t.origin === 'context' && !t.term.startsWith(BIGRAM_PREFIX));
  const matchers = words.map((t) => matcherOf(t.term, t.alternatives));
  const spacedToo = needsSpacedForm(words);
  const topic = keepTopic ? [] : topicWordsPointing(query, text);
  const topicMatchers = topic.map((t) => matcherOf(t.term, t.alternatives));
  const topicSpaced = needsSpacedForm(topic);
  // A topic the sentence names only after its first statement of the asked kind of value has moved on to another
  // subject ("沐曦股份客户结构变动剧烈,2023 年前 5 大客户在 2024 年全部更换,…,当季第 1 大客户超讯通信此前从未进入前 5"
  // asked about 超讯通信): a window without it answers about the first subject, so its words must stay in too. Not when
  // any topic word comes before that (the topic is the subject already; a piece of it later — 级 in 高级 — is no
  // mention), and not a one-character piece.
  // (Worked out only when there is a topic word that could be kept: focusing runs for every answer.)
  let topicLater: Matcher[] = [];
  if (topic.length) {
    const firstValue = parts.findIndex((p) => satisfiesAnswerType(query, text.slice(p.start, p.end)));
    const beforeMovingOn = firstValue < 0 ? text : text.slice(0, parts[firstValue].end);
    const named = questionTopic(query);
    const namedSpaced = needsSpacedForm(named);
    if (!named.some((t) => matchedIn(matcherOf(t.term, t.alternatives), beforeMovingOn, namedSpaced) > 0)) {
      topicLater = topicMatchers.filter((match, i) => topic[i].term.length >= 2 && matchedIn(match, text, topicSpaced) > 0);
    }
  }
  const mustKeep = [...matchers.filter((match) => matchedIn(match, text, spacedToo) > 0), ...topicLater];
  const scoring = [...words, ...topic];
  const scoringMatchers = [...matchers, ...topicMatchers];
  const scoringSpaced = spacedToo || topicSpaced;
  const total = scoring.reduce((n, t) => n + t.weight, 0) || 1;

  let best: { from: number; to: number; score: number } | undefined;
  for (let from = 0; from < parts.length; from++) {
    for (let to = from; to < Math.min(parts.length, from + MAX_CLAUSES); to++) {
      const window = text.slice(parts[from].start, parts[to].end);
      if (!satisfiesAnswerType(query, window)) continue;
      if (!mustKeep.every((match) => matchedIn(match, window, scoringSpaced) > 0)) continue;
      const matched = scoring.reduce((n, t, w) => n + t.weight * matchedIn(scoringMatchers[w], window, scoringSpaced), 0) / total;
      const score = matched - LENGTH_COST * window.length;
      if (!best || score > best.score) best = { from, to, score };
    }
  }
  if (!best) return text;
  const body = text.slice(parts[best.from].start, parts[best.to].end).replace(/[,,;;::]$/, '').trim();
  const lead = best.from > 0 ? '…' : '';
  const tail = best.to < parts.length - 1 ? '…' : '';
  return `${lead}${body}${tail}`;
}

/** The clause of a sentence that holds a value of the given type, with "…" where the sentence goes on. */
export function clauseWithValue(query: Pick<AnalyzedQuery, 'answerType' | 'measure' | 'text' | 'terms'>, sentence: string): string {
  const text = sentence.trim();
  const parts = clauses(text);
  const i = parts.findIndex((p) => satisfiesAnswerType(query, text.slice(p.start, p.end)));
  if (i < 0) return text;
  const body = text.slice(parts[i].start, parts[i].end).replace(/[,,;;::]$/, '').trim();
  return `${i > 0 ? '…' : ''}${body}${i < parts.length - 1 ? '…' : ''}`;
}
