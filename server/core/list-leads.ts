import { sentenceAsRead, type LoadedIndex } from '../shared/index-format/loaded-index.js';
import { inCodeBlock } from '../shared/index-format/document-structure.js';
import { ANNOUNCES, COMMAND_LINE, LIST_ITEM, isIndentedBlock } from './sentence-shapes.js';
import { TABLE_CAPTION, TABLE_LINE, TABLE_RULE, isTableHeader, textTableRow, type TextTableRow } from '../shared/text/text-tables.js';
import type { IntroducedTable } from './types.js';

// How far back an item of a list or table looks for the sentence that announced it.
const MAX_ITEMS_BACK = 12;

/**
 * The sentence that announced a list item, table row or command line ("单元配置文件从下面的路径加载:" before
 * "* /etc/systemd/system: …", the explanation before "# dpkg-reconfigure locales"), looked up in the whole
 * document, since a chunk boundary often falls inside a list. An item says little on its own: it answers
 * with the words of what introduced it. Undefined for a sentence that is not such an item.
 */
export function listLead(index: LoadedIndex, sentence: number, row = tableRowOf(index, sentence)): string | undefined {
  const textOf = (s: number) => sentenceAsRead(index, s);
  const doc = index.sentences[sentence][0];
  const own = textOf(sentence);
  const afterColon = sentence > 0 && index.sentences[sentence - 1][0] === doc && ANNOUNCES.test(textOf(sentence - 1));
  if (!LIST_ITEM.test(own) && !afterColon && !isPromptOrIndented(index, sentence)) return undefined;
  // A table row reads with its column headers ("大小" over "2269"), however far down the table it is.
  const back = row ? Infinity : MAX_ITEMS_BACK;
  let announcer: string | undefined;
  for (let s = sentence - 1; s >= 0 && sentence - s <= back && index.sentences[s][0] === doc; s--) {
    const text = textOf(s);
    // A table's rules are passed over: the row is announced by the caption or sentence above the table.
    if (!LIST_ITEM.test(text) && !isPromptOrIndented(index, s) && !TABLE_RULE.test(text)) {
      announcer = text;
      break;
    }
  }
  return row ? [announcer, row.header.join(' ')].filter(Boolean).join(' ') : announcer;
}

/** The sentence as a row of a text table with its column headers (text-tables.ts), or undefined. */
export function tableRowOf(index: LoadedIndex, sentence: number): TextTableRow | undefined {
  const [doc, start, end] = index.sentences[sentence];
  return textTableRow(index.documents[doc].text, start, end);
}

/**
 * The sentence is the numbered caption right above a text table with a header row: it names the list the rows hold, as
 * a heading does, and says none of them ("Which tools…?" answered "Table 12.15. List of … tools"). Each row reads with
 * it (listLead looks back past the rows, the header and the rules to it). A table without a header keeps its caption:
 * its rows look back only so far for their lead.
 */
export function tableCaption(index: LoadedIndex, sentence: number): boolean {
  if (!TABLE_CAPTION.test(sentenceAsRead(index, sentence))) return false;
  const doc = index.sentences[sentence][0];
  // The header is the line under the caption, or under the table's top border.
  for (let s = sentence + 1; s <= sentence + 2 && s < index.sentences.length && index.sentences[s][0] === doc; s++) {
    if (tableHeader(index, s)) return true;
    if (!TABLE_RULE.test(sentenceAsRead(index, s))) return false;
  }
  return false;
}

/**
 * The sentence is part of a text table's frame: a rule or border ("|-----+----|") says nothing; the numbered caption and
 * the header row name what the rows hold, and each row reads with them (listLead, textTableRow). `row`: the sentence as a
 * row (tableRowOf) — a row with a header is never the header itself.
 */
export function isTableFrame(index: LoadedIndex, sentence: number, row: TextTableRow | undefined): boolean {
  return TABLE_RULE.test(sentenceAsRead(index, sentence)) || (!row && (tableCaption(index, sentence) || tableHeader(index, sentence)));
}

// A table's frame above its first row: its caption, top border, header row and the rule under the header.
const MAX_FRAME = 4;
// A table is followed at most this many sentences down (as text-tables.ts reads at most so many lines of one).
const MAX_TABLE_SENTENCES = 400;

/**
 * The text table right after `sentence`, past the table's frame ("Several packages provide …" over "Table 12.11. …",
 * the border, the header and "|bison |…"), or undefined: the sentence introduces no table — it is itself a row (`row`,
 * its tableRowOf), a line of a frame or of code, or what follows it is no table with a header.
 */
export function tableIntroducedBy(index: LoadedIndex, sentence: number, row: TextTableRow | undefined): IntroducedTable | undefined {
  const doc = index.sentences[sentence][0];
  const inDoc = (s: number) => s < index.sentences.length && index.sentences[s][0] === doc;
  // (A cheap test first: most sentences are followed by no caption and no drawn line.)
  const next = sentence + 1;
  if (!inDoc(next)) return undefined;
  const nextText = sentenceAsRead(index, next);
  if (!TABLE_CAPTION.test(nextText) && !TABLE_LINE.test(nextText)) return undefined;
  if (row || isTableFrame(index, sentence, row) || isCodeLine(index, sentence)) return undefined;
  let firstRow = -1;
  for (let s = next; firstRow < 0 && s <= sentence + MAX_FRAME + 1 && inDoc(s); s++) {
    const own = tableRowOf(index, s);
    if (own) firstRow = s;
    else if (!isTableFrame(index, s, own)) return undefined;
  }
  // (A row right after the sentence, with no frame between, is a row of a table the sentence is inside.)
  if (firstRow <= next) return undefined;
  // The body: rows, the rules between them, and a wrapped cell's next lines (no row of their own), up to the bottom
  // border — a second rule in a row is the next table's top, a caption or prose is past the table.
  let lastRow = firstRow;
  let rows = 1;
  let rule = false;
  for (let s = firstRow + 1; s < firstRow + MAX_TABLE_SENTENCES && inDoc(s); s++) {
    const text = sentenceAsRead(index, s);
    if (tableRowOf(index, s)) {
      lastRow = s;
      rows++;
      rule = false;
    } else if (TABLE_RULE.test(text)) {
      if (rule) break;
      rule = true;
    } else if (!TABLE_LINE.test(text)) break;
  }
  return { firstRow, lastRow, rows };
}

/** The sentence is the header row of a text table (text-tables.ts). */
export function tableHeader(index: LoadedIndex, sentence: number): boolean {
  const [doc, start, end] = index.sentences[sentence];
  return isTableHeader(index.documents[doc].text, start, end);
}

// At most this many items follow a chunk that ends on an announcing sentence.
const MAX_FOLLOWING = 3;

/**
 * How many sentences after `last` (a chunk's last sentence) belong to it: the command line or the list items
 * that a chunk ending on "…as follows:" or on a how-to explanation announces, when the chunk boundary cut
 * them off. They are offered as candidates too, so an answer can quote the command it announces.
 */
export function followingItems(index: LoadedIndex, last: number): number {
  const textOf = (s: number) => sentenceAsRead(index, s);
  const doc = index.sentences[last][0];
  const next = last + 1;
  if (next >= index.sentences.length || index.sentences[next][0] !== doc) return 0;
  const rows = followingTableRows(index, last);
  if (rows > 0) return rows;
  // After "…as follows:" the list (and the code lines, and what an item announces in turn: "follow these
  // steps:" / "Insert the disc and run:" / "    apt-cdrom add"); after an explanation, the command lines (or
  // indented code) it explains.
  const belongs = ANNOUNCES.test(textOf(last))
    ? (s: number) => LIST_ITEM.test(textOf(s)) || isCodeLine(index, s) || ANNOUNCES.test(textOf(s - 1))
    : (s: number) => COMMAND_LINE.test(textOf(s)) || isCodeLine(index, s);
  let n = 0;
  while (n < MAX_FOLLOWING && next + n < index.sentences.length && index.sentences[next + n][0] === doc) {
    if (n > 0 || !ANNOUNCES.test(textOf(last)) ? !belongs(next + n) : false) break;
    n++;
  }
  return n;
}

// At most this many rows of a table follow a chunk that ends on the sentence introducing it or inside its frame (and an
// answer quotes at most this many as a list).
export const MAX_TABLE_ROWS = 8;

/**
 * How many sentences after `last` are the frame and the first MAX_TABLE_ROWS rows of the table it introduces
 * (tableIntroducedBy) or whose frame above the first row it is part of: a list's rows are offered with the sentence that
 * announces them, as a list's items are (the chunk boundary often falls between them). 0 when `last` opens no table.
 */
function followingTableRows(index: LoadedIndex, last: number): number {
  const doc = index.sentences[last][0];
  // The sentence that introduces the table: `last`, or the one above the frame lines `last` ends on.
  let p = last;
  while (p > 0 && last - p < MAX_FRAME && index.sentences[p - 1][0] === doc && isTableFrame(index, p, tableRowOf(index, p))) p--;
  const table = tableIntroducedBy(index, p, tableRowOf(index, p));
  if (!table || table.firstRow <= last) return 0;
  let end = table.lastRow;
  for (let s = table.firstRow, rows = 0; s <= table.lastRow; s++) {
    if (tableRowOf(index, s) && ++rows === MAX_TABLE_ROWS) {
      end = s;
      break;
    }
  }
  return end - last;
}

/** A shell line ("$ …", "# …"), a line of an indented code block, or a line of code its format marked (HTML <pre>). */
export function isCodeLine(index: LoadedIndex, sentence: number): boolean {
  const [d, start] = index.sentences[sentence];
  return inCodeBlock(index.documents[d], start) || isPromptOrIndented(index, sentence);
}

/**
 * A shell line or a line of an indented code block: what takes the announcing sentence as its lead. Not every line of
 * a marked block: its output, usage and configuration lines with the words of the sentence above them outranked the
 * prose (measured on the bank: −6 correct, +3 confidently wrong, against +1 / −1 with leads as before).
 */
function isPromptOrIndented(index: LoadedIndex, sentence: number): boolean {
  const [d, start, end] = index.sentences[sentence];
  const text = index.documents[d].text;
  return COMMAND_LINE.test(text.slice(start, end)) || isIndentedBlock(text, start);
}
