import { containing } from '../server/shared/index-format/document-structure.js';
import { isHardWrapped } from '../server/shared/text/line-joins.js';
import { CJK_UNIFIED_RANGE, ITEM_MARKS } from '../server/shared/text/char-classes.js';
import { labelLines } from '../server/shared/text/label-lines.js';
import { TABLE_LINE, TABLE_ROW, tableRows } from '../server/shared/text/text-tables.js';
/**
 * Splits raw text into paragraphs and sentences, keeping exact [start, end) offsets into the
 * string (JS UTF-16 indices), so a citation's quote is always text.slice(start, end).
 */
export interface Span {
  start: number;
  end: number;
}

export interface Paragraph extends Span {
  sentences: Span[];
}

// Chinese 。！？； and the ellipsis, a half-width !?; (the article writes "多少?" half-width; see clauseEnds), and an
// English full stop before whitespace or the end. A '.' between digits (18.40) or inside a Latin token (v1.2) is not a boundary.
const TERMINATOR = /[。\uFF01\uFF1F\uFF1B]+|[!?;]+|…+|\.{3,}|\.(?=\s|$)/g;
const HALF_WIDTH_END = /^[!?;]+$/;
const ELLIPSIS_END = /^(?:…+|\.{3,})$/;
const CONTINUES_LOWER = /^\s*[a-z]/;
// Closing quotes and brackets, Chinese and ASCII: written once for the patterns below.
const CHINESE_CLOSING = '”’」』）》】';
const CLOSING = `${CHINESE_CLOSING}"')\\]`;
const CHINESE_BEFORE = new RegExp(`[${CJK_UNIFIED_RANGE}${CHINESE_CLOSING}]`);
const CHINESE_AFTER = new RegExp(`[${CJK_UNIFIED_RANGE}]`);
// Whitespace, a shell or code symbol, an opening quote or bracket or markup's "<": nothing a clause ends with ("$?", "('?'",
// "[!]", " ; ", an XML declaration's "<?xml", "<!-- -->", "<!DOCTYPE"; so a half-width ! ? ; right after "<" never ends one).
const NO_CLAUSE_END = /[\s$\\/=&|*'"[({<]/;
const QUOTE_OR_MARKUP = /["'/*]/;
const QUERY_PAIR = /^[A-Za-z_][\w.-]*=/;
const CLOSED_THEN_SPACE = new RegExp(`^[${CLOSING}]+(?:\\s|$)`);
/**
 * Whether a half-width ! ? ; ends a clause, outside a quotation that goes on (quotationGoesOn). After Chinese it does,
 * as after a word (or a quote, slash or asterisk closing one) when whitespace, the end, Chinese or closing quotes then
 * whitespace follow. Inside code and quoted characters it does not ("('?', '*')", "escape('//?/c:')", "$?", "x?y=1");
 * elsewhere it still does, as before ("98.16%;沐曦", "前 5;2024 年", "支持 Linux;Windows 版本").
 */
function clauseEnds(segment: string, at: number, end: number): boolean {
  const before = segment[at - 1] ?? ' ';
  const after = segment[end];
  const spaceOrChineseAfter = after === undefined || /\s/.test(after) || CHINESE_AFTER.test(after);
  if (CHINESE_BEFORE.test(before)) return true;
  // A quote, a slash or an asterisk that closes a word ("is it "testing"? How", "/etc/zsh/; tcsh", "**Rust**? It").
  if (QUOTE_OR_MARKUP.test(before) && /\S/.test(segment[at - 2] ?? ' ') && spaceOrChineseAfter) return true;
  if (NO_CLAUSE_END.test(before)) return false;
  if (spaceOrChineseAfter || CLOSED_THEN_SPACE.test(segment.slice(end, end + 4))) return true;
  // A query string or an assignment ("index.html?name=2", "x?y=1"); "支持 Linux;Windows 版本" still ends there.
  if (/\w/.test(before) && QUERY_PAIR.test(segment.slice(end, end + 40))) return false;
  return !/['",/\\)\]}=:.]/.test(after);
}
/**
 * Whether a half-width ! ? ; ending at `end` stands inside a quotation that goes on: "running \"apt update; apt
 * dist-upgrade\" commands", "运行 \"apt update; apt dist-upgrade\" 命令", "Type \"yes!\" to go on" — a quoted command
 * or phrase is part of the sentence around it. Asked only where a quotation is open: the caller counts the quotes since
 * the paragraph's start, each once (from there, not from the sentence's start, since a full stop inside a quotation may
 * start a sentence that holds the quotation's closing quote). A quote after a digit is an inch mark ("a 3.5\" disk"),
 * no quote at all. The quotation goes on when the next quote closes it — stands after a word, not after a space —
 * within MAX_QUOTED characters and before the next sentence's end. A mark right before the closing quote ends the
 * quoted words, and the sentence too unless a lower-case word follows ("He asked \"Why?\" She…": clauseEnds decides).
 */
function quotationGoesOn(segment: string, end: number): boolean {
  if (segment[end] === '"') return /^"[^\S\n]+\p{Ll}/u.test(segment.slice(end, end + 4));
  const ahead = segment.slice(end, end + MAX_QUOTED);
  const stop = ahead.search(SENTENCE_END_AHEAD);
  const within = stop === -1 ? ahead : ahead.slice(0, stop + (ahead[stop + 1] === '"' ? 2 : 1));
  // The first quote ahead must close (after a word): one after a space opens the next quotation ("hello; … "bye").
  for (let i = 0; i < within.length; i++) if (isQuote(within, i)) return /\S/.test(within[i - 1] ?? ' ');
  return false;
}
const MAX_QUOTED = 200;
const SENTENCE_END_AHEAD = /[。！？]|[.!?](?=[\s"]|$)|\n[^\S\n]*\n/;
/** Whether the character at `i` is a straight double quote (not an inch mark after a digit). */
const isQuote = (text: string, i: number) => text[i] === '"' && !/\d/.test(text[i - 1] ?? '');
// Abbreviations that introduce what follows them, and those (initials, titles, "etc.") that may also close a sentence.
// (Capitalised too — "E.g.", "Cf." — but not in capitals: "VS." and "CF." are names, "Open it in VS. Then…".)
const INTRODUCING_ABBREVIATION = /(?:^|[\s(\[（“"'])(?:[Ee]\.[Gg]|[Ii]\.[Ee]|[Vv]s|[Cc]f)$/;
const SHORT_ABBREVIATION = /(?:^|[\s(])(?:[A-Z]|etc|Dr|Mr|Mrs|Ms|No|Fig)$/;
const SECTION_NUMBER = new RegExp(String.raw`^\s*(?:[A-Za-z${CJK_UNIFIED_RANGE}]{1,8}[\s\u00a0]*)?\d+(?:\.\d+)*\.$`);
// Closing quotes and brackets that belong to the sentence they close, with the full stop after them
// ("(Debian boot disk, Knoppix CD, …)." is one sentence, not one and a lone ".").
const CLOSERS = new RegExp(`^[${CLOSING}]+[.。!?！？]?`);
// No sentence starts with a comma, a colon or a semicolon: a terminator they follow on its line ends none ("perl、tcl、
// ruby……，如果…", "0am, 2am, 4am ..., on Feb 1", "等等…；"). A half-width one only before whitespace: ":-)" and ":=" after a
// full stop start something new, as does a line opening with ";" (a comment). Up to a length: the rule never makes one
// sentence of a line of "a. ; b. ; c. ; …".
const CLAUSE_GOES_ON = /^[^\S\n]*(?:[，、：；]|[,:;](?=\s|$))/;
const MAX_CLAUSE_JOIN = 1000;

function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { start, end } : null;
}

/** Sentences of a paragraph that may span lines: a line break is whitespace, never a boundary by itself. */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  const segment = text.slice(from, to);
  let cursor = 0;
  // Quotes in segment[0, counted): counted as the marks come, once each.
  let quotes = 0;
  let counted = 0;
  for (const m of segment.matchAll(TERMINATOR)) {
    let end = m.index + m[0].length;
    if (HALF_WIDTH_END.test(m[0])) {
      for (; counted < m.index; counted++) if (isQuote(segment, counted)) quotes++;
      const quoted = quotes % 2 === 1 && end - cursor < MAX_CLAUSE_JOIN && quotationGoesOn(segment, end);
      if (quoted || !clauseEnds(segment, m.index, end)) continue;
    }
    // An ellipsis that stands for more items goes on with the sentence when a lower-case word follows it ("such as
    // aptitude, apt-get, auto-apt, … are used, we need …"), as a sentence never starts so.
    if (ELLIPSIS_END.test(m[0]) && CONTINUES_LOWER.test(segment.slice(end, end + 3))) continue;
    // "3.1. Title", "Table 4.1. Caption", "1. Log in": a section or item number is not a sentence.
    if (m[0] === '.' && SECTION_NUMBER.test(segment.slice(cursor, end))) continue;
    // "Richard M. Stallman", "e.g. only": an initial or a short abbreviation does not end a sentence (two spaces or a line
    // break after "etc." or an initial may still end one). "e.g.", "i.e.", "cf." and "vs." never end one while the
    // paragraph goes on, even where a hard-wrapped line breaks after them ("limit the bandwidth to e.g.⏎800Kib/sec").
    const before = segment.slice(Math.max(cursor, m.index - 5), m.index);
    if (m[0] === '.' && INTRODUCING_ABBREVIATION.test(before) && /\S/.test(segment.slice(end))) continue;
    if (m[0] === '.' && SHORT_ABBREVIATION.test(before) && !/^\s*$/.test(segment.slice(end, end + 2))) continue;
    const closer = CLOSERS.exec(segment.slice(end));
    if (closer) end += closer[0].length;
    if (end - cursor < MAX_CLAUSE_JOIN && CLAUSE_GOES_ON.test(segment.slice(end, end + 8))) continue;
    const span = trimSpan(text, from + cursor, from + end);
    if (span) out.push(span);
    cursor = end;
  }
  const rest = trimSpan(text, from + cursor, to);
  if (rest) out.push(rest);
  return out;
}

// A list item or a numbered heading starts a new paragraph even inside a wrapped block.
const BLOCK_START = new RegExp(`^[ \\t\\u00a0]*(?:[${ITEM_MARKS}]\\s|\\d+(?:\\.\\d+)*\\.?[ \\u00a0]|#)`);
const NUMBER_START = /^[ \t\u00a0]*\d/;
// A line that stops on a word or a comma was cut mid-sentence: a number opening the next line goes on
// with it ("…since Linux kernel / 2.6. Upon…", "…after Debian / 8 Jessie"), it is not an item or a heading.
const CUT_MID_SENTENCE = new RegExp(String.raw`[A-Za-z${CJK_UNIFIED_RANGE},，]\s*$`);

/** A paragraph's sentences: a table row is one, anything else is split at its sentence ends. */
function paragraphOf(text: string, span: Span): Paragraph {
  return { ...span, sentences: TABLE_ROW.test(text.slice(span.start, span.end)) ? [span] : splitSentences(text, span.start, span.end) };
}

/**
 * Paragraphs: one per line, or — in hard-wrapped text (see line-joins.ts) — one per block of
 * consecutive non-blank lines, so a sentence broken across lines stays one sentence. Blank lines are skipped.
 * With `labels` (plain text, whose layout is its only structure; otherwise the tables are the reader's drawing and say
 * nothing of how the text wraps), a label line over an indented block
 * ("-E, --extended-regexp" in a man page, see label-lines.ts) is a paragraph of its own. A line of a `codeBlocks`
 * range (sorted, disjoint: the code an HTML or Markdown document marks) is one sentence, never split at its
 * "; ? ! ." ("for (i = 0; i < n; i++) {", "cd /tmp; make").
 */
export function splitParagraphs(text: string, to = text.length, options: { labels?: boolean; codeBlocks?: readonly Span[] } = {}): Paragraph[] {
  const inCode = (lineStart: number) => containing(options.codeBlocks, lineStart) !== undefined;
  if (isHardWrapped(text.slice(0, to), !options.labels))
    return splitWrappedParagraphs(text, to, options.labels ? new Set(labelLines(text.slice(0, to)).map((l) => l.start)) : new Set(), inCode);
  const out: Paragraph[] = [];
  let lineStart = 0;
  while (lineStart < to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    const span = trimSpan(text, lineStart, lineEnd);
    if (span) out.push(inCode(lineStart) && wholeCodeLine(span) ? { ...span, sentences: [span] } : paragraphOf(text, span));
    lineStart = lineEnd + 1;
  }
  return out;
}

// A code line longer than this (minified code, a long generated line) is split as prose is, at its "; ? ! .": whole, it would
// be one chunk of any size, past an embedding model's input and far past a quote. Longer than any hand-written line.
const MAX_WHOLE_CODE_LINE = 400;
const wholeCodeLine = (span: Span) => span.end - span.start <= MAX_WHOLE_CODE_LINE;

function splitWrappedParagraphs(text: string, to: number, labelStarts: ReadonlySet<number>, inCode: (lineStart: number) => boolean): Paragraph[] {
  const out: Paragraph[] = [];
  let blockStart = -1;
  let blockEnd = -1;
  const flush = () => {
    const span = blockStart >= 0 ? trimSpan(text, blockStart, blockEnd) : null;
    if (span) out.push(paragraphOf(text, span));
    blockStart = -1;
  };
  let lineStart = 0;
  while (lineStart < to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() === '') flush();
    else if (inCode(lineStart) && wholeCodeLine({ start: lineStart, end: lineEnd })) {
      // A line of marked code is a sentence of its own: never joined to the next, never split.
      flush();
      const span = trimSpan(text, lineStart, lineEnd);
      if (span) out.push({ ...span, sentences: [span] });
    } else if (TABLE_LINE.test(line)) {
      // A row of a text table ("| file | permission |") is a unit of its own, never joined to the next.
      flush();
      for (const row of tableRows(text, lineStart, to)) {
        blockStart = row.start;
        blockEnd = row.end;
        flush();
        lineEnd = row.end;
      }
    } else if (labelStarts.has(lineStart + line.length - line.trimStart().length)) {
      flush();
      blockStart = lineStart;
      blockEnd = lineEnd;
      flush();
    } else {
      const continues = NUMBER_START.test(line) && CUT_MID_SENTENCE.test(text.slice(blockStart, blockEnd));
      if (blockStart >= 0 && BLOCK_START.test(line) && !continues) flush();
      if (blockStart < 0) blockStart = lineStart;
      blockEnd = lineEnd;
    }
    lineStart = lineEnd + 1;
  }
  flush();
  return out;
}
