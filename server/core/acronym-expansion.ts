import { stemLatin } from '../shared/text/tokenizer.js';
import { ENGLISH_FUNCTION_WORDS } from '../shared/text/english-function-words.js';
import { escapeRegExp } from '../shared/text/escape-regexp.js';
import { ENGLISH_AUXILIARIES } from './question-words.js';

/**
 * Questions that ask what an abbreviation stands for ("PPTP 全称", "What does LXC stand for?", "RFC 是什么的缩写?",
 * "module-assistant abbreviation"). Their answer has a visible shape, as a number or a date has: a run of words whose
 * initials spell the abbreviation, next to it ("Point-to-point tunneling protocol (PPTP)", "tar (Tape ARchive)"). A
 * sentence that only names the abbreviation does not say what it stands for, however many words it shares with the
 * question (answer-type.ts reads this as the answer type 'expansion').
 */

// The cues. Chinese: 全称/全拼 (全名 is a person's full name), "…的(英文)缩写/简称/简写", "什么缩写". English: "stands for",
// "is short for", "full/long form", "expansion of", "abbreviation", "acronym" — not "abbreviated output" or "what acronyms
// does Debian use" (no one abbreviation asked), nor "what does X mean" (a definition).
const CHINESE_CUE = /全称|全拼|(?:的|这个)(?:英文|首字母)?(?:缩写|简称|简写)|什么(?:的)?缩写|缩写(?:是|为)?(?:什么|啥)/;
const ENGLISH_CUE = /\bstands?\s+for\b|\bis\s+short\s+for\b|\b(?:full|long)\s+form\b|\bexpansion\s+of\b|\babbreviation\b|\bacronym\b/i;

// The question's words that only ask for the expansion, as the tokenizer gives them: they frame the question, the
// answering sentence does not repeat them (query-analysis.ts drops them as it drops "how" of "how long").
const CUE_WORDS: ReadonlySet<string> = new Set(
  ['全称', '全拼', '缩写', '简称', '简写', ...['stand', 'stands', 'short', 'form', 'expansion', 'abbreviation', 'acronym'].map(stemLatin)],
);

// A Latin token as the question writes a name: letters, digits and the joiners of a name (m-a, X.Org, preseed-md5).
const LATIN_TOKEN = /[A-Za-z][A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*/g;
const NON_LETTERS = /[^a-z]/gi;
const AUXILIARY = new RegExp(`^(?:${ENGLISH_AUXILIARIES})$`, 'i');
// Two letters or more and no digit: a token whose letters initials can spell (W3C's digit stands for words none spell).
const spellable = (token: string) => token.replace(NON_LETTERS, '').length >= 2 && !/\d/.test(token);

// An abbreviation as an English question writes it: two capitals or more (LXC, AWStats), or joined pieces (m-a,
// module-assistant). A Chinese cue takes any token ("tar 是哪几个词的缩写"): the Chinese around it is no English word.
const ABBREVIATION_LIKE = /[A-Z][^A-Z]*[A-Z]|[A-Za-z]-[A-Za-z]/;

/**
 * The abbreviation a question asks about (or, for "X abbreviation", the long form): the Latin token written just before
 * the cue ("PPTP 全称", "What does LXC stand for?", "tar 这个命令名是哪几个词的缩写?") and the two before it, nearest
 * first; after it when none is before ("the abbreviation for module-assistant"). Function words and auxiliaries ("does")
 * are skipped. None when the nearest is a single letter ("What does the letter T stand for in 1000BASE-T?", "what does
 * V: stand for?" ask about a letter or a code), or holds a digit (W3C: its digit stands for words no initials spell).
 */
function askedTokens(question: string): readonly string[] {
  // The same question is read once per candidate sentence (satisfiesAnswerType): the last one is kept.
  if (question !== lastAsked.question) lastAsked = { question, tokens: readAskedTokens(question) };
  return lastAsked.tokens;
}
let lastAsked: { question?: string; tokens: readonly string[] } = { tokens: [] };

function readAskedTokens(question: string): string[] {
  const chinese = CHINESE_CUE.exec(question);
  const cue = chinese ?? ENGLISH_CUE.exec(question);
  if (!cue) return [];
  const tokensIn = (text: string) =>
    [...text.matchAll(LATIN_TOKEN)].map((m) => m[0]).filter((token) => !isFunctionWord(token) && !CUE_WORDS.has(stemLatin(token.toLowerCase())));
  const before = tokensIn(question.slice(0, cue.index)).reverse();
  const tokens = before.length ? before : tokensIn(question.slice(cue.index + cue[0].length));
  const nearest = tokens[0];
  if (nearest === undefined || !spellable(nearest) || (!chinese && !ABBREVIATION_LIKE.test(nearest))) return [];
  return chinese ? tokens.slice(0, 3).filter(spellable) : [nearest];
}

// A single letter other than the article "a" is what the question asks about ("the letter T"), though the function-word
// list holds t and s (contraction leftovers).
function isFunctionWord(token: string): boolean {
  return token.length === 1 ? token.toLowerCase() === 'a' : ENGLISH_FUNCTION_WORDS.has(token.toLowerCase()) || AUXILIARY.test(token);
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
  /** It starts with a capital (spells' capitalsOnly). */
  capital: boolean;
  /** Index of the word it belongs to. */
  word: number;
}

function partsOf(words: readonly string[]): Part[] {
  const parts: Part[] = [];
  words.forEach((word, w) => {
    word.split(/[-_/+]/).forEach((piece, p) => {
      if (!/^[A-Za-z]/.test(piece)) return;
      const inner = piece === piece.toUpperCase() ? '' : [...piece.slice(1)].filter((c) => c >= 'A' && c <= 'Z').join('');
      parts.push({
        letters: (piece[0] + inner).toLowerCase(),
        skippable: p > 0 || ENGLISH_FUNCTION_WORDS.has(piece.toLowerCase()),
        capital: /^[A-Z]/.test(piece),
        word: w,
      });
    });
  });
  return parts;
}

/**
 * The last part of a run from `from` on that spells `letters` by its initials (a part gives its first letter and then,
 * if wanted, its inner capitals in order; a skippable part may give nothing), or -1. The run has at least two parts that
 * give letters, so an abbreviation never spells itself; `capitalsOnly`: every part that gives letters starts with a
 * capital. Memoised on (part, letter, parts used so far up to 2): a run of skippable parts cannot make it exponential.
 */
function spells(parts: readonly Part[], from: number, letters: string, capitalsOnly: boolean): number {
  const memo = new Map<number, number>();
  const go = (p: number, i: number, used: number): number => {
    if (i === letters.length) return used >= 2 ? p - 1 : -1;
    if (p >= parts.length) return -1;
    const key = (p * (letters.length + 1) + i) * 3 + Math.min(used, 2);
    const known = memo.get(key);
    if (known !== undefined) return known;
    let out = -1;
    const part = parts[p];
    if (part.letters[0] === letters[i] && (!capitalsOnly || part.capital)) {
      // The first letter, then as many of its inner capitals as match in a row.
      for (let k = 1, j = i + 1; out < 0; k++, j++) {
        out = go(p + 1, j, used + 1);
        if (!(k < part.letters.length && j < letters.length && part.letters[k] === letters[j])) break;
      }
    }
    if (out < 0 && p > from && part.skippable) out = go(p + 1, i, used);
    memo.set(key, out);
    return out;
  };
  return go(from, 0, 0);
}

// How far from the abbreviation a capitalised long form may stand ("the DKMS framework (Dynamic Kernel Module Support)").
const NEAR = 80;
// Words written apart, or joined by "+" or "&" ("READ + EVAL + PRINT + LOOP").
const WORD = /[A-Za-z][A-Za-z0-9]*(?:[-_/+][A-Za-z0-9]+)*/g;
const WORDS_RUN = new RegExp(String.raw`${WORD.source}(?:(?:\s*[+&]\s*|\s+)${WORD.source})*`, 'g');
// A long form in lower case counts only where it touches the abbreviation through a bracket, a quote, a colon or "=", or
// a phrase that says so: after it ("PPTP (Point-to-point…", "REPL (=READ…", "X stands for …", "X 代表 …") or before it
// ("Point-to-point tunneling protocol (PPTP)"). A space alone is no tie: "the CPU cycles per unit".
const TOUCHING_AFTER = /^\s*(?:[(（[:：=＝"“'‘—–-]+|stands? for|is (?:an? )?(?:acronym|abbreviation|short) (?:for|of)|is for|means|代表|是|即|意为|指)[\s"“'‘(（:：=]*$/i;
const TOUCHING_BEFORE = /^\s*[(（[]\s*$/;
// A capitalised long form goes on through capitalised words while it is quoted or bracketed ("X Direct Save Protocol”).
const CLOSING = /^[\s]*[)）"”'’\]]/;

/** Where `token` is written as a whole token: case as written for one in capitals ("US" is not "use"), any case otherwise. */
function occurrences(text: string, token: string): Array<{ start: number; end: number }> {
  const flags = token === token.toUpperCase() ? 'g' : 'gi';
  const at = new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(token)}(?![A-Za-z0-9])`, flags);
  return [...text.matchAll(at)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * A run of words that spells `short` by its initials, as the text writes it ("READ + EVAL + PRINT + LOOP"): one that
 * touches the abbreviation (TOUCHING between them), or a capitalised one near it. Lower-case words nearby that happen to
 * begin with its letters ("NFS … now file sharing") are not its long form.
 */
function longFormNear(text: string, short: string): string | undefined {
  const letters = short.toLowerCase().replace(NON_LETTERS, '');
  if (letters.length < 2) return undefined;
  for (const { start, end } of occurrences(text, short)) {
    // After the abbreviation first ("IP (Internet Protocol)" is not "In particular the IP"), then before it.
    const stretches = [
      { from: end, text: text.slice(end, end + NEAR) },
      { from: Math.max(0, start - NEAR), text: text.slice(Math.max(0, start - NEAR), start) },
    ];
    for (const stretch of stretches) {
      for (const run of stretch.text.matchAll(WORDS_RUN)) {
        const words = [...run[0].matchAll(WORD)];
        const parts = partsOf(words.map((w) => w[0]));
        const runStart = stretch.from + run.index;
        for (let p = 0; p < parts.length; p++) {
          if (parts[p].letters[0] !== letters[0]) continue;
          const first = words[parts[p].word];
          const from = runStart + first.index;
          const gapBefore = from >= end ? text.slice(end, from) : undefined;
          for (const capitalsOnly of [false, true]) {
            const last = spells(parts, p, letters, capitalsOnly);
            if (last < 0) continue;
            let final = words[parts[last].word];
            const to = runStart + final.index + final[0].length;
            const touches = gapBefore !== undefined ? TOUCHING_AFTER.test(gapBefore) : to <= start && TOUCHING_BEFORE.test(text.slice(to, start));
            if (!capitalsOnly && !touches) continue;
            // Capitalised words that go on to a closing bracket or quote belong to it.
            let w = parts[last].word;
            while (w + 1 < words.length && /^[A-Z]/.test(words[w + 1][0])) w++;
            if (w > parts[last].word && CLOSING.test(run[0].slice(words[w].index + words[w][0].length) || text.slice(runStart + run[0].length))) final = words[w];
            const long = run[0].slice(first.index, final.index + final[0].length);
            if (long.toLowerCase() !== short.toLowerCase()) return long;
          }
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
      const letters = short.toLowerCase().replace(NON_LETTERS, '');
      if (letters.length >= 2 && letters.length < long.length && spells(parts, 0, letters, false) === parts.length - 1) return short;
    }
  }
  return undefined;
}

/**
 * What the sentence says the question's abbreviation stands for: a run of words whose initials spell it (or, the
 * other way round, the abbreviation the initials of the question's long form spell, written after it), with the
 * question's token it answers for; undefined when it says neither. The value is the sentence's text in NFKC (full-width
 * letters read half-width).
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
