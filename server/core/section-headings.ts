import { sentenceAsRead, type LoadedIndex } from '../shared/index-format/loaded-index.js';
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
/** Between the headings of a path, outermost first ("Installation › Network"). */
const PATH_SEPARATOR = ' › ';
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
  /** Per sentence: it is a plain-text label line (label-lines.ts), whose own heading is the label or section it sits in. */
  label: Uint8Array;
  /** Per sentence of a plain-text document: the document's title line (its first sentence, when that reads as a title; -1: none). */
  title: Int32Array;
}

const MAX_TITLE = 90;

/** A document's first sentence is its title when it is one short line without closing punctuation ("CP(1)  User Commands  CP(1)"). */
function titleLike(text: string): boolean {
  const t = text.trim();
  return t !== '' && !t.includes('\n') && t.replace(/\s+/g, ' ').length <= MAX_TITLE && !/[。.!?！？;；:：,，]$/.test(t);
}

/** The heading sentence last seen at `depth` of a recorded path, when it says that path's element there (-1: none). */
function sentenceAtDepth(headingAtDepth: ReadonlyArray<{ sentence: number; text: string } | undefined>, path: readonly string[], depth: number): number {
  const seen = headingAtDepth[depth];
  return seen !== undefined && seen.text === path[depth] ? seen.sentence : -1;
}

const cache = new WeakMap<LoadedIndex, Structure>();

/** Computed once per index. */
function structure(index: LoadedIndex): Structure {
  let out = cache.get(index);
  if (out) return out;
  const headingOf = new Int32Array(index.sentences.length).fill(-1);
  const heading = new Uint8Array(index.sentences.length);
  const headingSentence = new Int32Array(index.sentences.length).fill(-1);
  const label = new Uint8Array(index.sentences.length);
  const title = new Int32Array(index.sentences.length).fill(-1);
  let doc = -1;
  let docTitle = -1;
  let current = -1;
  let rangeHeading = -1;
  // Plain text: the document's label lines (start offset → column) and the labels whose blocks are open.
  let labels: Map<number, number> | undefined;
  const labelStack: Array<{ indent: number; sentence: number }> = [];
  // Structured text: the range the last sentence was in, and the heading sentence of each depth of the path so far — a
  // range need not open on its heading's line (after an HTML definition list the text goes back to the section's path).
  let lastRange = -1;
  const headingAtDepth: Array<{ sentence: number; text: string }> = [];
  index.sentences.forEach(([d, start, end], i) => {
    const document = index.documents[d];
    if (d !== doc) {
      doc = d;
      current = -1;
      rangeHeading = -1;
      lastRange = -1;
      headingAtDepth.length = 0;
      labels = undefined;
      labelStack.length = 0;
      docTitle = !document.headings?.length && titleLike(document.text.slice(start, end)) ? i : -1;
      // The title is context, not an answer (a question about the title itself is answered from the document's metadata).
      if (docTitle === i) heading[i] = 1;
    }
    if (docTitle >= 0 && docTitle !== i) title[i] = docTitle;
    const ranges = document.headings;
    if (ranges?.length) {
      // Sentences and recorded ranges both run in text order: one forward walk per document.
      if (current < 0) current = 0;
      while (current < ranges.length && ranges[current].end <= start) current++;
      const range = ranges[current];
      if (range && start >= range.start) {
        headingOf[i] = current;
        if (current !== lastRange) {
          lastRange = current;
          const depth = range.path.length - 1;
          const own = range.path[depth];
          // The heading's own block opens its range and says the path's last element; a range that opens otherwise is
          // under the heading sentence last seen at its depth, when that says the same.
          if (range.start === start && document.text.slice(start, end).trim() === own) {
            headingAtDepth.length = depth;
            headingAtDepth[depth] = { sentence: i, text: own };
            rangeHeading = i;
          } else rangeHeading = sentenceAtDepth(headingAtDepth, range.path, depth);
        }
        // A heading's own section is its parent's, as in plain text (a label's heading is the label or section it sits
        // in): an HTML definition list records each term as a heading one level down ("Command line options" › "--fast"),
        // and without this its terms and their descriptions lost the section heading over the list.
        if (rangeHeading === i) {
          heading[i] = 1;
          headingSentence[i] = sentenceAtDepth(headingAtDepth, range.path, range.path.length - 2);
        } else headingSentence[i] = rangeHeading;
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
      label[i] = 1;
      labelStack.push({ indent: labelIndent, sentence: i });
    }
  });
  out = { headingOf, heading, headingSentence, label, title };
  cache.set(index, out);
  return out;
}

/** Whether a sentence is a section heading (context for the sentences under it, not an answer). */
export function headingSentence(index: LoadedIndex, sentence: number): boolean {
  return structure(index).heading[sentence] === 1;
}

/**
 * Whether a sentence is a plain-text label line (label-lines.ts: "-E, --extended-regexp", "Pattern Syntax") —
 * the name of the block indented under it, as a term of a definition list is, not a statement of its own.
 */
export function labelSentence(index: LoadedIndex, sentence: number): boolean {
  return structure(index).label[sentence] === 1;
}

/** The sentence that is the heading of the section `sentence` is in (-1: none), e.g. to search headings as a field of their sentences. */
export function headingSentenceOf(index: LoadedIndex, sentence: number): number {
  return structure(index).headingSentence[sentence];
}

/** The title line of a plain-text document, for every other sentence of it (-1: none): a field of its sentences, as a heading is. */
export function titleSentenceOf(index: LoadedIndex, sentence: number): number {
  return structure(index).title[sentence];
}

/**
 * The heading of the section a sentence is in, joined if it was hard-wrapped; undefined when there is none.
 * For a structured document, its whole recorded heading path ("Installation › Network"), outermost first.
 * For plain text, the document's title line, the numbered heading, and the labels the sentence sits under
 * ("CP(1) User Commands CP(1) › OPTIONS › -u, --update").
 */
export function sectionHeading(index: LoadedIndex, sentence: number): string | undefined {
  const document = index.documents[index.sentences[sentence][0]];
  const s = structure(index);
  const h = s.headingOf[sentence];
  if (h >= 0 && document.headings?.length) return document.headings[h].path.join(PATH_SEPARATOR);
  const text = (i: number) => sentenceAsRead(index, i).replace(/\s+/g, ' ').trim();
  const path: string[] = [];
  // Labels nest (their heading is the label or section they sit in); a numbered heading's is only its predecessor.
  for (let at = h; at >= 0; at = s.label[at] ? s.headingOf[at] : -1) path.unshift(text(at));
  const t = s.title[sentence];
  if (t >= 0 && t !== h && !(s.label[t] && path.length)) path.unshift(text(t));
  return path.length ? path.join(PATH_SEPARATOR) : undefined;
}

/** The innermost heading of a path as sectionHeading writes it ("Frob › frob.spin(speed)" → "frob.spin(speed)"). */
export function innermostHeading(path: string | undefined): string | undefined {
  return path?.split(PATH_SEPARATOR.trim()).pop()?.trim();
}
