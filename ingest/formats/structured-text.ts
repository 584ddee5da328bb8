import { joinSeparator } from '../../server/shared/text/cjk.js';
import { MAX_WRAPPED_ROW_LINES, TABLE_RULE } from '../../server/shared/text/text-tables.js';
import type { HeadingRange, TextRange } from './extracted-document.js';

/** Heading levels of sections (h1–h6); a deeper level is a definition list's term (html-format.ts TERM_LEVEL). */
const SECTION_LEVELS = 6;

type Pending = '' | ' ' | 'soft' | '\t' | '\n' | '\n\n';

/** The builder's whole state at one point, to go back to (see StructuredTextBuilder.rollback). */
export interface TextCheckpoint {
  readonly parts: number;
  readonly length: number;
  readonly last: string | undefined;
  readonly pending: Pending;
  readonly headingStack: ReadonlyArray<{ level: number; text: string }>;
  readonly headings: number;
  readonly codeBlocks: number;
  readonly rangeStart: number;
  readonly firstHeading: { level: number; text: string } | undefined;
  readonly written: boolean;
}
const STRENGTH: Record<Pending, number> = { '': 0, soft: 1, ' ': 2, '\t': 3, '\n': 4, '\n\n': 5 };

/**
 * Builds the plain text of a structured document (HTML, Markdown, Word) the way a reader sees it:
 * blocks (paragraphs, list items, table rows, headings) separated by a blank line, so the sentence
 * splitter never runs two blocks together; whitespace inside a block collapsed; a source line break
 * between two CJK characters dropped (it is not a space in Chinese); table cells separated by a tab, or a table with
 * a header row drawn (drawnTable).
 * Records the heading path of every range of the text, and where its code blocks are, as it goes.
 */
export class StructuredTextBuilder {
  private parts: string[] = [];
  private length = 0;
  private last: string | undefined;
  private pending: Pending = '';
  private headingStack: Array<{ level: number; text: string }> = [];
  private headings: HeadingRange[] = [];
  private codeBlocks: TextRange[] = [];
  private rangeStart = 0;
  private firstHeading: { level: number; text: string } | undefined;
  /** Text (not only breaks) was written since the current range started: a range of blank lines is not recorded. */
  private written = false;
  /** Where the last drawn table ended (-1: none). */
  private drawnEnd = -1;

  get offset(): number {
    return this.length;
  }

  /** Inline text; runs of whitespace collapse to one space (or to nothing across a line break between CJK characters). */
  text(raw: string): void {
    const re = /(\s+)|(\S+)/g;
    for (const m of raw.matchAll(re)) {
      if (m[1] !== undefined) this.space(/[\n\r]/.test(m[1]) ? 'soft' : ' ');
      else this.emit(m[2]);
    }
  }

  /** Preformatted text (code): kept verbatim, line breaks included, its range recorded as a code block. */
  preformatted(raw: string): void {
    const lines = raw.replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n');
    let start: number | undefined;
    lines.forEach((line, i) => {
      if (i > 0) this.break('\n');
      if (line.trim() === '') return;
      const text = line.replace(/\s+$/, '');
      this.emit(text);
      start ??= this.length - text.length;
    });
    if (start !== undefined) this.codeBlocks.push({ start, end: this.length });
  }

  space(kind: ' ' | 'soft' = ' '): void {
    this.raise(kind);
  }

  lineBreak(): void {
    this.break('\n');
  }

  cell(): void {
    this.break('\t');
  }

  endBlock(): void {
    this.break('\n\n');
  }

  /**
   * A table with a header row (the first of `rows`, as drawableRows gives them), drawn as a plain-text manual draws one: a
   * line per row, its cells between pipes, a rule ("+---+---+") under the header — the answerer reads each row with its
   * column headers (server/shared/text/text-tables.ts). A table of a few rows has a rule between them too: a few lines
   * between two rules read as one row whose cells wrap. Whitespace in a cell collapses, to nothing across a line break
   * between Chinese characters.
   */
  drawnTable(rows: readonly (readonly string[])[]): void {
    this.endBlock();
    const rule = `+${rows[0].map(() => '---').join('+')}+`;
    const ruled = rows.length - 1 <= MAX_WRAPPED_ROW_LINES;
    rows.forEach((cells, i) => {
      if (i === 1 || (i > 1 && ruled)) {
        this.break('\n');
        this.emit(rule);
      }
      if (i > 0) this.break('\n');
      this.emit(drawnRow(cells));
    });
    this.endBlock();
    this.drawnEnd = this.length;
  }

  /** Nothing has been written since a drawn table ended: a table drawn now would read as its continuation. */
  get afterDrawnTable(): boolean {
    return this.drawnEnd === this.length;
  }

  /** A heading: its own block, and from here on the heading path of the text. */
  heading(level: number, text: string): void {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (!clean) return;
    this.endBlock();
    this.flushPendingBreak();
    this.closeRange();
    this.popHeadings(level);
    this.headingStack.push({ level, text: clean });
    // A term is no title candidate ("Author" of a field list before the page's <h1>).
    if (level <= SECTION_LEVELS) this.firstHeading ??= { level, text: clean };
    this.emit(clean);
    this.endBlock();
  }

  /**
   * Leaves every heading at `level` or deeper: the text from here on is no longer under them (an HTML definition
   * list ends, and with it its last term's description).
   */
  leaveHeadings(level: number): void {
    if (!this.headingStack.some((h) => h.level >= level)) return;
    this.closeRange();
    this.popHeadings(level);
  }

  /** Off the heading path: every heading at `level` or deeper (a new heading replaces them, or their text ended). */
  private popHeadings(level: number): void {
    while (this.headingStack.length > 0 && this.headingStack[this.headingStack.length - 1].level >= level) this.headingStack.pop();
  }

  /**
   * The state now, so that text, breaks and headings added after it can be taken back (an element read
   * before it is known whether it is content, e.g. an HTML sidebar). Parts are append-only and heading
   * ranges only ever appended, so the state is their lengths plus the few scalars.
   */
  checkpoint(): TextCheckpoint {
    return {
      parts: this.parts.length,
      length: this.length,
      last: this.last,
      pending: this.pending,
      headingStack: [...this.headingStack],
      headings: this.headings.length,
      codeBlocks: this.codeBlocks.length,
      rangeStart: this.rangeStart,
      firstHeading: this.firstHeading,
      written: this.written,
    };
  }

  /** Back to a checkpoint: as if nothing had been added since (offsets, heading ranges and pending break included). */
  rollback(cp: TextCheckpoint): void {
    this.parts.length = cp.parts;
    this.length = cp.length;
    this.last = cp.last;
    this.pending = cp.pending;
    this.headingStack = [...cp.headingStack];
    this.headings.length = cp.headings;
    this.codeBlocks.length = cp.codeBlocks;
    this.rangeStart = cp.rangeStart;
    this.firstHeading = cp.firstHeading;
    this.written = cp.written;
  }

  /** The first top-level heading seen (a title candidate). */
  get topHeading(): string | undefined {
    return this.firstHeading?.text;
  }

  finish(): { text: string; headings: HeadingRange[]; codeBlocks: TextRange[] } {
    this.closeRange();
    return { text: this.parts.join(''), headings: this.headings, codeBlocks: this.codeBlocks };
  }

  private closeRange(): void {
    const end = this.length;
    if (end > this.rangeStart && this.headingStack.length > 0 && this.written) {
      const innermost = this.headingStack[this.headingStack.length - 1];
      const path = this.headingStack.map((h) => h.text);
      this.headings.push(innermost.level > SECTION_LEVELS ? { start: this.rangeStart, end, path, term: true } : { start: this.rangeStart, end, path });
    }
    this.rangeStart = end;
    this.written = false;
  }

  private break(kind: '\t' | '\n' | '\n\n'): void {
    if (this.length === 0) return; // nothing before it: no leading blank lines
    this.raise(kind);
  }

  private raise(kind: Pending): void {
    if (STRENGTH[kind] > STRENGTH[this.pending]) this.pending = kind;
  }

  private flushPendingBreak(): void {
    if (this.pending === '\n' || this.pending === '\n\n' || this.pending === '\t') this.put(this.pending);
    this.pending = '';
  }

  private emit(chunk: string): void {
    const afterSpace = this.last === undefined || /\s/.test(this.last);
    if (this.pending === 'soft') {
      if (!afterSpace && joinSeparator(this.last, chunk[0])) this.put(' ');
    } else if (this.pending === ' ') {
      if (!afterSpace) this.put(' ');
    } else if (this.pending !== '' && this.length > 0) this.put(this.pending);
    this.pending = '';
    this.put(chunk);
    this.written = true;
  }

  private put(s: string): void {
    this.parts.push(s);
    this.length += s.length;
    this.last = s[s.length - 1];
  }
}

// A drawn row longer than this is prose laid out in a table (a requirement, a note): one sentence of it would be too long.
const MAX_DRAWN_ROW = 400;

/** A cell as drawn: whitespace collapsed, to nothing across a line break between Chinese characters. */
function drawnCell(cell: string): string {
  return cell
    .replace(/\s*\n\s*/g, (m, at: number, all: string) => joinSeparator(all[at - 1], all[at + m.length]))
    .replace(/\s+/g, ' ')
    .trim();
}

const drawnRow = (cells: readonly string[]) => `|${cells.map(drawnCell).join(' |')} |`;

/**
 * The rows of a table to draw with its first row as the header, each padded to the header's width — or undefined when it
 * cannot be drawn and read back as it was: a row wider than the header, no header cell that says something, a cell that
 * holds a pipe (a shell pipeline, "a|b": it would split the cell, and a command must be quoted as written), a row that
 * reads as a rule ("|- |- |") or is longer than MAX_DRAWN_ROW.
 */
export function drawableRows(rows: readonly (readonly string[])[]): string[][] | undefined {
  const width = rows[0]?.length ?? 0;
  if (rows.length < 2 || width < 2 || rows.some((r) => r.length > width) || rows[0].every((c) => !drawnCell(c))) return undefined;
  const padded = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  const drawable = padded.every((cells) => {
    const line = drawnRow(cells);
    return !cells.some((c) => c.includes('|')) && line.length <= MAX_DRAWN_ROW && !TABLE_RULE.test(line);
  });
  return drawable ? padded : undefined;
}
