import { NUMBER_TERM, YEAR_COUNT_TERM } from '../../core/question-words.js';
import { dictionaryParts, isShortOption, STEM_SUFFIXES } from '../../shared/text/tokenizer.js';
import { escapeRegExp } from '../../shared/text/escape-regexp.js';
import { lacksChar, type CharMask } from './char-mask.js';
import { CJK_UNIFIED_RANGE } from '../../shared/text/char-classes.js';

/**
 * How a question word is found in a sentence (both in compact form, sentence-evidence.ts compact): the word
 * itself or one of its alternatives (synonyms, translations), a year inside a stated range, the compound a
 * two-character word abbreviates, or — for a longer Chinese word — the share of its character pairs or
 * dictionary parts present. 1 for the word, a share for a part, 0 for nothing.
 */

// Matchers and abbreviation checks are kept per term; questions bring terms without end, so both are capped.
const MATCHER_CACHE_LIMIT = 10_000;

const HAN_WORD = new RegExp(`^[${CJK_UNIFIED_RANGE}]+$`);
const HAS_HAN = new RegExp(`[${CJK_UNIFIED_RANGE}]`);
// Characters from which a quoted phrase is found by half of its character pairs (sentence-evidence.ts verbatimMissing), and a
// term of Han and Latin (such a phrase) by its pairs as a Chinese compound is: shorter, half its pairs are a word or two.
export const LOOSE_QUOTE_LENGTH = 8;
const YEAR_RANGE = /(\d{4})年?(?:至|到|-|~|—)(\d{4})年/g;

/** "2023" is supported by "2022 年至 2024 年": the article often states ranges. */
function yearInRange(year: number, sentence: string): boolean {
  // Every range ends in 年: most sentences are ruled out without running the pattern. (An exec loop, not
  // matchAll, which clones the pattern per call; this runs for every year term against every candidate.)
  if (!sentence.includes('年')) return false;
  YEAR_RANGE.lastIndex = 0;
  for (let m = YEAR_RANGE.exec(sentence); m; m = YEAR_RANGE.exec(sentence)) {
    if (year >= Number(m[1]) && year <= Number(m[2])) return true;
  }
  return false;
}

/**
 * "3年" (a count of years the question names: 这三年, 近 3 年) is said by "3 年" itself, or by a range of that many years
 * ("2022 年至 2024 年") or one more, for a range that ends at a quarter ("2022 年至 2025 年第一季度").
 */
function spansYears(count: number, sentence: string): boolean {
  if (!sentence.includes('年')) return false;
  YEAR_RANGE.lastIndex = 0;
  for (let m = YEAR_RANGE.exec(sentence); m; m = YEAR_RANGE.exec(sentence)) {
    const longer = Number(m[2]) - Number(m[1]) + 1 - count;
    if (longer === 0 || longer === 1) return true;
  }
  return false;
}

// "营收" for 营业收入, "科研" for 科学研究: Chinese often shortens a two-word compound to the first character of each word.
const ABBREVIATION_CREDIT = 0.8;
const abbreviations = new Map<string, boolean>();

/** Whether `word` (four characters, its first and third the term's two) is a compound the term can shorten: its words start with the term's characters. */
function abbreviates(word: string): boolean {
  let yes = abbreviations.get(word);
  if (yes === undefined) {
    const parts = dictionaryParts(word);
    // One four-character dictionary word (科学研究), or two two-character words (营业 + 收入); the caller's pattern fixed which characters.
    yes = parts.length === 1 || (parts.length === 2 && parts[0].length === 2);
    if (abbreviations.size >= MATCHER_CACHE_LIMIT) abbreviations.clear();
    abbreviations.set(word, yes);
  }
  return yes;
}

// Digits grouped by thousands in a sentence ("1,500"): a question's number is written without the commas.
const THOUSANDS = /(?<=\d),(?=\d{3}(?!\d))/g;
/** The sentence with its thousands separators dropped ("3,000" → "3000"), where a whole number is looked for. */
const withoutThousands = (sentence: string) => (sentence.includes(',') ? sentence.replace(THOUSANDS, '') : sentence);

/**
 * `mask`, when given, is the sentence's character mask: it only spares substring searches, the credit is the same.
 * `spaced`, when given, is the sentence normalised as `sentence` is with its whitespace kept: where a short Latin word
 * must stand alone (matchesAsWholeWord).
 */
export type Matcher = (sentence: string, mask?: CharMask, spaced?: string) => number;

// A one- or two-letter Latin word ("f", "ls", "dd", "ip") is inside most sentences' longer words ("of", "tools", "add",
// "script"), which the compact form (no spaces) cannot tell apart: it counts only standing alone in the spaced form
// ("|f |fully trusted|", "ls -l", "AI 芯片"), in the plural ("VMs", "CDs", "OSes": the question's acronym was made
// singular) or with a version number ("Qt5", "C99", "X11"). A three-letter one must start a word ("tar" not in "start",
// "ian" not in "Debian", "use" not in "because") and may go on ("used", "apt-get"). Accented Latin letters are letters
// ("sum" is not in "résumé"); Chinese beside the word is not ("用ls命令"). Its alternatives (translations, synonyms) are
// found as before.
const SHORT_LATIN_WORD = /^[a-z]{1,3}$/;
// A short option ("-a", "-la") is inside longer ones and words ("--all", "non-ascii", "git-add"): it counts only standing
// alone in the spaced form ("git commit -a", "ls -la /tmp", "-i.bak"), where the tokenizer would make it a token (not after
// "." or "/", tokenizer.ts SHORT_OPTION).
/** Whether a term counts only as a word of its own (or a word's start), so that its matcher needs the sentence's spaced form. */
export const matchesAsWholeWord = (term: string): boolean => SHORT_LATIN_WORD.test(term) || isShortOption(term);
/** Whether any of these terms counts only as a word of its own: matching them needs a text's spaced form (matchedIn's `spacedToo`). */
export const needsSpacedForm = (terms: readonly { term: string }[]): boolean => terms.some((t) => matchesAsWholeWord(t.term));
const matchers = new Map<string, Array<{ alternatives: readonly string[]; match: Matcher }>>();

const sameWords = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

// A phrase's words are stems ("sourc code" for "source code", "packag manag"): each but the last may be followed in the
// sentence by the ending the stemmer cut — written together, "sourccode" is in no sentence that says "Source code".
// (And "y", which a plural's "ies" took with it: "librar file" is "library file".)
const STEM_TAIL = `(?:${[...STEM_SUFFIXES, 'y'].map(escapeRegExp).join('|')})?`;
const phrasePattern = (phrase: string) =>
  new RegExp(
    phrase
      .split(' ')
      .map((w, i, words) => (i < words.length - 1 ? `${escapeRegExp(w)}${STEM_TAIL}` : escapeRegExp(w)))
      .join(''),
  );

/** A number as a whole number: not inside a longer one (2023, RTX3060, 23.6, 150, 50.5). */
const wholeNumber = (n: string) => new RegExp(`(?<![\\d.])${n.replaceAll('.', '\\.')}(?!\\d|\\.\\d)`);

/** What a term's presence looks like, worked out once per term: its alternatives, a year range, its character pairs. */
function matcherFor(term: string, others: readonly string[]): Matcher {
  // A word is found as written; a phrase ("floppy disk", "sourc code") as its words written together — the sentence is
  // matched without its spaces — with the endings its stems lost put back (phrasePattern). (The mask is asked word by
  // word: the stems written together have pairs the sentence need not, "sourc|code".)
  const isPhrase = (a: string) => a.includes(' ');
  const alternatives = [term, ...others].filter((a) => !isPhrase(a));
  const phrases = [term, ...others].filter(isPhrase).map((a) => ({ words: a.split(' '), pattern: phrasePattern(a) }));
  const phraseIn = (sentence: string, mask: CharMask | undefined) =>
    phrases.some((p) => (mask === undefined || !p.words.some((w) => lacksChar(mask, w))) && p.pattern.test(sentence));
  const year = /^\d{4}$/.test(term) ? Number(term) : undefined;
  // (Also a quoted phrase that mixes in Latin letters or digits, "每个国家都该有自己的AI": long enough that half its pairs say it.)
  const compound = term.length >= 3 && (HAN_WORD.test(term) || (term.length >= LOOSE_QUOTE_LENGTH && HAS_HAN.test(term) && !/\s/.test(term)));
  const pairs = compound ? Array.from({ length: term.length - 1 }, (_, i) => term.slice(i, i + 2)) : [];
  // A compound's dictionary words ("股东人数" → 股东, 人数): each present part earns its share.
  const parts = compound ? dictionaryParts(term).filter((p) => p.length >= 2) : [];
  const abbreviation = term.length === 2 && HAN_WORD.test(term) ? new RegExp(`${term[0]}[${CJK_UNIFIED_RANGE}]${term[1]}[${CJK_UNIFIED_RANGE}]`, 'g') : undefined;
  const [firstChar, secondChar] = term;
  const countIn = (sentence: string, mask: CharMask | undefined, list: string[]) => {
    let n = 0;
    for (const p of list) if ((mask === undefined || !lacksChar(mask, p)) && sentence.includes(p)) n++;
    return n;
  };
  // A count of years (question-words.ts YEAR_COUNT_TERM): as written, a whole number before 年, or a range that long.
  const years = YEAR_COUNT_TERM.exec(term);
  if (years) {
    const written = new RegExp(`(?<![\\d.])${years[1]}年`);
    return (sentence) => (sentence.includes(term) && written.test(sentence)) || spansYears(Number(years[1]), sentence) ? 1 : 0;
  }
  // A number is found as a whole number: "3" of "这三年" is not inside 2023, RTX3060 or 23.6, nor "50" inside 150 or 50.5.
  // (Its alternatives, if any, are words: matched as alternatives are, foundAlternative.)
  const whole = NUMBER_TERM.test(term) ? wholeNumber(term) : undefined;
  const wordAlternatives = others.filter((a) => !isPhrase(a));
  // A number among the alternatives ("3" of "three") is found as a whole number too, not inside 2023 or 3,000; a
  // one-character alternative is a measure word ("round" → 轮, build-lexicon.ts) and counts only after a number ("8 轮"),
  // not inside 其次 or 处理.
  const patterned = new Map<string, RegExp>();
  for (const a of alternatives) {
    if (a === term) continue;
    if (NUMBER_TERM.test(a)) patterned.set(a, wholeNumber(a));
    else if (a.length === 1 && HAN_WORD.test(a)) patterned.set(a, new RegExp(`\\d${a}`));
  }
  const foundAlternative = (sentence: string, alt: string) => {
    if (!sentence.includes(alt)) return false;
    const pattern = patterned.get(alt);
    return !pattern || pattern.test(withoutThousands(sentence));
  };
  const standingAlone = isShortOption(term)
    ? new RegExp(`(?<![\\p{sc=Latin}0-9_./-])${term}(?![\\p{sc=Latin}0-9_-])`, 'u')
    : matchesAsWholeWord(term)
      ? new RegExp(`(?<![\\p{sc=Latin}0-9])${term}${term.length < 3 ? '(?:e?s)?(?!\\p{sc=Latin})' : ''}`, 'u')
      : undefined;
  const foundTerm = (spaced: string | undefined) => standingAlone === undefined || spaced === undefined || standingAlone.test(spaced);
  return (sentence, mask, spaced) => {
    if (whole) {
      const text = withoutThousands(sentence);
      if ((mask === undefined || !lacksChar(mask, term)) && text.includes(term) && whole.test(text)) return 1;
      for (const alt of wordAlternatives) if ((mask === undefined || !lacksChar(mask, alt)) && foundAlternative(sentence, alt)) return 1;
      if (phrases.length && phraseIn(sentence, mask)) return 1;
      return year !== undefined && yearInRange(year, sentence) ? 1 : 0;
    }
    for (const alt of alternatives) if ((mask === undefined || !lacksChar(mask, alt)) && foundAlternative(sentence, alt) && (alt !== term || foundTerm(spaced))) return 1;
    if (phrases.length && phraseIn(sentence, mask)) return 1;
    if (year !== undefined && yearInRange(year, sentence)) return 1;
    // The pattern needs the term's first character and, two further on, its second: check that cheaply first.
    // (Its characters need not be adjacent there: "营收" is abbreviated from 营业收入.)
    if (abbreviation && (mask === undefined || !lacksChar(mask, term, true))) {
      const first = sentence.indexOf(firstChar);
      if (first >= 0 && sentence.includes(secondChar, first + 2)) {
        abbreviation.lastIndex = 0;
        for (let m = abbreviation.exec(sentence); m; m = abbreviation.exec(sentence)) if (abbreviates(m[0])) return ABBREVIATION_CREDIT;
      }
    }
    if (pairs.length === 0) return 0;
    const share = countIn(sentence, mask, pairs) / pairs.length;
    const partShare = parts.length > 1 ? countIn(sentence, mask, parts) / parts.length : 0;
    const best = Math.max(share, partShare);
    return best >= 0.5 ? best : 0;
  };
}

/** The matcher of a term with its alternatives, built once per term: callers look a word's up once per question, not once per sentence. */
export function matcherOf(term: string, alternatives: readonly string[] = []): Matcher {
  // Per term, the matchers of the alternative lists seen with it, compared word by word (the words are the
  // lexicon's own strings, so mostly one pointer comparison each) rather than joined into a key string.
  let built = matchers.get(term);
  if (!built) {
    if (matchers.size >= MATCHER_CACHE_LIMIT) matchers.clear();
    matchers.set(term, (built = []));
  }
  for (const b of built) if (sameWords(b.alternatives, alternatives)) return b.match;
  const match = matcherFor(term, alternatives);
  built.push({ alternatives: [...alternatives], match });
  return match;
}
