import { sentenceAsRead, type LoadedIndex } from '../shared/index-format/loaded-index.js';
import { inCodeBlock } from '../shared/index-format/document-structure.js';
import { ANNOUNCES, COMMAND_LINE, LIST_ITEM, isIndentedBlock } from './sentence-shapes.js';
import { TABLE_CAPTION, TABLE_LINE, TABLE_RULE, isTableHeader, textTableRow, type TextTableRow } from '../shared/text/text-tables.js';

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
 * row (tableRowOf), when already worked out — a row with a header is never the header itself.
 */
export function isTableFrame(index: LoadedIndex, sentence: number, row = tableRowOf(index, sentence)): boolean {
  return TABLE_RULE.test(sentenceAsRead(index, sentence)) || (!row && (tableCaption(index, sentence) || tableHeader(index, sentence)));
}

// A table's frame above its first row: its caption, top border, header row and the rule under the header.
const MAX_FRAME = 4;

/**
 * The sentence number of the first row of the text table right after `sentence`, past the table's frame ("Several
 * packages provide …" over "Table 12.11. …", the border, the header and "|bison |…"), or -1: the sentence introduces no
 * table (or is itself a row or part of a frame).
 */
export function tableAfter(index: LoadedIndex, sentence: number): number {
  const doc = index.sentences[sentence][0];
  // (A cheap test first: most sentences are followed by no caption and no drawn line.)
  const next = sentence + 1;
  if (next >= index.sentences.length || index.sentences[next][0] !== doc) return -1;
  const nextText = sentenceAsRead(index, next);
  if (!TABLE_CAPTION.test(nextText) && !TABLE_LINE.test(nextText)) return -1;
  if (tableRowOf(index, sentence) || isTableFrame(index, sentence)) return -1;
  for (let s = next; s <= sentence + MAX_FRAME + 1 && s < index.sentences.length && index.sentences[s][0] === doc; s++) {
    const row = tableRowOf(index, s);
    if (row) return s > next ? s : -1;
    if (!isTableFrame(index, s, row)) return -1;
  }
  return -1;
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
 * How many sentences after `last` are the frame and rows of the table it introduces (tableAfter) or whose frame above the
 * first row it is part of, up to MAX_TABLE_ROWS rows: a list's rows are offered with the sentence that announces them, as a list's items
 * are (the chunk boundary often falls between them). 0 when `last` opens no table.
 */
function followingTableRows(index: LoadedIndex, last: number): number {
  const doc = index.sentences[last][0];
  // `last` is the sentence that introduces the table, or a line of the frame between it and the first row.
  let opens = false;
  for (let p = last; !opens && p >= 0 && p >= last - MAX_FRAME && index.sentences[p][0] === doc; p--) opens = tableAfter(index, p) > last;
  if (!opens) return 0;
  let n = 0;
  for (let rows = 0, s = last + 1; rows < MAX_TABLE_ROWS && s < index.sentences.length && index.sentences[s][0] === doc; s++, n++) {
    const row = tableRowOf(index, s);
    if (row) rows++;
    // (A caption after rows opens the next table.)
    else if (!isTableFrame(index, s, row) || (rows > 0 && TABLE_CAPTION.test(sentenceAsRead(index, s)))) break;
  }
  return n;
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
