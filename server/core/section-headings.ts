import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import { joinWrappedLines } from '../shared/text/line-joins.js';
import { indentWidth, labelLines } from '../shared/text/label-lines.js';

/**
 * Document structure as context: every sentence carries the heading of the section it is in (in a
 * manual or a FAQ the question often says what the heading says, the sentence only the rest).
 * Structured formats (Markdown, HTML, Word, PDF outlines) record their heading paths at ingest; in plain
 * text a heading is a short sentence opened by a section number ("3.1.2.", "第 3 章", "一、") or a
 * Markdown "#", without closing punctuation, that starts its line: an indented "# dmesg -n3" is a root
 * shell prompt in a code block (four columns of indent make a code block in Markdown too), not a heading.
 * A plain-text document laid out by indentation (a man page, a `--help` listing) has label lines over the
 * blocks indented under them (label-lines.ts): a label is the heading of its block while the text stays
 * indented deeper than the label, so "-E, --extended-regexp" heads the sentences explaining it and no more.
 */
const HEADING = /^(?:#{1,6}\s*|(?:chapter|section|第)?\s*\d+(?:\.\d+)*\.?[\s\u00a0]|[一二三四五六七八九十]+[、.．]|第\s*[一二三四五六七八九十\d]+\s*[章节部分])/i;
const MAX_HEADING = 90;
const MAX_INDENT = 3;

/** The sentence's wording looks like a heading (its position on the line is not known here: see headingSentence). */
export function isHeading(text: string): boolean {
  const t = text.trim();
  return t.length <= MAX_HEADING && HEADING.test(t) && !/[。.!?！？]$/.test(t);
}

/** Columns of whitespace between the line start and `start`; Infinity when something else precedes it on the line. */
function indentOf(text: string, start: number): number {
  let columns = 0;
  for (let i = start - 1; i >= 0 && text[i] !== '\n'; i--) {
    if (!/\s/.test(text[i])) return Infinity;
    columns += text[i] === '\t' ? 4 : 1;
  }
  return columns;
}

/** Columns of indent of the line `start` is on. */
function lineIndent(text: string, start: number): number {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return indentWidth(text.slice(lineStart, start + 1));
}

interface Structure {
  /**
   * Per sentence: in a plain-text document the heading sentence above it; in a structured one the index of
   * its range in the document's recorded headings (-1: none).
   */
  headingOf: Int32Array;
  /** Per sentence: it is a heading (by its wording and line position, or by the document's recorded structure). */
  heading: Uint8Array;
  /** Per sentence: the heading sentence of its section (-1: none, or the section's heading is not a sentence of the text). */
  headingSentence: Int32Array;
}

const cache = new WeakMap<LoadedIndex, Structure>();

/** Computed once per index. */
function structure(index: LoadedIndex): Structure {
  let out = cache.get(index);
  if (out) return out;
  const headingOf = new Int32Array(index.sentences.length).fill(-1);
  const heading = new Uint8Array(index.sentences.length);
  const headingSentence = new Int32Array(index.sentences.length).fill(-1);
  let doc = -1;
  let current = -1;
  let rangeHeading = -1;
  // Plain text: the document's label lines (start offset → column) and the labels whose blocks are open.
  let labels: Map<number, number> | undefined;
  const labelStack: Array<{ indent: number; sentence: number }> = [];
  index.sentences.forEach(([d, start, end], i) => {
    const document = index.documents[d];
    if (d !== doc) {
      doc = d;
      current = -1;
      rangeHeading = -1;
      labels = undefined;
      labelStack.length = 0;
    }
    const ranges = document.headings;
    if (ranges?.length) {
      // Sentences and recorded ranges both run in text order: one forward walk per document.
      if (current < 0) current = 0;
      while (current < ranges.length && ranges[current].end <= start) current++;
      const range = ranges[current];
      if (range && start >= range.start) {
        headingOf[i] = current;
        // The heading's own block opens its range and says the path's last element.
        if (range.start === start) rangeHeading = document.text.slice(start, end).trim() === range.path[range.path.length - 1] ? i : -1;
        if (rangeHeading === i) heading[i] = 1;
        else headingSentence[i] = rangeHeading;
      }
      return;
    }
    if (labels === undefined) labels = document.format === 'txt' ? new Map(labelLines(document.text).map((l) => [l.start, l.indent])) : new Map();
    const labelIndent = labels.get(start);
    const indent = labelIndent ?? lineIndent(document.text, start);
    // Leaving a label's block (back at or left of the label's column) leaves its section.
    while (labelStack.length > 0 && labelStack[labelStack.length - 1].indent >= indent) labelStack.pop();
    const above = labelStack.length > 0 ? labelStack[labelStack.length - 1].sentence : current;
    headingOf[i] = above;
    headingSentence[i] = above;
    if (isHeading(document.text.slice(start, end)) && indentOf(document.text, start) <= MAX_INDENT) {
      heading[i] = 1;
      current = i;
      labelStack.length = 0;
    } else if (labelIndent !== undefined) {
      heading[i] = 1;
      labelStack.push({ indent: labelIndent, sentence: i });
    }
  });
  out = { headingOf, heading, headingSentence };
  cache.set(index, out);
  return out;
}

/** Whether a sentence is a section heading (context for the sentences under it, not an answer). */
export function headingSentence(index: LoadedIndex, sentence: number): boolean {
  return structure(index).heading[sentence] === 1;
}

/** The sentence that is the heading of the section `sentence` is in (-1: none), e.g. to search headings as a field of their sentences. */
export function headingSentenceOf(index: LoadedIndex, sentence: number): number {
  return structure(index).headingSentence[sentence];
}

/**
 * The heading of the section a sentence is in, joined if it was hard-wrapped; undefined when there is none.
 * For a structured document, its whole recorded heading path ("Installation › Network"), outermost first.
 */
export function sectionHeading(index: LoadedIndex, sentence: number): string | undefined {
  const document = index.documents[index.sentences[sentence][0]];
  const h = structure(index).headingOf[sentence];
  if (h < 0) return undefined;
  if (document.headings?.length) return document.headings[h].path.join(' › ');
  const [hd, hs, he] = index.sentences[h];
  return joinWrappedLines(index.documents[hd].text.slice(hs, he));
}
