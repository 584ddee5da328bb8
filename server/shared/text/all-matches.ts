/**
 * The matches of a global pattern in a text, in order: what [...text.matchAll(pattern)] returns, without the copy of the
 * pattern that matchAll makes on every call (a new RegExp object, found again in the compilation cache: a measurable
 * share of a question's analysis, where a dozen patterns run over the question and its sentences). The matches are
 * collected before the caller sees one, so a caller may use the same pattern again while reading them; its lastIndex
 * is what it was before.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`allMatches needs a global pattern: ${pattern}`);
  const from = pattern.lastIndex;
  const out: RegExpExecArray[] = [];
  try {
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      out.push(m);
      // An empty match moves on by one character (a code point under the u or v flag), as matchAll does.
      if (m[0] === '') pattern.lastIndex = advance(text, pattern.lastIndex, pattern.unicode || pattern.flags.includes('v'));
    }
  } finally {
    pattern.lastIndex = from;
  }
  return out;
}

function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const c = text.charCodeAt(index);
  const next = text.charCodeAt(index + 1);
  return c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}
