/**
 * Scripts written without spaces between words. A line break between two such characters is dropped
 * when text is re-flowed (CSS Text 3 segment-break rules); between Latin words it becomes a space.
 */
export const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

export const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK_CHAR.test(ch);

/** The separator to put between two pieces of one re-flowed line: nothing between CJK characters, else one space. */
export function joinSeparator(before: string | undefined, after: string | undefined): string {
  return isCjk(before) && isCjk(after) ? '' : ' ';
}
