import { createToneless } from './pinyin.js';
import { CJK_UNIFIED_RANGE } from '../../../shared/text/char-classes.js';
import { isEverydayEnglish } from '../../../shared/text/english-everyday-words.js';
import { gluedContent, isDictionaryWord, stemLatin } from '../../../shared/text/tokenizer.js';
import { withinOneEdit } from '../../../shared/text/edit-distance.js';

/**
 * Names that tolerate one slip: a Latin word one edit (or one swap of neighbours) away from a word the
 * corpus uses ("lsmdo" → lsmod), a Chinese word written with homophones (same toneless pinyin), and a
 * romanised Chinese name ("Zhang Jianzhong" → 张建中). Built once per corpus vocabulary, lazily.
 */
export interface NearNames {
  /** Corpus words one slip away from `word`, or none. */
  near(word: string): string[];
  /** The corpus's Chinese words with `word`'s toneless reading (none when the corpus uses `word` itself or it is a dictionary word). */
  homophones(word: string): string[];
  /** The question with romanised names of the corpus's Chinese words written in Chinese. */
  romanisedToChinese(question: string): string;
}

const CJK_WORD = new RegExp(`^[${CJK_UNIFIED_RANGE}]{2,6}$`);
// A romanised name of at least MIN_LONG_NAME letters is written in Chinese on its own; a shorter one only next to its Chinese spelling.
const MIN_LONG_NAME = 5;
const MIN_SHORT_NAME = 4;
const LATIN_WORD = /^[a-z][a-z0-9_-]{3,}$/;
// Common English endings a slip may sit before (most of them the stemmer's, tokenizer.ts stemLatin; "-ion" too).
const INFLECTIONS = ['s', 'es', 'ed', 'ing', 'e', 'ion', 'ation', 'ment'];

const HAN_PAIR = new RegExp(`^[${CJK_UNIFIED_RANGE}]{2}$`);
// A name read off the corpus's character pairs has 2–4 characters (Chinese personal and company names).
const MAX_CHAINED_CHARS = 4;

// The longest toneless syllable (zhuang, shuang).
const MAX_SYLLABLE = 6;
// A Chinese name romanised has at most three words (Chen Wei Liang); a capitalised run is read this many at a time.
const MAX_NAME_WORDS = 3;
const AMBIGUOUS = Symbol('two names');
/** How many word look-ups a lexicon memo keeps before it starts afresh: questions bring words without end. */
export const MEMO_LIMIT = 10_000;

/**
 * `readings`: the index lexicon's pinyin table (syllable → characters). `pairs`: the adjacent character pairs the
 * corpus's text has (the index's bigram terms, without their "~"), asked for on the first name the word cut split
 * (张建中 → 张建 + 中): most corpora never need them.
 */
export function createNearNames(vocabulary: readonly string[], readings: Readonly<Record<string, string>>, pairs: () => Iterable<string> = () => []): NearNames {
  const vocab = new Set(vocabulary);
  const toneless = createToneless(readings);
  // The corpus's character pairs by their first character: a name the cut split is a chain of overlapping pairs.
  let pairsByFirst: Map<string, string[]> | undefined;
  // Remembered per key, bounded like the lexicon's memos: a long question may ask for the same runs again.
  const chained = new Map<string, string[]>();
  const chainedNames = (key: string): string[] => {
    let out = chained.get(key);
    if (out) return out;
    if (!pairsByFirst) {
      pairsByFirst = new Map();
      for (const p of pairs()) {
        if (!HAN_PAIR.test(p)) continue;
        const list = pairsByFirst.get(p[0]);
        if (list) list.push(p);
        else pairsByFirst.set(p[0], [p]);
      }
    }
    const found = new Set<string>();
    const extend = (name: string, at: number) => {
      if (at === key.length && name.length >= 2) found.add(name);
      // (No chain of the characters left can spell the letters left: each character reads at most MAX_SYLLABLE.)
      if (at >= key.length || key.length - at > (MAX_CHAINED_CHARS - name.length) * MAX_SYLLABLE || found.size > 1) return;
      for (const p of pairsByFirst!.get(name[name.length - 1]) ?? []) {
        const next = toneless(p[1]);
        if (key.startsWith(next, at)) extend(name + p[1], at + next.length);
      }
    };
    // Every character read as the key's first syllable starts a chain.
    if (key.length <= MAX_CHAINED_CHARS * MAX_SYLLABLE) {
      for (let end = 1; end <= Math.min(MAX_SYLLABLE, key.length); end++) for (const c of readings[key.slice(0, end)] ?? '') extend(c, end);
    }
    // A pair spans a word boundary as often as not (规的, 他命): a chain with a particle or a pronoun at an edge is no name.
    out = [...found].filter((name) => gluedContent(name) === name);
    if (chained.size >= MEMO_LIMIT) chained.clear();
    chained.set(key, out);
    return out;
  };
  let latin: string[] | undefined;
  let byPinyin: Map<string, string[]> | undefined;
  const pinyinIndex = () => {
    if (!byPinyin) {
      byPinyin = new Map();
      for (const w of vocabulary) {
        if (!CJK_WORD.test(w)) continue;
        const key = toneless(w);
        const list = byPinyin.get(key);
        if (list) list.push(w);
        else byPinyin.set(key, [w]);
      }
    }
    return byPinyin;
  };
  const homophones = (word: string): string[] => {
    // (Nor for a word of jieba's dictionary: 机器, machine, written right, is not 及其, "and its", mistyped.)
    if (vocab.has(word) || !CJK_WORD.test(word) || isDictionaryWord(word)) return [];
    return (pinyinIndex().get(toneless(word)) ?? []).filter((w) => w !== word).slice(0, 5);
  };
  return {
    near(word) {
      if (vocab.has(word)) return [];
      if (LATIN_WORD.test(word)) {
        latin ??= vocabulary.filter((w) => LATIN_WORD.test(w));
        const near = latin.filter((w) => withinOneEdit(word, w));
        // The corpus's words are stems ("sorting" → sort): a slip in an inflected form ("Sortng") is one edit from the
        // stem with its ending, not from the stem.
        return (near.length ? near : latin.filter((w) => word.length > w.length && INFLECTIONS.some((e) => withinOneEdit(word, w + e)))).slice(0, 5);
      }
      return homophones(word);
    },
    homophones,
    romanisedToChinese(question) {
      // Latin words as the tokenizer stems them: the everyday-English list and the corpus's vocabulary hold stems.
      const stem = (w: string) => stemLatin(w.toLowerCase());
      const english = (w: string) => isEverydayEnglish(stem(w));
      // One name written in Chinese; undefined when the words read as none; AMBIGUOUS when they read as two.
      const nameOf = (words: string[]): string | undefined | typeof AMBIGUOUS => {
        const key = words.join('').toLowerCase();
        // Everyday English words are no romanised name ("Dating Women" is no 打听我们, "Women" no 我们).
        if (key.length < MIN_SHORT_NAME || words.every(english)) return undefined;
        // A name the word cut split (张建中 → 张建 + 中) is no corpus word: read it off overlapping character pairs,
        // trusted only when it is long, holds no English word, and reads as one name alone.
        // (Not a word the corpus writes in Latin letters itself: "Debian" is no 德比安.)
        const chained = key.length >= MIN_LONG_NAME && !pinyinIndex().has(key) && !words.some((w) => english(w) || vocab.has(stem(w)));
        const hits = chained ? chainedNames(key) : pinyinIndex().get(key);
        if (!hits?.length) return undefined;
        if (chained && hits.length > 1) return AMBIGUOUS;
        // A short romanisation ("Muxi") reads like too many things to trust on its own, unless the question
        // also writes the name in Chinese ("Muxi (沐曦)"): then it is the same name twice; or unless it is one word
        // (no English word, as checked above: "Line" reads 李讷) that reads as one word of the corpus only.
        const oneWord = hits.length === 1 && words.length === 1;
        return key.length >= MIN_LONG_NAME || question.includes(hits[0]) || oneWord ? hits[0] : undefined;
      };
      // The longest run of the words (up to MAX_NAME_WORDS) that is a name, then the words on either side of it: a
      // capitalised word before a name ("In Zhang Chi's view", "Does Wu Quan think") is the sentence's first word, not
      // the name's. A run one of whose parts reads as two names is left as written: no part of it is guessed.
      const rewrite = (words: string[]): string[] | undefined => {
        for (let length = Math.min(MAX_NAME_WORDS, words.length); length > 0; length--) {
          for (let start = 0; start + length <= words.length; start++) {
            const name = nameOf(words.slice(start, start + length));
            if (name === AMBIGUOUS) return undefined;
            if (name === undefined) continue;
            const before = rewrite(words.slice(0, start));
            const after = rewrite(words.slice(start + length));
            return before && after ? [...before, name, ...after] : undefined;
          }
        }
        return words;
      };
      // Capitalised Latin words in a row ("Zhang Jianzhong", "In Chen Weiliang's"), or one long one.
      return question.replace(/\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*\b/g, (phrase) => {
        const words = phrase.split(/[ -]/);
        const out = rewrite(words);
        return !out || (out.length === words.length && out.every((w, k) => w === words[k])) ? phrase : out.join(' ');
      });
    },
  };
}
