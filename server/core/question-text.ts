/**
 * Rules for question text, whichever adapter it came through (/api, /v1, Slack), written once so they agree.
 * Lengths are counted in characters (Unicode code points), which is what the error messages say:
 * an emoji or a rare CJK character outside the BMP is one character, not two UTF-16 units.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

/** Code points; cheap for the short texts it is used on, and exact for the common BMP case. */
export function charCount(text: string): number {
  let surrogatePairs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        surrogatePairs++;
        i++;
      }
    }
  }
  return text.length - surrogatePairs;
}
