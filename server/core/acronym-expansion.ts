import { stemLatin } from '../shared/text/tokenizer.js';
import { ENGLISH_FUNCTION_WORDS } from '../shared/text/english-function-words.js';

/**
 * Questions that ask what an abbreviation stands for ("PPTP 全称", "What does LXC stand for?", "RFC 是什么的缩写?",
 * "module-assistant abbreviation"). Their answer has a visible shape, as a number or a date has: a run of words whose
 * initials spell the abbreviation, next to it ("Point-to-point tunneling protocol (PPTP)", "tar (Tape ARchive)"). A
 * sentence that only names the abbreviation does not say what it stands for, however many words it shares with the
 * question (answer-type.ts reads this as the answer type 'expansion').
 */

// The cue: 全称 (the full name of an abbreviation; 全名 is a person's full name), "…的缩写/简称" (what it abbreviates),
// "stands for", "short for", "abbreviation", "acronym". Not "what does X mean": that asks a definition.
const ASKS = /全称|(?:的|这个)(?:缩写|简称)|缩写(?:是|为)?(?:什么|啥)|\bstands?\s+for\b|\bshort\s+for\b|\babbreviat(?:ion|ions|ed|es)\b|\bacronyms?\b/i;

// The question's words that only ask for the expansion, as the tokenizer gives them: they frame the question, the
// answering sentence does not repeat them (query-analysis.ts drops them as it drops "how" of "how long").
const CUE_WORDS: ReadonlySet<string> = new Set(['全称', '缩写', '简称', ...['stand', 'stands', 'short', 'abbreviation', 'abbreviations', 'abbreviated', 'abbreviates', 'acronym', 'acronyms'].map(stemLatin)]);

// A Latin token as written: letters, digits and the joiners of a name (m-a, i386, X.Org).
const LATIN_TOKEN = /[A-Za-z][A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*/g;
const LETTERS = /[^a-z]/g;

/**
 * The abbreviation a question asks about (or, for "X abbreviation", the long form): the Latin token written just before
 * the cue ("PPTP 全称", "What does LXC stand for?", "tar 这个命令名是哪几个词的缩写?") and the two before it, nearest
 * first ("the name of Debian's apt tool stand for" — apt, not tool); after it when none is before ("the abbreviation
 * for module-assistant"). Function words are skipped. None when the nearest is a single letter: "What does the letter T
 * stand for in 1000BASE-T?", "what does a number prefixed with V: stand for?" ask about a letter or a code, which no
 * run of initials answers.
 */
function askedTokens(question: string): string[] {
  const cue = ASKS.exec(question);
  if (!cue) return [];
  const tokensIn = (text: string) =>
    [...text.matchAll(LATIN_TOKEN)].map((m) => m[0]).filter((token) => !isFunctionWord(token) && !CUE_WORDS.has(stemLatin(token.toLowerCase())));
  const before = tokensIn(question.slice(0, cue.index)).reverse();
  const tokens = before.length ? before : tokensIn(question.slice(cue.index + cue[0].length));
  if (!tokens.length || tokens[0].replace(/[^A-Za-z]/g, '').length < 2) return [];
  return tokens.slice(0, 3).filter((token) => token.replace(/[^A-Za-z]/g, '').length >= 2);
}

// A single letter other than the article "a" is what the question asks about ("the letter T"), though the function-word
// list holds t and s (contraction leftovers).
function isFunctionWord(token: string): boolean {
  return token.length === 1 ? token.toLowerCase() === 'a' : ENGLISH_FUNCTION_WORDS.has(token.toLowerCase());
}

/** The question asks what an abbreviation it names stands for (or which abbreviation a long form it names has). */
export function asksExpansion(question: string): boolean {
  return askedTokens(question).length > 0;
}

/** The words of a question that only frame an expansion question (empty for any other question). */
export function expansionFraming(question: string): ReadonlySet<string> {
  return asksExpansion(question) ? CUE_WORDS : EMPTY;
}
const EMPTY: ReadonlySet<string> = new Set();

// One part of a long form: a word, or a piece of a hyphenated one ("Point-to-point" → Point, to, point).
interface Part {
  /** The letters it may give: its first letter, then the capitals inside it ("ARchive" → a, r; "LinuX" → l, x). */
  letters: string;
  /** It may give none: a function word ("to", "of") or the tail of a hyphenated word ("Kernel-based"). */
  skippable: boolean;
  /** Index of the word it belongs to. */
  word: number;
}

function partsOf(words: readonly string[]): Part[] {
  const parts: Part[] = [];
  words.forEach((word, w) => {
    word.split(/[-_/+]/).forEach((piece, p) => {
      if (!/^[A-Za-z]/.test(piece)) return;
      const inner = [...piece.slice(1)].filter((c) => c >= 'A' && c <= 'Z' && piece !== piece.toUpperCase()).join('');
      parts.push({ letters: (piece[0] + inner).toLowerCase(), skippable: p > 0 || ENGLISH_FUNCTION_WORDS.has(piece.toLowerCase()), word: w });
    });
  });
  return parts;
}

/**
 * The last part of a run from `from` on that spells `letters` by its initials (a part gives its first letter and then,
 * if wanted, its inner capitals in order; a skippable part may give nothing), or -1. The run has at least two parts that
 * give letters, so an abbreviation never spells itself.
 */
function spells(parts: readonly Part[], from: number, letters: string): number {
  const go = (p: number, i: number, used: number): number => {
    if (i === letters.length) return used >= 2 ? p - 1 : -1;
    if (p >= parts.length) return -1;
    const part = parts[p];
    if (part.letters[0] === letters[i]) {
      // The first letter, then as many of its inner capitals as match in a row.
      for (let k = 1, j = i + 1; ; k++, j++) {
        const last = go(p + 1, j, used + 1);
        if (last >= 0) return last;
        if (!(k < part.letters.length && j < letters.length && part.letters[k] === letters[j])) break;
      }
    }
    return p > from && part.skippable ? go(p + 1, i, used) : -1;
  };
  return go(from, 0, 0);
}

// How far from the abbreviation its long form may stand (a parenthesis, "stands for", "是…的缩写").
const NEAR = 80;
// Words written apart, or joined by "+" or "&" ("READ + EVAL + PRINT + LOOP").
const WORD = /[A-Za-z][A-Za-z0-9]*(?:[-_/+][A-Za-z0-9]+)*/g;
const WORDS_RUN = new RegExp(String.raw`${WORD.source}(?:(?:\s*[+&]\s*|\s+)${WORD.source})*`, 'g');

/** Where `token` is written in the text as a whole token, any case. */
function occurrences(text: string, token: string): Array<{ start: number; end: number }> {
  const at = new RegExp(`(?<![A-Za-z0-9])${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`, 'gi');
  return [...text.matchAll(at)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** A run of words near `short` whose initials spell it, as the text writes the run ("READ + EVAL + PRINT + LOOP"). */
function longFormNear(text: string, short: string): string | undefined {
  const letters = short.toLowerCase().replace(LETTERS, '');
  if (letters.length < 2) return undefined;
  for (const { start, end } of occurrences(text, short)) {
    for (const stretch of [text.slice(Math.max(0, start - NEAR), start), text.slice(end, end + NEAR)]) {
      for (const run of stretch.matchAll(WORDS_RUN)) {
        const words = [...run[0].matchAll(WORD)];
        const parts = partsOf(words.map((w) => w[0]));
        for (let p = 0; p < parts.length; p++) {
          if (parts[p].letters[0] !== letters[0]) continue;
          const last = spells(parts, p, letters);
          if (last < 0) continue;
          const first = words[parts[p].word];
          // A long form written in capitals goes on while its words do ("X Direct Save Protocol").
          let w = parts[last].word;
          while (w + 1 < words.length && /^[A-Z]/.test(words[w][0]) && /^[A-Z]/.test(words[w + 1][0])) w++;
          const final = words[w];
          const long = run[0].slice(first.index, final.index + final[0].length);
          if (long.toLowerCase() !== short.toLowerCase()) return long;
        }
      }
    }
  }
  return undefined;
}

/** An abbreviation written after `long` (within NEAR characters) that its initials spell ("module-assistant(8) (or its short form m-a)"). */
function shortFormAfter(text: string, long: string): string | undefined {
  const parts = partsOf(long.split(/\s+/));
  for (const { end } of occurrences(text, long)) {
    for (const short of text.slice(end, end + NEAR).match(LATIN_TOKEN) ?? []) {
      const letters = short.toLowerCase().replace(LETTERS, '');
      if (letters.length >= 2 && letters.length < long.length && spells(parts, 0, letters) === parts.length - 1) return short;
    }
  }
  return undefined;
}

/**
 * What the sentence says the question's abbreviation stands for: a run of words near the abbreviation whose initials
 * spell it (or, the other way round, the abbreviation the initials of the question's long form spell, written after
 * it), with the question's token it answers for; undefined when it says neither.
 */
export function expansionIn(question: string, sentence: string): { asked: string; value: string } | undefined {
  const text = sentence.normalize('NFKC');
  for (const asked of askedTokens(question.normalize('NFKC'))) {
    const value = longFormNear(text, asked) ?? shortFormAfter(text, asked);
    if (value) return { asked, value };
  }
  return undefined;
}

/** The sentence says what the question's abbreviation stands for (expansionIn). */
export function statesExpansion(question: string, sentence: string): boolean {
  return expansionIn(question, sentence) !== undefined;
}
