import { HAN_RANGE } from './char-classes.js';
import { BOX_DRAWN_LINE, TABLE_LINE } from './text-tables.js';

/**
 * Hard-wrapped plain text (Debian's .txt manuals, e-mail, man pages) breaks lines mid-sentence. A line
 * break inside such a paragraph is a join: nothing between two CJK characters, one space between
 * Latin words. Offsets always stay in the original text; only the text that is tokenised, matched
 * and shown is joined.
 */
// Han, CJK punctuation (U+3000–U+303F) and full-width forms (U+FF00–U+FFEF).
const CJK_CHAR = new RegExp(`[\\u3000-\\u303f${HAN_RANGE}\\uff00-\\uffef]`);
const BREAK = /(\u2010)?[ \t\u00a0\u3000]*\r?\n[ \t\u00a0\u3000]*/g;
// groff (man pages rendered with -Tutf8) hyphenates a word across lines with U+2010 HYPHEN: "equiv‐\n alent".
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
// A path name's characters, written once. "+" is a name's character inside a word ("c++") but not one a break is
// judged by (PATH_CHAR: what may stand on either side of the break).
const NAME_CHARS = String.raw`A-Za-z0-9_.~\-`;
// What may follow a slash inside a path or URL (a name's characters): a line break there is no space.
const PATH_CHAR = new RegExp(`[${NAME_CHARS}]`);
// A path's characters, and a whole word of them that is an absolute or home path so far ("/etc/pam.d", "~/.ssh", "~").
const PATH_RUN_CHAR = new RegExp(`[${NAME_CHARS}+/]`);
const ABSOLUTE_PATH = new RegExp(String.raw`^(?:~|~?\/[${NAME_CHARS}+]+)(?:\/[${NAME_CHARS}+]+)*$`);
// A longer word is not looked at (nor is a path that long broken by a writer's wrap).
const MAX_PATH = 200;

/** Whether the text up to `end` ends inside an absolute path: the word there (after a space, a quote, Chinese) is one. */
function endsInAbsolutePath(text: string, end: number): boolean {
  let start = end;
  while (start > 0 && end - start <= MAX_PATH && PATH_RUN_CHAR.test(text[start - 1])) start--;
  // (":" before it: the word is part of a list or a scheme, "PATH=/bin:/usr", "file:/etc"; a URL's "//host/…" fails the
  // pattern anyway. Nor does a word longer than MAX_PATH end in one.)
  if (end - start > MAX_PATH || text[start - 1] === ':') return false;
  return ABSOLUTE_PATH.test(text.slice(start, end));
}

/**
 * The text as read: a line break inside a paragraph is nothing between two CJK characters, nothing after a word that
 * ends in a slash before a name character (a path broken there, "/etc/" + "systemd/network") or inside an absolute or
 * home path before its next slash ("/usr/sbin" + "/sendmail", "~" + "/.bashrc"), nothing after a word
 * hyphenated across the line ("equiv‐" + "alent" → "equivalent", "SIM‐" + "PLE_BACKUP" → "SIMPLE_BACKUP": U+2010 before
 * a lower-case letter or between capitals, which is how groff breaks a word; an ASCII "-" at a line end may be a real one
 * and stays), one space otherwise.
 */
export function joinWrappedLines(text: string): string {
  if (!text.includes('\n')) return text;
  return text.replace(BREAK, (m, hyphen: string | undefined, offset: number) => {
    const before = text[offset - 1] ?? '';
    const after = text[offset + m.length] ?? '';
    if (hyphen) {
      if (!((LETTER.test(before) && LOWER.test(after)) || (UPPER.test(before) && UPPER.test(after)))) return `${hyphen} `;
      // An option's name keeps its hyphen ("--class‐" + "path" is --class-path, not --classpath); its value does not
      // ("--interactive=al‐" + "ways").
      return /(?:^|\s)-[^\s=]*$/.test(text.slice(Math.max(0, offset - 80), offset)) ? hyphen : '';
    }
    // A path or a URL broken after one of its slashes ("/etc/systemd/" + "network/dhcp.network"; any word that ends in a
    // slash, "and/" + "or", "I/" + "O"): the slash and a name character after it are one token, as the writer typed it.
    // Not a C comment's end ("… */" + "y[10] = …"), which the next line of code follows.
    if (before === '/' && /[^\s*]/.test(text[offset - 2] ?? ' ') && PATH_CHAR.test(after)) return '';
    // …or before one ("/usr/sbin" + "/sendmail", "“/etc/pam.d" + "/su”", "~/.ssh" + "/authorized_keys"): the line ends
    // inside an absolute path, not with a full stop, and the next goes on with a slash and a name character. Two paths
    // on two lines of one sentence ("reads\n /etc/passwd\n /etc/shadow") read as one: nothing tells them from a path
    // the wrap broke, which the Debian Reference's text does ~30 times against one list of paths (not hard-wrapped).
    if (after === '/' && before !== '.' && PATH_CHAR.test(before) && PATH_CHAR.test(text[offset + m.length + 1] ?? '') && endsInAbsolutePath(text, offset)) return '';
    return CJK_CHAR.test(before) && CJK_CHAR.test(after) ? '' : ' ';
  });
}

/** Display width of a line: CJK characters take two columns, as in a terminal wrapped at 72–80 columns. */
function displayWidth(line: string): number {
  let w = 0;
  for (const c of line.trimEnd()) w += CJK_CHAR.test(c) ? 2 : 1;
  return w;
}

// Lines this close to the document's wrap width end because the line was full, not because the paragraph ended.
const FULL_LINE_SHARE = 0.7;
// A document whose lines never exceed this many columns, and where full lines run on into the next line, was hard-wrapped.
const MAX_WRAP_WIDTH = 100;
const MIN_RUN_ON_SHARE = 0.15;

/**
 * Whether a document is hard-wrapped: its longest lines stay within a terminal's width and a fair
 * share of nearly full lines continue on the next line. One-paragraph-per-line documents (long lines of
 * any length) and Markdown with short lines are left alone.
 */
export function isHardWrapped(text: string, skipTables = false): boolean {
  // `skipTables`: the tables were drawn by the reader (HTML, Markdown, Word), so a row followed by its rule is no line
  // that ran on (a drawn table made a page of short <br> lines read as hard-wrapped, and its address lines joined). A
  // plain-text manual's tables count: their wrapped cells are read as rows only when the text reads as hard-wrapped.
  // A table drawn with box-drawing characters (groff's tables in a man page rendered to UTF-8) is laid out by its
  // columns, often wider than the page: its lines say nothing of the page's width, which the other lines' set. They
  // still count as lines that run on (a short page's one table then keeps it hard-wrapped, as before they were read).
  const lines = skipTables ? text.split('\n').map((l) => (TABLE_LINE.test(l) ? '' : l)) : text.split('\n');
  const widths = lines.map(displayWidth).filter((w) => w > 0);
  if (widths.length < 8) return false;
  const sorted = lines.filter((l) => !(TABLE_LINE.test(l) && BOX_DRAWN_LINE.test(l))).map(displayWidth).filter((w) => w > 0).sort((a, b) => a - b);
  if (!sorted.length) return false;
  const wrap = sorted[Math.floor(sorted.length * 0.95)];
  if (wrap > MAX_WRAP_WIDTH || wrap < 30) return false;
  let runOn = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (displayWidth(lines[i]) >= FULL_LINE_SHARE * wrap && lines[i + 1].trim() !== '') runOn++;
  }
  return runOn / widths.length >= MIN_RUN_ON_SHARE;
}
