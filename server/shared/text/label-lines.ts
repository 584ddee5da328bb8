import { ITEM_MARKS } from './char-classes.js';
import { TABLE_LINE } from './text-tables.js';
/**
 * Label lines of plain text laid out by indentation: a short line that opens a block and whose next line is
 * indented deeper is the label of that block — a man page's "OPTIONS", "Pattern Syntax" and
 * "-E, --extended-regexp" over the paragraph that explains it, a `--help` listing, an indented outline.
 * Ingest keeps such a line a paragraph of its own (hard-wrapped text would otherwise run it into the
 * sentence below it); the answerer takes it as the heading of the block under it.
 */

/** A label is at most this many columns wide: a term or a title, not a line of prose. */
const MAX_LABEL_WIDTH = 48;
/** The block under a label is indented at least this much deeper than the label. */
const MIN_STEP = 2;
// A line that ends a clause or announces what follows ("Example:") is prose, not a label; a bullet or a
// numbered item is an item of a list, a label only as a nested list's term (termItem; numbered headings have their own
// rule, see core/section-headings.ts).
const ENDS_PROSE = /[.。!?！？;；:：,，、]$/;
// (groff's "o" bullet besides the bullet marks.)
const ITEM = new RegExp(`^(?:[o${ITEM_MARKS}]\\s|\\d+(?:\\.\\d+)*[.)]?\\s)`);
// Text tables and rules (text-tables.ts TABLE_LINE) are rows, not labels. A line of code opens a block too ("if [ … ];
// then", "server.on('error', (err) => {", "$ sudo rdiff-backup … \\"): a prompt, a statement separator, or a line that
// ends on an opening bracket, an operator or a line continuation is code.
const CODE = /^[$#%>]\s|;\s|[{(\[\\=|&]$|=>$/;

/** Columns of leading whitespace (a tab counts 8, as a terminal shows it). */
export function indentWidth(line: string): number {
  let w = 0;
  for (const c of line) {
    if (c === ' ' || c === '\u00a0' || c === '\u3000') w++;
    else if (c === '\t') w += 8 - (w % 8);
    else break;
  }
  return w;
}

export interface LabelLine {
  /** Offset of the label's first non-blank character. */
  start: number;
  /** Offset just past its last non-blank character. */
  end: number;
  indent: number;
}

/** Short enough to name a block, and saying no clause: no closing or announcing punctuation, no line of code. */
const labelShaped = (line: string): boolean => [...line].length <= MAX_LABEL_WIDTH && !ENDS_PROSE.test(line) && !CODE.test(line);

/**
 * A list item that is the term of a nested list: a short item that says no clause ("* "推荐"", "* Hard link") whose next
 * non-blank line is an item indented a step deeper than the term's own text — the Debian Reference's text edition
 * writes a definition list so ("* term" over "+ its description"), an outline its groups. A hard-wrapped item goes on
 * at its text's column or one deeper, and mostly with no mark ("* …（参见第" over " 7.6 节 “沙盒”）", which reads as a
 * numbered item): no label.
 */
function termItem(text: string, lineEnd: number, indent: number, markWidth: number, term: string): boolean {
  if (!labelShaped(term)) return false;
  let from = lineEnd + 1;
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to === -1) to = text.length;
    const next = text.slice(from, to);
    const trimmed = next.trim();
    if (trimmed !== '') return indentWidth(next) >= indent + markWidth + MIN_STEP && ITEM.test(trimmed);
    from = to + 1;
  }
  return false;
}

/**
 * The label lines of a text, in order. A label opens a block: the line before it is blank (or the text's
 * start) or is itself a label one level up ("OPTIONS" over "Pattern Syntax").
 */
export function labelLines(text: string): LabelLine[] {
  const out: LabelLine[] = [];
  let previousBlank = true;
  let previousLabel = false;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    const trimmed = line.trim();
    const indent = indentWidth(line);
    const item = ITEM.exec(trimmed);
    let label: boolean;
    if (item) {
      const term = trimmed.slice(item[0].length).trimStart();
      label = termItem(text, lineEnd, indent, trimmed.length - term.length, term);
    } else if (trimmed !== '' && (previousBlank || previousLabel) && labelShaped(trimmed) && !TABLE_LINE.test(trimmed)) {
      const nextEnd = text.indexOf('\n', lineEnd + 1);
      const next = lineEnd < text.length ? text.slice(lineEnd + 1, nextEnd === -1 ? text.length : nextEnd) : '';
      label = next.trim() !== '' && indentWidth(next) >= indent + MIN_STEP;
    } else label = false;
    if (label) {
      const start = lineStart + line.length - line.trimStart().length;
      out.push({ start, end: start + trimmed.length, indent });
    }
    previousBlank = trimmed === '';
    previousLabel = label;
    lineStart = lineEnd + 1;
  }
  return out;
}
