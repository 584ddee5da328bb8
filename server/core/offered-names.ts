import { allMatches } from '../shared/text/all-matches.js';
import { isEverydayEnglish } from '../shared/text/english-everyday-words.js';
import { ENGLISH_FUNCTION_WORDS } from '../shared/text/english-function-words.js';
import { analyzeText, stemLatin } from '../shared/text/tokenizer.js';

// A choice between names: "Which MTA, exim4 or postfix, …?", "gzip, bzip2 or xz?", "默认监听 445 还是 139?", "ext3/ext4 或
// xfs". A run of names separated by commas or slashes before the last "or" (still/或/还是) and the one after it.
const NAME = String.raw`[A-Za-z0-9][\w.+/-]*`;
const OFFERED_EN = new RegExp(String.raw`(?<![\w.+/-])((?:${NAME}\s*,\s*)*${NAME})\s*,?\s+or\s+(${NAME})(?![\w+-])`, 'g');
const OFFERED_ZH = new RegExp(String.raw`(?<![\w.+/-])((?:${NAME}\s*[,，、]\s*)*${NAME})\s*(?:还是|或者|或是|或)\s*(${NAME})(?![\w+-])`, 'g');
// Two numbers before a unit are an approximation ("1 or 2 percent", "3 or 4 MB"), not a choice.
const UNIT_AFTER = /^\s*(?:%|percent\b|per\b|[KMGT]i?B\b|bytes?\b|times\b|seconds?\b|minutes?\b|hours?\b|days?\b|weeks?\b|months?\b|years?\b|[个次天年月倍秒分])/i;
// A name offered: with a digit (exim4, 445) or a Latin word that is no everyday English word (postfix, xfs) — not
// "performance or value", "too or only", which offer no named thing to choose.
const offeredName = (word: string) => /\d/.test(word) || (!isEverydayEnglish(stemLatin(word.toLowerCase())) && !ENGLISH_FUNCTION_WORDS.has(word.toLowerCase()));

/**
 * The names a question offers to choose from (AnalyzedQuery.offered), each as the tokenizer writes it as one word;
 * undefined when it offers none, or one the tokenizer cuts in pieces ("v1.2", "C++"): read in part, a piece would rule
 * out a sentence that names the whole.
 */
export function offeredNames(text: string): string[] | undefined {
  const q = text.normalize('NFKC');
  for (const pattern of [OFFERED_EN, OFFERED_ZH]) {
    for (const m of allMatches(pattern, q)) {
      if (UNIT_AFTER.test(q.slice((m.index ?? 0) + m[0].length)) && /^\d/.test(m[2])) continue;
      const run = m[1].split(/\s*[,，、]\s*/);
      // "Which MTA, exim4 or postfix, …": the name right after which/what is the kind asked, the choices follow it.
      if (run.length > 1 && /\b(?:which|what)\s+$/i.test(q.slice(0, m.index ?? 0))) run.shift();
      const names = [...run, m[2]].flatMap((n) => n.split('/')).map((n) => n.replace(/\.+$/, '')).filter(Boolean);
      if (names.length < 2 || !names.every(offeredName)) continue;
      const words = names.map((n) => analyzeText(n).words);
      if (words.some((w) => w.length !== 1 || w[0].length < 2)) return undefined;
      return words.map((w) => w[0]);
    }
  }
  return undefined;
}
