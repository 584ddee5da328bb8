// CJK symbols and punctuation, and the full-width forms (、。「」，：（）！): set with their own spacing.
const FULL_WIDTH_RANGE = '\\u3000-\\u303f\\uff00-\\uffef';
/**
 * Scripts written without spaces between words. A line break between two such characters is dropped
 * when text is re-flowed (CSS Text 3 segment-break rules); between Latin words it becomes a space.
 */
export const CJK_CHAR = new RegExp(`[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}${FULL_WIDTH_RANGE}]`, 'u');
const FULL_WIDTH = new RegExp(`[${FULL_WIDTH_RANGE}]`);

export const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK_CHAR.test(ch);

/** A CJK punctuation mark or full-width form: it carries its own space, none is added beside it. */
export const isFullWidth = (ch: string | undefined): boolean => ch !== undefined && FULL_WIDTH.test(ch);

/** The separator to put between two pieces of one re-flowed line: nothing between CJK characters, else one space. */
export function joinSeparator(before: string | undefined, after: string | undefined): string {
  return isCjk(before) && isCjk(after) ? '' : ' ';
}
