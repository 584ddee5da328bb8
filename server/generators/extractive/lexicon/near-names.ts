import { createToneless } from './pinyin.js';
import { CJK_UNIFIED_RANGE } from '../../../shared/text/char-classes.js';
import { isEverydayEnglish } from '../../../shared/text/english-everyday-words.js';

/**
 * Names that tolerate one slip: a Latin word one edit (or one swap of neighbours) away from a word the
 * corpus uses ("lsmdo" → lsmod), a Chinese word written with homophones (same toneless pinyin), and a
 * romanised Chinese name ("Zhang Jianzhong" → 张建中). Built once per corpus vocabulary, lazily.
 */
export interface NearNames {
  /** Corpus words one slip away from `word`, or none. */
  near(word: string): string[];
  /** The corpus's Chinese words with `word`'s toneless reading (none when the corpus uses `word` itself). */
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

/** Damerau–Levenshtein distance ≤ 1 (one insertion, deletion, substitution or swap of neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** `readings`: the index lexicon's pinyin table (syllable → characters). */
export function createNearNames(vocabulary: readonly string[], readings: Readonly<Record<string, string>>): NearNames {
  const vocab = new Set(vocabulary);
  const toneless = createToneless(readings);
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
    if (vocab.has(word) || !CJK_WORD.test(word)) return [];
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
      // Two or three capitalised Latin words in a row ("Zhang Jianzhong", "Chen Weiliang"), or one long one.
      return question.replace(/\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}\b/g, (phrase) => {
        const key = phrase.toLowerCase().replace(/[ -]/g, '');
        if (key.length < MIN_SHORT_NAME) return phrase;
        const hits = pinyinIndex().get(key);
        if (!hits?.length) return phrase;
        // A short romanisation ("Muxi") reads like too many things to trust on its own, unless the question
        // also writes the name in Chinese ("Muxi (沐曦)"): then it is the same name twice; or unless it is one word
        // that is no English word ("Line" reads 李讷) and reads as one word of the corpus only.
        const oneWord = hits.length === 1 && !/[ -]/.test(phrase) && !isEverydayEnglish(key);
        return key.length >= MIN_LONG_NAME || question.includes(hits[0]) || oneWord ? hits[0] : phrase;
      });
    },
  };
}
