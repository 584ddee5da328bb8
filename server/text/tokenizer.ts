import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { normalizeChineseNumerals } from './chinese-numerals.js';
import { toSimplified } from './traditional-chinese.js';

/**
 * One tokenizer for the whole system (embeddings, BM25, sentence scoring, query analysis), so
 * corpus and questions always produce comparable features.
 *
 * Features:
 *  - Chinese words from jieba, run per CJK run: jieba splits decimals ("18.40" → 18 . 40), so numbers
 *    and Latin words are cut out by our own regex first and never reach it.
 *  - numbers whole, with decimals and a trailing % ("74.94%", "1126"); thousands separators dropped.
 *  - Latin words lower-cased, letters+digits kept together ("rtx3060", "h100").
 *  - CJK character bigrams, prefixed with BIGRAM_PREFIX, to catch names the dictionary lacks (沐曦).
 */
export const BIGRAM_PREFIX = '~';

const jieba = Jieba.withDict(dict);

// Function words that carry no retrieval signal in either corpus or question.
const STOPWORDS = new Set(
  '的 了 是 在 和 与 及 也 都 而 之 其 为 把 被 从 对 于 以 并 或 等 着 这 那 有 就 还 又 但 将 让 向 给 由 中 上 下 里 个 这些 那些 这个 那个 一个 一些 the a an of to in on at for and or is are was were be been by with as it its this that from'.split(
    ' ',
  ),
);

const NUMBER_UNIT = /^(?:年|月|日|号|季度|个|名|家|位|亿元|万元|亿|万|元|次|轮|倍|项|款|种|类)/;
const SPLIT = /(\d[\d,]*(?:\.\d+)?%?)|([a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)|([\u3400-\u9fff\uf900-\ufaff]+)/g;

export interface TokenizedText {
  /** Words, numbers and Latin tokens, in order, stopwords removed. */
  words: string[];
  /** CJK bigrams (prefixed), in order. */
  bigrams: string[];
}

export function normalizeForMatching(text: string): string {
  return normalizeChineseNumerals(toSimplified(text.normalize('NFKC').toLowerCase()));
}

// A question is analysed, then embedded: both need its tokens. The last few results spare the second pass
// (few on purpose: it saves work within a request, it is not a cache across questions).
const RECENT_LIMIT = 4;
const recent = new Map<string, TokenizedText>();

export function analyzeText(text: string): TokenizedText {
  const hit = recent.get(text);
  if (hit) return hit;
  const result = analyzeUncached(text);
  if (text.length <= 2000) {
    if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value!);
    recent.set(text, result);
  }
  return result;
}

function analyzeUncached(text: string): TokenizedText {
  const words: string[] = [];
  const bigrams: string[] = [];
  const normalized = normalizeForMatching(text);
  for (const m of normalized.matchAll(SPLIT)) {
    if (m[1] !== undefined) {
      words.push(m[1].replace(/,/g, ''));
    } else if (m[2] !== undefined) {
      if (!STOPWORDS.has(m[2])) words.push(stemLatin(m[2]));
    } else if (m[3] !== undefined) {
      let run = m[3];
      // The unit right after a number belongs to the number ("2024年涨到" → 年 | 涨到), not to the
      // next word: otherwise jieba's HMM glues them into non-words like 年涨.
      const afterNumber = /[\d%]\s*$/.test(normalized.slice(0, m.index));
      const unit = afterNumber ? NUMBER_UNIT.exec(run)?.[0] : undefined;
      if (unit && unit.length < run.length) {
        words.push(unit);
        run = run.slice(unit.length);
      }
      for (const w of run.length === 1 ? [run] : jieba.cut(run, true)) {
        if (!STOPWORDS.has(w)) words.push(w);
      }
      for (let i = 0; i + 1 < run.length; i++) bigrams.push(BIGRAM_PREFIX + run[i] + run[i + 1]);
    }
  }
  return { words, bigrams };
}

// Suffixes stripped from English words, longest first. A stem is always a prefix of the word, so a
// question's stem still matches a sentence's other form by substring ("configur" in "configuration").
const SUFFIXES = ['ational', 'ations', 'ation', 'ments', 'ment', 'ingly', 'ings', 'ing', 'edly', 'ed', 'ies', 'es', 's', 'e', 'ly'];
const MIN_STEM = 4;

/** A light English stemmer (installed, installing, installation → install); names with digits or dashes stay whole. */
export function stemLatin(word: string): string {
  if (word.length <= MIN_STEM || /[\d_-]/.test(word)) return word;
  for (const suffix of SUFFIXES) {
    if (!word.endsWith(suffix) || word.length - suffix.length < MIN_STEM) continue;
    if (suffix === 's' && /(ss|us|is)$/.test(word)) continue;
    return word.slice(0, -suffix.length);
  }
  return word;
}

/** All features as one list (what BM25 and the local embedder index). */
export function tokenize(text: string): string[] {
  const { words, bigrams } = analyzeText(text);
  return words.concat(bigrams);
}

export const isBigram = (token: string): boolean => token.startsWith(BIGRAM_PREFIX);

// Part-of-speech classes that phrase a question rather than name its subject: verbs, adverbs,
// time and place words, pronouns, numerals, measure words, particles, abbreviations, idioms.
const PHRASING_TAGS = /^(v|vd|d|ad|f|t|p|c|u|r|m|q|j|vn|y|e|o|a|z|i|l|b)/;

/** Words jieba tags as phrasing (担任, 以前, 一共) in this text; used to discount words the corpus lacks. */
export function phrasingWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of normalizeForMatching(text).matchAll(/[\u3400-\u9fff\uf900-\ufaff]+/g)) {
    for (const { word, tag } of jieba.tag(m[0], true)) if (PHRASING_TAGS.test(tag)) out.add(word);
  }
  return out;
}

/** The dictionary words a compound is made of, without HMM guessing ("股东人数" → 股东, 人数). */
export function dictionaryParts(word: string): string[] {
  return jieba.cut(word, false);
}

/** Whether jieba's dictionary holds the word (HMM-guessed words are not in it). */
export function isDictionaryWord(word: string): boolean {
  const parts = jieba.cut(word, false);
  return parts.length === 1 && parts[0] === word;
}

// Names of people, places, organisations and products, jieba's unknown words (沐曦), Latin names, abbreviations.
const ENTITY_TAGS = /^(nr|ns|nt|nz|x|eng|j)/;

/** Whether a phrase contains a name (摩尔线程, 沐曦, 寒武纪) rather than only descriptive words (业内资深人士). */
export function containsName(phrase: string): boolean {
  return jieba.tag(normalizeForMatching(phrase), true).some(({ tag }) => ENTITY_TAGS.test(tag));
}
