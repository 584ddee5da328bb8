import { MEASURE_WORDS } from './measure-words.js';
import { stemLatin } from '../shared/text/tokenizer.js';

// As the tokenizer stems them ("three" → thre).
const CARDINALS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'].map(stemLatin);
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'].map(stemLatin);
// 大 as in 前 5 大客户 ("the five largest"), 第 2 大股东.
const AFTER_NUMBER = [...`${MEASURE_WORDS}大`];

/**
 * English number words as Chinese text writes the number ("five" → 前5, 5家, 5大; "second" → 第2): CC-CEDICT glosses
 * 五 "five", but a one-character word has too many senses to be an alternative, and Chinese text writes counts and
 * ranks with digits ("前 5 大客户", "第二大股东" → 第2, numerals made digits on both sides). A cardinal from two up is
 * also its bare digit, which the term matcher finds only as a whole number ("3 年累计亏损" for "the three years", not the 3 of 2023);
 * the other forms are found as written: a digit after 前/第 or before a measure word. One closed class, for English
 * questions over Chinese documents. [] for any other word.
 */
export function chineseNumberForms(word: string): readonly string[] {
  const cardinal = CARDINALS.indexOf(word);
  if (cardinal >= 0) {
    const n = cardinal + 1;
    // ("one" is also a pronoun, "which one", "the one compared to…": not its bare digit.)
    return [...(n > 1 ? [String(n)] : []), `前${n}`, ...AFTER_NUMBER.map((m) => `${n}${m}`)];
  }
  const ordinal = ORDINALS.indexOf(word);
  return ordinal >= 0 ? [`第${ordinal + 1}`] : [];
}
