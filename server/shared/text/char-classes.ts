/**
 * Character classes, written once for the whole system. The ranges are regular-expression source,
 * to be placed inside a bracket class of a larger pattern (`new RegExp(`[${HAN_RANGE}]+`, 'g')`).
 */

/**
 * Han ideographs: CJK Unified Ideographs with Extension A (U+3400–U+9FFF) and the compatibility block
 * (U+F900–U+FAFF). What the tokenizer hands to jieba and cuts into bigrams.
 */
export const HAN_RANGE = '\\u3400-\\u9fff\\uf900-\\ufaff';

const HAN = new RegExp(`[${HAN_RANGE}]`);

/** Whether the text holds at least one Han ideograph. */
export const hasHan = (text: string): boolean => HAN.test(text);

/**
 * Scripts that BPE tokenizers spend about one token per character on: Han, Hiragana, Katakana, Hangul.
 * Needs the `u` flag.
 */
export const EAST_ASIAN_SCRIPTS_RANGE = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
