/**
 * Command-line option names as a question asks about them ("gzip -N", "grep 的 -m 参数", "--sort=inode") and
 * as a manual names them, in a sentence or in the label line over its block ("-m NUM, --max-count=NUM"); likewise the
 * names code writes with a sigil ("%N", "$#", "O:", sentence-shapes.ts SIGIL_NAME) and its operators ("||", ":=",
 * OPERATOR_NAME).
 * The word matchers read text lower-cased (and, but for short words and options, without spaces), where "-N" is "-n"
 * and "--max-count" holds "-m" but for the spaced form: an option is matched here on the text as written, case-sensitive,
 * as a whole token — and a short option the question names is credited here only, not again as its word
 * (sentence-evidence.ts).
 */

import { codeNames, isOperator, OPERATOR_CHAR } from '../../core/sentence-shapes.js';
import { escapeRegExp } from '../../shared/text/escape-regexp.js';

/** The option names a question asks about, then the sigil names, then the operators, in order, each once. */
export function optionsAsked(question: string): string[] {
  return codeNames(question);
}

const patterns = new Map<string, RegExp>();
const PATTERN_LIMIT = 10_000;

function patternOf(option: string): RegExp {
  let p = patterns.get(option);
  if (!p) {
    if (patterns.size >= PATTERN_LIMIT) patterns.clear();
    // A sigil name's own punctuation at either end is part of the token: "!!" is not inside "!!!". An operator
    // ("||", ":=", sentence-shapes.ts OPERATOR_NAME) is written between words too ("a||b", OWNER:="root"): it is
    // only not inside a longer run of operator characters.
    const edge = (c: string) => (/[\w-]/.test(c) ? '' : escapeRegExp(c));
    p = isOperator(option)
      ? new RegExp(`(?<!${OPERATOR_CHAR})${escapeRegExp(option)}(?!${OPERATOR_CHAR})`)
      : new RegExp(`(?<![\\w-${edge(option[0])}])${escapeRegExp(option)}(?![\\w-${edge(option[option.length - 1])}])`);
    patterns.set(option, p);
  }
  return p;
}

/**
 * How far `text` names `option`: 1 as asked; 0.5 for a long option with a value ("--sort=inode") when only its
 * name is there ("--sort=ORDER", "--sort"); 0 otherwise.
 */
export function namesOption(text: string, option: string): number {
  if (!text.includes(option.slice(0, 2))) return 0;
  // A text table's row as read opens with its border, and "||" is its border and a cell's ("|| xargs …", an empty
  // cell): no operator with a "|" in it is read in a row.
  if (text.startsWith('|') && option.includes('|') && isOperator(option)) return 0;
  if (patternOf(option).test(text)) return 1;
  const eq = option.indexOf('=');
  return eq > 2 && option.startsWith('--') && patternOf(option.slice(0, eq)).test(text) ? 0.5 : 0;
}

/**
 * A long option as asked and as the corpus spells its name, when the question's word for it has alternatives
 * (a slip of a corpus word: "--exclude-vsc" → --exclude-vcs, lexicon/near-names.ts). `words`: the analysed question's.
 */
export function optionSpellings(option: string, words: ReadonlyArray<{ term: string; alternatives?: readonly string[] }>): string[] {
  if (!option.startsWith('--')) return [option];
  const name = option.slice(2).split('=')[0].toLowerCase();
  const alternatives = words.find((t) => t.term === name)?.alternatives ?? [];
  return [option, ...alternatives.filter((a) => /^[a-z0-9][\w-]*$/.test(a)).map((a) => `--${a}`)];
}
