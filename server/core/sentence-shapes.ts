import { CJK_UNIFIED_RANGE, ITEM_MARKS } from '../shared/text/char-classes.js';

/** Shapes of manual text, written once: what announces what follows, and what is an item of it. */

// A sentence ending in a colon announces what follows (a command, a list, a quotation); so does one that
// ends by naming it ("…with following steps.", "…as follows.", "步骤如下。", "执行以下命令。", "使用下面的命令。").
export const ANNOUNCES = new RegExp(
  String.raw`[:：]\s*$|\b(?:the )?following(?: [a-z]+){0,2}\s*[.:]\s*$|\bas follows\s*[.:]\s*$|(?:如下|以下[${CJK_UNIFIED_RANGE}]{0,6}|下列[${CJK_UNIFIED_RANGE}]{0,6})\s*[。:：]\s*$` +
    // …or opens with it: "以下是清除文件内容的正确方法。", "下面的命令创建样子文件。", "The following is the safe way to …".
    // (English: "the following is", or a plural and "are" — not "The following day is a holiday."; Chinese text often ends
    // with an ASCII full stop.)
    String.raw`|^\s*(?:以下是|以下为|下面是|下面的|下列)[^。！？!?]*[。.:：]\s*$|^\s*the following (?:is|are|[a-z]+s are)\b.*[.:]\s*$` +
    // …or names it near its end as the means of doing something (用 also as in 使用): "每一个 XML 文件使用下面的标准
    // XML 声明开始。", "你可以用下面的命令安装这些包。", "按下面的方式标记。", "包提供下面的工具。" — not a place ("安装到 /usr
    // 下面的相应位置。", "中央 C 下面的一个小八度。"), nor a pointer to later text ("参见下面的内存管理。", "如下面的示例所示。").
    String.raw`|(?:用|按|按照|以|通过|执行|做|包含|提供)下面的[^。！？!?，,（(]{1,12}[。.:：]\s*$`,
  'i',
);
// A list item, a shell line or a table row: it belongs to the sentence that announced it.
export const LIST_ITEM = new RegExp(`^\\s*(?:[${ITEM_MARKS}]\\s|\\d+\\.\\s|[$#]\\s|\\|)`);
// A shell command as manuals print it ("$ dmesg -n3", "# dpkg-reconfigure locales").
export const COMMAND_LINE = /^\s*[$#]\s+\S/;

/**
 * A line indented deeper than the text before it (Markdown's and pandoc's code blocks, a quoted command):
 * "The actual configuration process is started with" / "    dpkg-reconfigure --force uif debian-edu-router".
 * Judged against the previous non-blank line, since some manuals indent all their prose.
 */
export function isIndentedBlock(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = (from: number) => /^[ \t]*/.exec(text.slice(from, from + 80))![0].replace(/\t/g, '    ').length;
  const own = indent(lineStart);
  if (own < 4) return false;
  let prevEnd = lineStart - 1;
  while (prevEnd > 0) {
    const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
    if (text.slice(prevStart, prevEnd).trim() !== '') return indent(prevStart) + 2 <= own;
    prevEnd = prevStart - 1;
  }
  return false;
}

/**
 * A command-line option as written ("-N", "--sort=inode"): a dash or two, then a letter (a digit after one dash
 * is a negative number, "-1"); then letters, digits, dashes, and for a long option an "=value". Not inside a word
 * ("e-mail") or after another dash. Global: every option of a text (option-names.ts).
 */
export const OPTION_NAME = /(?<![\w-])(?:--[A-Za-z0-9][\w-]*(?:=[\w.,:/-]*\w)?|-[A-Za-z][\w-]*)/g;

/**
 * The other names code gives to one thing by a sigil, as written: a format escape ("%V", "%d"), a shell or Perl
 * variable ("$LANG", "$#", "@INC"), a parameter expansion ("${var:-string}"), history ("!!", "!$"), an aptitude
 * pattern or a user's home ("~o", "~rmas"), a one-letter tag asked about on its own or quoted (lintian's "and O:?",
 * "N: 呢", `what does "O:" mean`). Lower-cased and without its sigil it is a stray letter that every sentence has
 * ("%N" → n), so like an option it is matched as written (option-names.ts). Not money ("$4", "in $?"), not inside a
 * word or an e-mail address, not emphatic punctuation ("?!!"), not a prefix that other words follow ("Q: how do I…",
 * "Plan B: what now?", "the C: drive"). A shell's special parameters "$$", "$?" and "$!" only on their own (after a
 * space, a quote or a bracket) and "$?", "$!" only before a lower-case word, a Han character or a closing quote: a
 * mark that ends a sentence has none of those after it ("How much in $? Mail me", "几百$?谢谢"). Global: every such
 * name of a text.
 */
export const SIGIL_NAME =
  /(?<![\w%$@~!?？！.])(?:%[A-Za-z]\w*|\$(?:[A-Za-z_]\w*|[#@*]|\{[^{}\s]+\})|@[A-Za-z_]\w*|~[A-Za-z]\w*)|(?<=^|[\s"'“‘「`(（])(?:(?:!!|!\$)(?![!\w])|\$(?:\$(?![$\w{])|[?!](?=\s*[a-z\p{Script=Han}"'”’」`)）])))|(?<=^|[\s(（])[A-Z]:(?=\s*(?:$|[?？呢]))|(?<=["'“‘「`])[A-Z]:(?=["”'’」`])/gu;

/**
 * A shell or make operator written on its own ("command1 || command2", “|| true”, "make := assignment", "2>&1"):
 * code with no letter in it, so the word matchers never see it. After a space, a quote or a bracket; before one, or
 * before the punctuation that ends a clause ("What is 2>&1?", "|| and &&?"). Not inside a longer run of operator
 * characters ("|||", a "+===+" table rule) nor inside a word. Global: every such operator of a text.
 */
const OPERATORS = String.raw`\|\||&&|:=|\+=|>>|<<|2>&1`;
/** The characters operators are made of, for a class: "|||" holds no "||" of its own (option-names.ts). */
export const OPERATOR_CHAR = '[|&:=+<>]';
export const OPERATOR_NAME = new RegExp(`(?<=^|[\\s"'“‘「\`(（])(?:${OPERATORS})(?=$|[\\s"'”’」\`)）?？,，、。.!！:：;；])`, 'g');
const WHOLE_OPERATOR = new RegExp(`^(?:${OPERATORS})$`);
/** Whether a code name is one of those operators. */
export const isOperator = (name: string): boolean => WHOLE_OPERATOR.test(name);

/** The option names a text asks about, then its sigil names, then its operators, in order, each once (option-names.ts, query-analysis.ts). */
export function codeNames(text: string): string[] {
  return [...new Set([...(text.match(OPTION_NAME) ?? []), ...(text.match(SIGIL_NAME) ?? []), ...(text.match(OPERATOR_NAME) ?? [])])];
}

// What else names code in prose: a path, a setting, a quoted command, a menu path (NAMES_CODE below).
const OTHER_CODE = /(?:^|[\s"“'‘(（「])~?\.{0,2}\/[\w.-]+|\b[A-Za-z_][\w.-]*=\S|(?<!\w)[`"“'‘「][^`"”'’」\s]*[A-Za-z][^`"”'’」]{0,40}[`"”'’」]|\s(?:→|->|>)\s/;

/**
 * A sentence that names something to type, run, edit or pick: an option ("-r", "--keep"), a file path
 * ("/etc/icinga/…", "~/.ssh/known_hosts"), a setting ("allowUIDProposalModification=…"), a quoted or
 * backticked command (“zip -rX”, `npm ci`, ":set expandtab") or a menu path ("首选项 → 配置文件").
 * Manuals answer a how-to with such a sentence; one that only talks about the topic names none.
 */
export const NAMES_CODE = new RegExp(`${OPTION_NAME.source}|${OTHER_CODE.source}`);
