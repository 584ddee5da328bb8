import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import { joinWrappedLines } from '../shared/text/line-joins.js';

/**
 * Document structure as context: every sentence carries the heading of the section it is in (in a
 * manual or a FAQ the question often says what the heading says, the sentence only the rest).
 * A heading is a short sentence opened by a section number ("3.1.2.", "第 3 章", "一、") or a
 * Markdown "#", without closing punctuation.
 */
const HEADING = /^(?:#{1,6}\s*|(?:chapter|section|第)?\s*\d+(?:\.\d+)*\.?[\s\u00a0]|[一二三四五六七八九十]+[、.．]|第\s*[一二三四五六七八九十\d]+\s*[章节部分])/i;
const MAX_HEADING = 90;

export function isHeading(text: string): boolean {
  const t = text.trim();
  return t.length <= MAX_HEADING && HEADING.test(t) && !/[。.!?！？]$/.test(t);
}

const cache = new WeakMap<LoadedIndex, Int32Array>();

/** Per sentence: the index of the heading sentence above it in the same document (-1: none). Computed once per index. */
function headingIndex(index: LoadedIndex): Int32Array {
  let out = cache.get(index);
  if (out) return out;
  out = new Int32Array(index.sentences.length).fill(-1);
  let doc = -1;
  let current = -1;
  index.sentences.forEach(([d, start, end], i) => {
    if (d !== doc) {
      doc = d;
      current = -1;
    }
    out![i] = current;
    if (isHeading(index.documents[d].text.slice(start, end))) current = i;
  });
  cache.set(index, out);
  return out;
}

/** The heading of the section a sentence is in, joined if it was hard-wrapped; undefined when there is none. */
export function sectionHeading(index: LoadedIndex, sentence: number): string | undefined {
  const h = headingIndex(index)[sentence];
  if (h < 0) return undefined;
  const [d, start, end] = index.sentences[h];
  return joinWrappedLines(index.documents[d].text.slice(start, end));
}
