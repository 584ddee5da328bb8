import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';
import { allMatches } from './all-matches.js';
import { HAN_RANGE } from './char-classes.js';
import { CHINESE_NUMERAL_CHARS, normalizeChineseNumerals } from './chinese-numerals.js';
import { STOP_WORDS } from './stop-words.js';
// The Chinese list's own module (see english-function-words.ts for why not the package entry).
import { zho } from 'stopword/src/stopwords_zho.js';
import { toSimplified } from './traditional-chinese.js';
import { createJiebaRuns } from './jieba-runs.js';

/**
 * One tokenizer for the whole system (embeddings, BM25, sentence scoring, query analysis), so
 * corpus and questions always produce comparable features.
 *
 * Features:
 *  - Chinese words from jieba, run per CJK run: jieba splits decimals ("18.40" → 18 . 40), so numbers
 *    and Latin words are cut out by our own regex first and never reach it.
 *  - numbers whole, with decimals and a trailing % ("74.94%", "1126"); thousands separators dropped. A number of several
 *    dotted parts is one word ("127.0.1.1", "2.8.4", "27.07.22"): cut as decimals, "127.0" and "1.1", neither part
 *    would match its own text (a decimal is matched whole: "1.1" is not the end of "0.1.1").
 *  - Latin words lower-cased, letters+digits kept together ("rtx3060", "h100").
 *  - CJK character bigrams, prefixed with BIGRAM_PREFIX, to catch names the dictionary lacks (沐曦).
 */
export const BIGRAM_PREFIX = '~';

const require = createRequire(import.meta.url);

/**
 * jieba with its default dictionary, built on first use: parsing the 5 MB dictionary costs ~0.2 s and
 * ~40 MB, which code paths that never segment Chinese (most unit tests, a server still starting) should
 * not pay. Only dict.txt is read (the package's `dict.js` also reads a 6 MB IDF file we never use), and
 * the file's bytes are not kept once jieba has parsed them.
 */
function loadJieba(): Jieba {
  const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  return JiebaClass.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
}


// jieba's tags of pronouns (r: 谁, 哪, 我) and numerals (m: 几, 多, 年, 第).
const ASKS_OR_COUNTS = /^[rm]/;
const NUMBER_UNIT = /^(?:年|月|日|号|季度|个|名|家|位|亿元|万元|亿|万|元|次|轮|倍|项|款|种|类)/;
const WHOLE_NUMBER_UNIT = new RegExp(`${NUMBER_UNIT.source}$`);
/** Whether a word is a unit a Chinese number is said with (年, 季度, 名, 亿元): the tokenizer keeps it beside its number. */
export const isNumberUnit = (word: string): boolean => WHOLE_NUMBER_UNIT.test(word);
// Single letters joined by & ("R&D", "M&A", "Q&A") are one word: an abbreviation, not two stray letters.
// A short command-line option keeps its dash ("git commit -a", "ls -la", "tar -xzf", "加了 -t 之后"): without it "-a" is
// the stop word "a" and "-u" any stray "u", so "git commit -a" and "git commit" read alike. Only where a word could
// start (not "git-a", not the second dash of "--all", whose name "all" stays a word); longer ones ("-name") are words.
const SHORT_OPTION = String.raw`(?<![a-z0-9_./-])-[a-z][a-z0-9]{0,2}(?![a-z0-9_-])`;
const SPLIT = new RegExp(String.raw`(\d[\d,]*(?:\.\d+)*%?)|([a-z](?:&[a-z])+(?![a-z0-9])|${SHORT_OPTION}|[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)|([${HAN_RANGE}]+)`, 'g');
const WHOLE_SHORT_OPTION = new RegExp(`^${SHORT_OPTION}$`);
/** Whether a word is a short command-line option as the tokenizer keeps it ("-a", "-la", "-xzf"). */
export const isShortOption = (word: string): boolean => WHOLE_SHORT_OPTION.test(word);
const HAN_RUN = new RegExp(`[${HAN_RANGE}]+`, 'g');
/** A text ending in 第 (then whitespace): what a number after it belongs to. */
const ORDINAL_END = /第\s*$/;
/** A digit next, perhaps after one space ("第 3"). */
const DIGIT_AFTER = /^\s?\d/;

export interface TokenizedText {
  /** Words, numbers and Latin tokens, in order, stopwords removed. */
  words: string[];
  /** CJK bigrams (prefixed), in order. */
  bigrams: string[];
}

// A question is normalised several times while it is analysed (its words, its topic, its years): the last few
// short texts are kept, as the tokenizer keeps its last few results (within a request, not across questions).
const RECENT_NORMALIZED_LIMIT = 32;
const RECENT_NORMALIZED_MAX_LENGTH = 500;
const recentNormalized = new Map<string, string>();

export function normalizeForMatching(text: string): string {
  if (text.length > RECENT_NORMALIZED_MAX_LENGTH) return normalizeUncached(text);
  let out = recentNormalized.get(text);
  if (out === undefined) {
    out = normalizeUncached(text);
    if (recentNormalized.size >= RECENT_NORMALIZED_LIMIT) recentNormalized.delete(recentNormalized.keys().next().value!);
    recentNormalized.set(text, out);
  }
  return out;
}

function normalizeUncached(text: string): string {
  return normalizeChineseNumerals(toSimplified(text.normalize('NFKC').toLowerCase()));
}

const SPACE = /\s/;
/** A text ending in a digit, %, or a Chinese numeral (then whitespace): what a following unit or 年 attaches to. */
const NUMBER_END = new RegExp(String.raw`[\d%${CHINESE_NUMERAL_CHARS}百千万亿]\s*$`);

/** Whether the text before `end` ends in a digit or % (then whitespace): what /[\d%]\s*$/ tests, without copying the prefix. */
function endsWithNumber(text: string, end: number): boolean {
  let i = end - 1;
  while (i >= 0 && SPACE.test(text[i])) i--;
  if (i < 0) return false;
  const c = text.charCodeAt(i);
  return (c >= 48 && c <= 57) || c === 37;
}

// A question is analysed, then embedded: both need its tokens. The last few results spare the second pass
// (few on purpose: it saves work within a request, it is not a cache across questions).
const RECENT_LIMIT = 4;
const WORD_MEMO_LIMIT = 10_000;
const PHRASING_MEMO_MAX_LENGTH = 8;

// Part-of-speech classes that phrase a question rather than name its subject: verbs, adverbs,
// time and place words, pronouns, numerals, measure words, particles, abbreviations, idioms.
// Adverbs and time words (jieba's d, t): 大概, 大约, 到底, 究竟, 现在, 目前.
const HEDGE_TAGS = /^(d|t)$/;
const PHRASING_TAGS = /^(v|vd|d|ad|f|t|p|c|u|r|m|q|j|vn|y|e|o|a|z|i|l|b)/;

// Grammatical pieces (particles, pronouns, prepositions, conjunctions, adverbs, interjections): jieba's HMM glues them to
// the word beside them in a question's colloquial phrasing (涨得, 我用, 只想), making a word no dictionary holds.
const GRAMMATICAL_TAGS = /^(u|r|p|c|d|y|e|o)/;

// A degree demonstrative ("这么", "如此") in a verb's complement of degree ("跌得这么厉害": fell so badly): the adjective
// after it says how much the verb did, not what is asked about (jieba may glue the 得 to the verb: 亏得). Not a
// predicate ("为什么这么慢?": there 慢 is what is asked). Tagged only in a text that has one.
const DEGREE_WORDS = ['这么', '那么', '如此', '这样', '那样', '多么'];
const HAS_DEGREE_COMPLEMENT = new RegExp(`得(?:${DEGREE_WORDS.join('|')})`);
const NO_WORDS: ReadonlySet<string> = new Set();

// Names of people, places, organisations and products, jieba's unknown words (沐曦), Latin names, abbreviations.
const ENTITY_TAGS = /^(nr|ns|nt|nz|x|eng|j)/;

export interface Tokenizer {
  analyzeText(text: string): TokenizedText;
  /** All features as one list (what BM25 and the local embedder index). */
  tokenize(text: string): string[];
  /** Words jieba tags as phrasing (担任, 以前, 一共) in this text; used to discount words the corpus lacks. Shared: do not modify. */
  phrasingWords(text: string): ReadonlySet<string>;
  /** Whether jieba's dictionary holds the word (HMM-guessed words are not in it). */
  isDictionaryWord(word: string): boolean;
  /** The dictionary words a compound is made of, without HMM guessing ("股东人数" → 股东, 人数). */
  dictionaryParts(word: string): string[];
  /** Whether a phrase contains a name (摩尔线程, 沐曦, 寒武纪) rather than only descriptive words (业内资深人士). */
  containsName(phrase: string): boolean;
  /** The adjectives of a verb's complement of degree ("跌得这么厉害"): how much, not what. */
  degreeAdjectives(text: string): ReadonlySet<string>;
  /** Whether jieba tags the word an adverb or a time word on its own (大概, 到底, 现在): how a question hedges, not what it asks. */
  isHedge(word: string): boolean;
  /**
   * The content of a word jieba's HMM glued from grammatical pieces and the word beside them (涨得 → 涨, 只想 → 想,
   * 被拉进 → 拉进): the word without its grammatical pieces at either edge, by the dictionary's own tags; the word itself
   * when it is a dictionary word, when no edge piece is grammatical (壁仞, 潘和林) or when nothing else would remain.
   */
  gluedContent(word: string): string;
}

/**
 * A tokenizer with its own jieba instance and its own recent-results memo. The system uses one
 * (the functions exported below), so ingest and queries in a process share one dictionary; a second
 * instance is for checking that results do not depend on state (tests).
 */
export function createTokenizer(jiebaFactory: () => Jieba = loadJieba): Tokenizer {
  let instance: Jieba | undefined;
  const jieba = (): Jieba => (instance ??= jiebaFactory());
  const recent = new Map<string, TokenizedText>();
  // Yes/no facts about a word or a short phrase (a jieba call each), asked for the same words question after
  // question: kept per word, bounded like the other word caches.
  const dictionaryWords = new Map<string, boolean>();
  const names = new Map<string, boolean>();
  const hedges = new Map<string, boolean>();
  const glued = new Map<string, string>();
  const phrasingOfWord = new Map<string, ReadonlySet<string>>();
  // jieba's words of a CJK run and its phrasing words, with the calls into jieba it can spare (jieba-runs.ts).
  const runs = createJiebaRuns(jieba, (tag) => PHRASING_TAGS.test(tag));
  const remembered = <T>(memo: Map<string, T>, key: string, compute: () => T): T => {
    let value = memo.get(key);
    if (value === undefined) {
      value = compute();
      if (memo.size >= WORD_MEMO_LIMIT) memo.clear();
      memo.set(key, value);
    }
    return value;
  };

  function analyzeText(text: string): TokenizedText {
    const hit = recent.get(text);
    if (hit) return hit;
    const result = joinedToRecent(text) ?? analyzeUncached(text);
    if (text.length <= 2000) {
      if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value!);
      recent.set(text, result);
    }
    return result;
  }

  /**
   * "<a recent text> <more words>" — a question with its dictionary translations appended, embedded after it
   * was analysed — is the recent text's tokens followed by the rest's: a space ends every run (number,
   * Latin word, CJK run) and no normalisation reaches across it, so only the rest is segmented. Except
   * when the recent text ends in a number or numeral: a unit or 年 after the space would then belong to it.
   */
  function joinedToRecent(text: string): TokenizedText | undefined {
    for (const [prefix, tokens] of recent) {
      if (text.length <= prefix.length + 1 || text.charCodeAt(prefix.length) !== 32 || !text.startsWith(prefix)) continue;
      // (Nor when it ends in 第: a number after the space is its, "第 3".)
      if (NUMBER_END.test(prefix) || NUMBER_END.test(normalizeForMatching(prefix)) || ORDINAL_END.test(prefix)) return undefined;
      const rest = analyzeUncached(text.slice(prefix.length + 1));
      return { words: tokens.words.concat(rest.words), bigrams: tokens.bigrams.concat(rest.bigrams) };
    }
    return undefined;
  }

  /**
   * The words a Chinese run drops: STOP_WORDS and the `stopword` package's Chinese function words (到, 吗, 不, 很…),
   * except the pronouns and numerals among those by jieba's own tags (谁, 哪, 什, 几, 多, 年, 第): question analysis reads
   * them to find what is asked and counted. One set, tagged once, on the first Chinese run. Session 24: 到 of "从 2022
   * 年到 2025 年" had been an evidence term; the package's whole list also dropped 谁 and 哪, and focusOf then found no
   * asked attribute.
   */
  let chineseStops: ReadonlySet<string> | undefined;
  const chineseStopWords = (): ReadonlySet<string> =>
    (chineseStops ??= new Set([...STOP_WORDS, ...zho.filter((w) => !jieba().tag(w, true).some(({ tag }) => ASKS_OR_COUNTS.test(tag)))]));

  function analyzeUncached(text: string): TokenizedText {
    const words: string[] = [];
    const bigrams: string[] = [];
    const normalized = normalizeForMatching(text);
    for (const m of allMatches(SPLIT, normalized)) {
      if (m[1] !== undefined) {
        words.push(m[1].replace(/,/g, ''));
      } else if (m[2] !== undefined) {
        if (!STOP_WORDS.has(m[2])) words.push(stemLatin(m[2]));
      } else if (m[3] !== undefined) {
        let run = m[3];
        // The unit right after a number belongs to the number ("2024年涨到" → 年 | 涨到), not to the
        // next word: otherwise jieba's HMM glues them into non-words like 年涨.
        const afterNumber = endsWithNumber(normalized, m.index);
        const unit = afterNumber ? NUMBER_UNIT.exec(run)?.[0] : undefined;
        if (unit && unit.length < run.length) {
          words.push(unit);
          run = run.slice(unit.length);
        }
        // And 第 right before a number belongs to it ("排第1的" → 排 | 第 | 1), not to the word before: jieba's HMM glued
        // them into 排第, a word no text writes ("位列第 3" is cut 位列 | 第).
        const ordinal = run.length > 1 && run.endsWith('第') && DIGIT_AFTER.test(normalized.slice(m.index + m[0].length, m.index + m[0].length + 2));
        if (ordinal) run = run.slice(0, -1);
        for (const w of run.length === 1 ? [run] : runs.cut(run)) {
          if (!chineseStopWords().has(w)) words.push(w);
        }
        if (ordinal) words.push('第');
        // One string per pair (run[i] + run[i + 1] made two one-character strings and a partial one first).
        for (let i = 0; i + 1 < run.length; i++) bigrams.push(BIGRAM_PREFIX + run.slice(i, i + 2));
      }
    }
    return { words, bigrams };
  }

  return {
    analyzeText,
    tokenize(text) {
      const { words, bigrams } = analyzeText(text);
      return words.concat(bigrams);
    },
    phrasingWords(text) {
      // A single word is asked about again and again (query-analysis.ts checks each candidate focus word): remembered.
      const word = text.length <= PHRASING_MEMO_MAX_LENGTH;
      let out = word ? phrasingOfWord.get(text) : undefined;
      if (out) return out;
      const found = new Set<string>();
      for (const m of allMatches(HAN_RUN, normalizeForMatching(text))) for (const w of runs.phrasing(m[0])) found.add(w);
      if (word) {
        if (phrasingOfWord.size >= WORD_MEMO_LIMIT) phrasingOfWord.clear();
        phrasingOfWord.set(text, found);
      }
      return found;
    },
    dictionaryParts(word) {
      return jieba().cut(word, false);
    },
    isDictionaryWord(word) {
      return remembered(dictionaryWords, word, () => {
        const parts = jieba().cut(word, false);
        return parts.length === 1 && parts[0] === word;
      });
    },
    degreeAdjectives(text) {
      const normalized = normalizeForMatching(text);
      if (!HAS_DEGREE_COMPLEMENT.test(normalized)) return NO_WORDS;
      const tags = jieba().tag(normalized, true);
      const out = new Set<string>();
      for (let i = 2; i < tags.length; i++) if (tags[i].tag === 'a' && DEGREE_WORDS.includes(tags[i - 1].word) && tags[i - 2].word.endsWith('得')) out.add(tags[i].word);
      return out.size ? out : NO_WORDS;
    },
    containsName(phrase) {
      return remembered(names, phrase, () => jieba().tag(normalizeForMatching(phrase), true).some(({ tag }) => ENTITY_TAGS.test(tag)));
    },
    isHedge(word) {
      return remembered(hedges, word, () => {
        const tags = jieba().tag(normalizeForMatching(word), true);
        return tags.length === 1 && HEDGE_TAGS.test(tags[0].tag);
      });
    },
    gluedContent(word) {
      return remembered(glued, word, () => {
        const pieces = jieba().tag(word, false);
        let from = 0;
        let to = pieces.length;
        while (from < to && GRAMMATICAL_TAGS.test(pieces[from].tag)) from++;
        while (to > from && GRAMMATICAL_TAGS.test(pieces[to - 1].tag)) to--;
        return pieces.length > 1 && from < to && (from > 0 || to < pieces.length) ? pieces.slice(from, to).map((p) => p.word).join('') : word;
      });
    },
  };
}

export const isBigram = (token: string): boolean => token.startsWith(BIGRAM_PREFIX);

// Suffixes stripped from English words, longest first. A stem is always a prefix of the word, so a
// question's stem still matches a sentence's other form by substring ("configur" in "configuration").
/** The endings stemLatin cuts, longest first (a phrase of stems is matched with them put back: term-matcher.ts). */
export const STEM_SUFFIXES: readonly string[] = ['ational', 'ations', 'ation', 'ments', 'ment', 'ingly', 'ings', 'ing', 'edly', 'ed', 'ies', 'es', 's', 'e', 'ly'];
const MIN_STEM = 4;

/** A light English stemmer (installed, installing, installation → install); names with digits or dashes stay whole. */
export function stemLatin(word: string): string {
  if (word.length <= MIN_STEM || /[\d_-]/.test(word)) return word;
  for (const suffix of STEM_SUFFIXES) {
    if (!word.endsWith(suffix) || word.length - suffix.length < MIN_STEM) continue;
    if (suffix === 's' && /(ss|us|is)$/.test(word)) continue;
    return word.slice(0, -suffix.length);
  }
  return word;
}

/** The system's tokenizer: one jieba dictionary per process, loaded at the first text that needs it. */
const shared = createTokenizer();
export const { analyzeText, tokenize, phrasingWords, isDictionaryWord, dictionaryParts, containsName, degreeAdjectives, isHedge, gluedContent } = shared;
