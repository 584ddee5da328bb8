import { joinSeparator } from './cjk.js';

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
 * A row's cells may wrap over several lines (cell by cell, the lines of one row between two rules). groff's tables in a
 * man page rendered to UTF-8 are drawn with box-drawing characters instead — "│" between
 * cells, "┌──┬──┐", "├──┼──┤" rules — and read the same way.
 * Tables read from HTML, Markdown or Word with a header row are drawn so at extraction (StructuredTextBuilder.drawnTable,
 * without a top border, "+---+" rules), and read here the same way; one without a header row stays cells between tabs,
 * not read by column (no row says it names the columns).
 */

// The box-drawing verticals (│ ┃ ║), and with the pipe the characters between two cells.
const BOX_BAR = '\u2502\u2503\u2551';
const BAR = `|${BOX_BAR}`;
// The box-drawing block (lines, corners, junctions: ─ ┌ ┬ ┼ ├ ═ ╞ …), which a drawn rule is made of.
const BOX = '\u2500-\u257f';
const SPACE = String.raw`[ \t\u00a0]`;
// A line drawn with box-drawing characters, row or rule ("│/usr/bin │…│", "├────┼────┤"): laid out by the table, not
// wrapped at the page's width (line-joins.ts leaves it out when judging that).
export const BOX_DRAWN_LINE = new RegExp(`^${SPACE}*[${BOX}]`);
// A line of a table drawn with box characters that is a row: it closes with a vertical ("│ a │ b │"), and opens with one
// or — beside a cell spanning rows, whose rule stops at it — with a junction ("├──────┤ configuration created │").
const BOX_ROW_BODY = String.raw`[${BOX}][^\n]*[${BOX_BAR}]${SPACE}*(?:\n|$)`;
const BOX_ROW = new RegExp(`^${SPACE}*${BOX_ROW_BODY}`);
// A line of a text table: a row ("|a |b |") or a rule or border ("+----+", "|----+----|", a grid table's "+:===+");
// not a "+ " list item. Box-drawn, a row (BOX_ROW) or a rule, nothing but box characters: a tree drawn with them
// ("├─1 /sbin/init", "│ └─sshd") is neither.
export const TABLE_LINE = new RegExp(String.raw`^${SPACE}*(?:\||\+[-=+|:]|${BOX_ROW_BODY}|[${BOX}][${BOX} \t\u00a0]*(?:\n|$))`);
// A rule or border of a text table: nothing but rule characters. It separates rows and says nothing.
export const TABLE_RULE = new RegExp(String.raw`^${SPACE}*[|+${BOX}][-=+|: \t\u00a0${BOX}]*$`);
// A paragraph that is one row of a text table ("|NORMAL |:q! |force to quit vim |"): its cells say one thing together,
// and a "!" or "." in a cell (":q!", "e.g. ") ends no sentence.
export const TABLE_ROW = new RegExp(String.raw`^${SPACE}*(?:[${BAR}][^\n]*[${BAR}]${SPACE}*(?:\n|$)|${BOX_ROW_BODY})`);
// A table's numbered caption ("Table 12.15. List of memory leak detection tools", "表 12.19. 源代码转换工具列表"; the
// Debian Reference puts a no-break space after the number): its number ends with a dot, as prose's "Table 3 shows…" does not.
export const TABLE_CAPTION = /^(?:Table|表)\s*\d+(?:\.\d+)*\.\s/;
// A line of a row: opens with a pipe or a box-drawing vertical (a rule is not a row).
const ROW_LINE = new RegExp(`^${SPACE}*[${BAR}]`);
// Content lines between two rules that are one row with wrapped cells ("|ibus-keyman |V:0, |…|" then
// "|            |I:0  |for over 2000 languages|"): a table ruled between every row has groups this small;
// one ruled only under its header has one long group of one-line rows.
export const MAX_WRAPPED_ROW_LINES = 4;
// …or up to this many in a table ruled between its rows (three groups or more: the header and two rows at least) when
// only one of the lines has a first cell (a note cell of five lines, "Chrome OS: / Arimo, Tinos / and Cousine /
// (Google, / MCMATC)", beside one package name): the others continue its cells. Five one-line rows each have their
// first cell and its middle columns fill no more than two lines; a table ruled only under its header has two groups, its
// whole body one of them. (16: the Debian Reference wraps a list of commands over ten lines beside "cups-client"; 8 read
// that row line by line.)
const MAX_ONE_NAME_ROW_LINES = 16;
// The header of a table is at most this many lines (a wrapped header cell).
const MAX_HEADER_LINES = 4;
// A table is read at most this many lines above a row: a row further down is not read by column (its header unknown).
const MAX_TABLE_LINES = 400;

interface Span {
  start: number;
  end: number;
}

/** The line of `text` that starts at `start`, as a span (its end is the newline or the text's end). */
function lineAt(text: string, start: number): Span {
  const end = text.indexOf('\n', start);
  return { start, end: end === -1 ? text.length : end };
}

const isRuleLine = (text: string, l: Span) => TABLE_RULE.test(text.slice(l.start, l.end));
// A line a table is drawn with: a row or a rule ("+ item", a Markdown bullet, is neither).
const isDrawnLine = (line: string) => ROW_LINE.test(line) || TABLE_RULE.test(line) || BOX_ROW.test(line);

// A row line whose first cell holds something ("|fonts-croscore |I:44 |…"), not a continuation ("|   |   |and Cousine |").
const FIRST_CELL_FILLED = new RegExp(String.raw`^${SPACE}*[${BAR}]${SPACE}*[^${BAR}\s]`);

/**
 * Lines between two rules that read as one row: few, or — in a table of `groups` groups of lines between its rules —
 * only one of them opening with a first cell.
 */
function isOneRow(text: string, group: Span[], groups: number): boolean {
  if (group.length <= MAX_WRAPPED_ROW_LINES) return true;
  if (group.length > MAX_ONE_NAME_ROW_LINES || groups < 3) return false;
  const lines = group.map((l) => text.slice(l.start, l.end));
  // …and its middle columns hold a value or two ("V:134," / "I:436"), not one on every line: a table ruled between
  // categories, the category on a group's first line and one command per line, is rows.
  return lines.filter((l) => FIRST_CELL_FILLED.test(l)).length <= 1 && lines.filter(middleFilled).length <= MAX_MIDDLE_LINES;
}

// A wrapped row's middle cells (a popcon "V:134, / I:436", a size) fill a line or two; its last cell wraps on.
const MAX_MIDDLE_LINES = 2;
const middleFilled = (line: string) => lineCells(line).slice(1, -1).some((c) => c !== '');

/**
 * The rows of the text table starting at `from` (its consecutive table lines, up to `to`), as spans of the
 * text: a row is one line, or — in a table ruled between its rows — the lines between two rules. Rules are
 * rows too, so the table's lines are all accounted for. (Ingest splits a table so; answering reads it so.)
 */
export function tableRows(text: string, from: number, to: number): Span[] {
  const lines: Span[] = [];
  for (let start = from; start < to; ) {
    const line = lineAt(text, start);
    if (line.end > to) line.end = to;
    if (!TABLE_LINE.test(text.slice(line.start, line.end))) break;
    lines.push(line);
    start = line.end + 1;
  }
  const groups: Span[][] = [];
  let group: Span[] = [];
  for (const l of lines) {
    if (isRuleLine(text, l)) {
      if (group.length) groups.push(group);
      groups.push([l]);
      group = [];
    } else group.push(l);
  }
  if (group.length) groups.push(group);
  const contentGroups = groups.filter((g) => !isRuleLine(text, g[0])).length;
  if (contentGroups < 2) return lines;
  // Each group on its own: one that is not one row (the body of a table ruled only under its header, or a row whose
  // first cell wraps too, "dpkg-source -x package_name_version-" / "debian.revision.dsc") is read line by line, and
  // the other groups of its table stay rows.
  return groups.flatMap((g) => (isOneRow(text, g, contentGroups) ? [{ start: g[0].start, end: g[g.length - 1].end }] : g));
}

/** A row of a text table with its table's column headers, cell by cell (the same number of each). */
export interface TextTableRow {
  header: string[];
  cells: string[];
}

/**
 * The cells of one line of a row, trimmed, between its outer bars: a pipe table's at its pipes, a box-drawn one's at its
 * verticals — the other kind inside a cell is text ("│ w │ O_WRONLY | O_CREAT │").
 */
function lineCells(line: string): string[] {
  const trimmed = line.trim();
  const bar = trimmed[0] === '|' ? PIPE : BOX_VERTICAL;
  const cells = trimmed.split(bar);
  if (cells[0] === '') cells.shift();
  if (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
  return cells.map((c) => c.trim());
}
const PIPE = '|';
const BOX_VERTICAL = new RegExp(`[${BOX_BAR}]`);

/** The cells of a row's lines, column by column, or undefined when the lines do not split into the same columns. */
function cellsOf(lines: string[]): string[] | undefined {
  let columns: string[][] | undefined;
  for (const line of lines) {
    const cells = lineCells(line);
    if (!columns) columns = cells.map((c) => [c]);
    else if (cells.length !== columns.length) return undefined;
    else cells.forEach((c, i) => columns![i].push(c));
  }
  // A cell's text over its lines: Chinese runs on without a space ("共" + "享" = "共享"), other text with one.
  return columns?.map((parts) => parts.filter(Boolean).reduce((out, part) => (out ? out + joinSeparator(out.at(-1), part[0]) + part : part), ''));
}

/** Where the table drawn around `start` begins, or undefined when that is not found within MAX_TABLE_LINES lines. */
function tableTop(text: string, start: number): number | undefined {
  let top = text.lastIndexOf('\n', start - 1) + 1;
  for (let n = 0; top > 0; n++) {
    if (n >= MAX_TABLE_LINES) return undefined;
    const prevStart = text.lastIndexOf('\n', top - 2) + 1;
    if (!isDrawnLine(text.slice(prevStart, top - 1))) break;
    top = prevStart;
  }
  return top;
}

/**
 * The table's header: the row lines after its top border, up to the first rule — where they start, and where that rule
 * starts. Undefined when there is none: a table with no rule under its first row, a grid ruled alike everywhere ("+---+"
 * above and under every row: no row is set apart as the header), or a table a blank line cut (its top is then a row
 * of the table, and its header is above the blank line).
 */
function headerOf(text: string, top: number): { start: number; lines: string[]; rule: number } | undefined {
  const first = lineAt(text, top);
  const border = isRuleLine(text, first) ? text.slice(first.start, first.end).trim() : undefined;
  let prevEnd = top - 1;
  while (prevEnd > 0 && text[prevEnd - 1] === '\n') prevEnd--;
  if (prevEnd > 0 && prevEnd < top - 1 && isDrawnLine(text.slice(text.lastIndexOf('\n', prevEnd - 1) + 1, prevEnd))) return undefined;
  const lines: string[] = [];
  let start = -1;
  for (let at = top; at < text.length; ) {
    const line = lineAt(text, at);
    const s = text.slice(line.start, line.end);
    if (isRuleLine(text, line)) {
      // Column names are all there: a first row with an empty cell is data (a table without a header; a box-drawn one's
      // rules never tell, its top border is drawn unlike the rules under it).
      if (lines.length) return (border !== undefined && s.trim() === border) || cellsOf(lines)?.some((c) => c === '') === true ? undefined : { start, lines, rule: line.start };
    } else if (ROW_LINE.test(s)) {
      if (start < 0) start = line.start;
      lines.push(s);
    } else return undefined;
    if (lines.length > MAX_HEADER_LINES) return undefined;
    at = line.end + 1;
  }
  return undefined;
}

/**
 * The row of a text table that `text` holds between `start` and `end` (a sentence the splitter made of one row), with the
 * column headers of its table: the first row under the table's top, set apart by the rule under it. Undefined for
 * anything else: not a table row, the header itself, a table without a header, cells a stray pipe splits unevenly, a
 * wrapped row's continuation line on its own (no first cell).
 */
export function textTableRow(text: string, start: number, end: number): TextTableRow | undefined {
  const own = text.slice(start, end).split('\n');
  if (own.length > MAX_ONE_NAME_ROW_LINES || !own.every((l) => ROW_LINE.test(l) && !TABLE_RULE.test(l))) return undefined;
  const top = tableTop(text, start);
  if (top === undefined) return undefined;
  const header = headerOf(text, top);
  if (!header || header.rule > start) return undefined;
  const headerCells = cellsOf(header.lines);
  const cells = cellsOf(own);
  if (!headerCells || !cells || headerCells.length !== cells.length || headerCells.length < 2 || !cells[0]) return undefined;
  if (!cells.some(isDitto)) return { header: headerCells, cells };
  // The rows between the header's rule and this one, grouped as the splitter groups the whole table, nearest first.
  const above = tableRows(text, top, text.length)
    .filter((r) => r.start > header.rule && r.end < start && !isRuleLine(text, r))
    .map((r) => cellsOf(text.slice(r.start, r.end).split('\n')))
    .filter((r): r is string[] => r !== undefined)
    .reverse();
  return { header: headerCells, cells: withoutDittos(cells, above) };
}

/**
 * Whether `text` holds the header row of a table drawn with pipes between `start` and `end`: the column names, not a
 * row of values — the row lines after the table's top border, set apart by the rule right under them.
 */
export function isTableHeader(text: string, start: number, end: number): boolean {
  const top = tableTop(text, start);
  const header = top === undefined ? undefined : headerOf(text, top);
  // (The sentence's span is trimmed: compared line by line, its indentation and trailing spaces aside.)
  const lineEnd = text.indexOf('\n', end);
  return header !== undefined && header.start === text.lastIndexOf('\n', start - 1) + 1 && lineEnd !== -1 && header.rule === lineEnd + 1;
}

// A cell that says "as above" (同上, 〃, ditto; the English Debian Reference writes ", ,").
const DITTO = /^(?:同上|〃|"|''|,\s*,|ditto|do\.)$/i;
const isDitto = (cell: string) => DITTO.test(cell);

/**
 * The row with each "as above" cell read as the nearest value above it in its column (rows nearest first), the mark
 * kept beside it ("SSL (同上)"): the cited row says 同上, and the reader sees both.
 */
function withoutDittos(cells: string[], above: string[][]): string[] {
  return cells.map((cell, k) => {
    if (!isDitto(cell)) return cell;
    const value = above.find((row) => row.length === cells.length && row[k] && !isDitto(row[k]))?.[k];
    return value === undefined ? cell : `${value} (${cell})`;
  });
}
