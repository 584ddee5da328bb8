/**
 * Character classes, written once for the whole system. The ranges are regular-expression source,
 * to be placed inside a bracket class of a larger pattern (`new RegExp(`[${HAN_RANGE}]+`, 'g')`).
 */

/**
 * CJK Unified Ideographs with Extension A (U+3400–U+9FFF): the Han characters of dictionary words, question
 * terms and Chinese patterns (normalised text keeps few compatibility ideographs: NFKC folds all but twelve).
 */
export const CJK_UNIFIED_RANGE = '\\u3400-\\u9fff';

/**
 * Han ideographs: the unified ones and the compatibility block (U+F900–U+FAFF). What the tokenizer hands to
 * jieba and cuts into bigrams.
 */
export const HAN_RANGE = `${CJK_UNIFIED_RANGE}\\uf900-\\ufaff`;

const HAN = new RegExp(`[${HAN_RANGE}]`);

/** Whether the text holds at least one Han ideograph. */
export const hasHan = (text: string): boolean => HAN.test(text);

/** A UTF-16 code unit in HAN_RANGE (what `[${HAN_RANGE}]` matches without the u flag). */
const isHanUnit = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
const isLatinLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** What continues a Latin word once it has begun: [A-Za-z0-9'’-]. */
const continuesLatinWord = (c: number) => isLatinLetter(c) || (c >= 48 && c <= 57) || c === 39 || c === 0x2019 || c === 45;

/**
 * Whether Chinese is the text's main script: it has at least as many Han characters as Latin words. One
 * Chinese name in an English question ("What was Muxi (沐曦) valued at…?") does not make it Chinese; a
 * Chinese question about an English command ("Samba 给老客户端默认用的编码怎么改?") stays Chinese. Characters
 * against words, because a Chinese word is one to three characters: a mixed question leans Chinese.
 * Counted in one pass over the code units — the Han characters `[${HAN_RANGE}]` matches and the words
 * /[A-Za-z][A-Za-z0-9'’-]*\/g matches — without the two arrays of matches (it runs on every sentence's language).
 */
export function mainlyHan(text: string): boolean {
  let han = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHanUnit(c)) han++;
    else if (isLatinLetter(c)) {
      latin++;
      while (i + 1 < text.length && continuesLatinWord(text.charCodeAt(i + 1))) i++;
    }
  }
  return han > 0 && han >= latin;
}

/**
 * Scripts that BPE tokenizers spend about one token per character on: Han, Hiragana, Katakana, Hangul.
 * Needs the `u` flag.
 */
export const EAST_ASIAN_SCRIPTS_RANGE = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';

/**
 * The marks a bulleted list item opens with (plain text, Markdown's "*" and "-", a PDF's printed list), for a character
 * class: "-" stays last, where a class reads it as itself and not as a range.
 */
export const BULLET_MARKS = '*•·◦▪‣-';
// The marks of a plain-text list item: the bullets and "+" (Markdown's, and the second level of the Debian Reference's
// text edition: "* GPU 驱动" over "+ Intel GPU 驱动").
export const ITEM_MARKS = `+${BULLET_MARKS}`;
