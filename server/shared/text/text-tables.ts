import { CJK_UNIFIED_RANGE } from './char-classes.js';

/**
 * Tables drawn in plain text, as manuals and Markdown print them — written once for ingest (a row is one unit, never
 * split or joined) and for answering (a row reads with its column headers):
 *
 *     +--------------+-------+------------------+
 *     |   软件包     |大小   |      说明        |
 *     |--------------+-------+------------------|
 *     |openssl       |2269   |安全套接字层 (SSL)|
 *     |              |       |二进制和相关工具  |
 *
 * A row's cells may wrap over several lines (cell by cell, the lines of one row between two rules).
 */

// A line of a text table: a row ("|a |b |") or a rule or border ("+----+", "|----+----|").
export const TABLE_LINE = /^[ \t\u00a0]*[|+][-=+|]?/;
// A rule or border of a text table: nothing but rule characters. It separates rows and says nothing.
export const TABLE_RULE = /^[ \t\u00a0]*[|+][-=+|: \t\u00a0]*$/;
// A line of a row: opens with a pipe (a rule is not a row).
const ROW_LINE = /^[ \t\u00a0]*\|/;
// The header of a table is at most this many lines (a wrapped header cell), and a row's cells this many.
const MAX_HEADER_LINES = 4;
const MAX_ROW_LINES = 8;
// A table is looked for at most this many lines above a row: a header is near the top of any table a reader can follow.
const MAX_TABLE_LINES = 400;

/** A row of a text table with its table's column headers, cell by cell (the same number of each). */
export interface TextTableRow {
  header: string[];
  cells: string[];
}

const CJK_END = new RegExp(`[${CJK_UNIFIED_RANGE}\u3000-\u303f\uff00-\uffef]$`);
const CJK_START = new RegExp(`^[${CJK_UNIFIED_RANGE}\u3000-\u303f\uff00-\uffef]`);

/** A cell's text over its lines: Chinese runs on without a space ("共" + "享" = "共享"), other text with one. */
function joinCellLines(parts: string[]): string {
  let out = '';
  for (const part of parts) {
    if (!part) continue;
    out = out && !(CJK_END.test(out) && CJK_START.test(part)) ? `${out} ${part}` : out + part;
  }
  return out;
}

/** The cells of a row's lines, column by column, or undefined when the lines do not split into the same columns. */
function cellsOf(lines: string[]): string[] | undefined {
  let columns: string[][] | undefined;
  for (const line of lines) {
    const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
    const cells = inner.split('|').map((c) => c.trim());
    if (!columns) columns = cells.map((c) => [c]);
    else if (cells.length !== columns.length) return undefined;
    else cells.forEach((c, i) => columns![i].push(c));
  }
  return columns?.map(joinCellLines);
}

/** The lines of `text` between two offsets, with where each starts. */
function linesAt(text: string, start: number, end: number): string[] {
  return text.slice(start, end).split('\n');
}

/**
 * The row of a text table that `text` holds between `start` and `end` (a sentence the splitter made of one row), with the
 * column headers of its table. Drawn with pipes: the first row under the table's top, when a rule follows it. Read
 * from HTML, Markdown or Word (a row per paragraph, its cells separated by tabs: ingest/formats/structured-text.ts):
 * the first of the paragraphs above it with as many cells. Undefined for anything else: not a table row, the header
 * itself, a table without a header rule, cells a stray pipe splits unevenly, a sentence that is only part of a row.
 */
export function textTableRow(text: string, start: number, end: number): TextTableRow | undefined {
  return text.slice(start, end).includes('\t') ? tabTableRow(text, start, end) : pipeTableRow(text, start, end);
}

function pipeTableRow(text: string, start: number, end: number): TextTableRow | undefined {
  const own = linesAt(text, start, end);
  if (own.length > MAX_ROW_LINES || !own.every((l) => ROW_LINE.test(l) && !TABLE_RULE.test(l))) return undefined;
  // Up to the table's first line.
  let top = text.lastIndexOf('\n', start - 1) + 1;
  for (let n = 0; top > 0 && n < MAX_TABLE_LINES; n++) {
    const prevStart = text.lastIndexOf('\n', top - 2) + 1;
    if (!TABLE_LINE.test(text.slice(prevStart, top - 1))) break;
    top = prevStart;
  }
  // The header: the row lines after the top border, up to the first rule.
  const header: string[] = [];
  let at = top;
  let ruled = false;
  while (at < start) {
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(at, lineEnd);
    if (TABLE_RULE.test(line)) {
      if (header.length) {
        ruled = true;
        break;
      }
    } else header.push(line);
    if (header.length > MAX_HEADER_LINES) return undefined;
    at = lineEnd + 1;
  }
  if (!ruled) return undefined;
  const headerCells = cellsOf(header);
  const cells = cellsOf(own);
  if (!headerCells || !cells || headerCells.length !== cells.length || headerCells.length < 2) return undefined;
  return { header: headerCells, cells: cells.some(isDitto) ? withoutDittos(cells, pipeRowsAbove(text, at, start, own.length > 1)) : cells };
}

/**
 * The rows between a table's header rule (at `from`) and a row (at `to`), nearest first: the lines between two rules
 * in a table ruled between its rows, else one line each.
 */
function pipeRowsAbove(text: string, from: number, to: number, ruledRows: boolean): string[][] {
  const lines = linesAt(text, from, to).slice(1, -1);
  const ruled = ruledRows || lines.some((l) => TABLE_RULE.test(l));
  const rows: string[][] = [];
  let group: string[] = [];
  for (const line of lines) {
    if (TABLE_RULE.test(line)) {
      if (group.length) rows.push(group);
      group = [];
    } else if (ruled) group.push(line);
    else rows.push([line]);
  }
  if (group.length) rows.push(group);
  return rows
    .reverse()
    .map(cellsOf)
    .filter((r): r is string[] => r !== undefined);
}

// A cell that says "as above" (同上, 〃, ditto; the English Debian Reference writes ", ,").
const DITTO = /^(?:同上|〃|"|''|,\s*,|ditto|do\.)$/i;
const isDitto = (cell: string) => DITTO.test(cell);

/** The row with each "as above" cell replaced by the nearest value above it in its column (rows nearest first). */
function withoutDittos(cells: string[], above: string[][]): string[] {
  return cells.map((cell, k) => {
    if (!isDitto(cell)) return cell;
    const value = above.find((row) => row.length === cells.length && row[k] && !isDitto(row[k]))?.[k];
    return value ?? cell;
  });
}

/** A line's tab-separated cells, trimmed. */
const tabCells = (line: string) => line.split('\t').map((c) => c.trim());

function tabTableRow(text: string, start: number, end: number): TextTableRow | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd === -1) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  // The whole row, or nothing: a quote of the row's cells must be what the citation holds.
  if (end > lineEnd || text.slice(start, end).trim() !== line.trim()) return undefined;
  const cells = tabCells(line);
  if (cells.length < 2) return undefined;
  // Up the rows of the same table: the paragraphs above with as many cells, blank lines between them.
  let header: string[] | undefined;
  const above: string[][] = [];
  let at = lineStart;
  for (let n = 0; at > 0 && n < MAX_TABLE_LINES; n++) {
    let prevEnd = at - 1;
    while (prevEnd > 0 && text[prevEnd - 1] === '\n') prevEnd--;
    const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
    const prev = text.slice(prevStart, prevEnd);
    if (!prev.includes('\t') || tabCells(prev).length !== cells.length) break;
    if (header) above.push(header);
    header = tabCells(prev);
    at = prevStart;
  }
  return header ? { header, cells: cells.some(isDitto) ? withoutDittos(cells, above) : cells } : undefined;
}

/**
 * Whether `text` holds the header row of a table drawn with pipes between `start` and `end`: the column names, not a
 * row of values — only rules above it in the table, a rule right under it. (Not for a table read from HTML or Markdown:
 * its first row is as often a page's navigation bar; measured on the bank, marking it moved answers both ways.)
 */
export function isTableHeader(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  const own = text.slice(lineStart, lineEnd);
  if (!own.split('\n').every((l) => ROW_LINE.test(l) && !TABLE_RULE.test(l))) return false;
  const next = text.slice(lineEnd + 1, text.indexOf('\n', lineEnd + 1) === -1 ? text.length : text.indexOf('\n', lineEnd + 1));
  if (lineEnd >= text.length || !TABLE_RULE.test(next)) return false;
  // Above it, up to the table's top: rules and borders only.
  let top = lineStart;
  for (let n = 0; top > 0 && n < MAX_TABLE_LINES; n++) {
    const prevStart = text.lastIndexOf('\n', top - 2) + 1;
    const prev = text.slice(prevStart, top - 1);
    if (!TABLE_LINE.test(prev)) break;
    if (!TABLE_RULE.test(prev)) return false;
    top = prevStart;
  }
  return true;
}
