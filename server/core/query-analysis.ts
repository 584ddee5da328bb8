import { indefiniteOnes } from '../shared/text/chinese-numerals.js';
import { analyzeText, containsName, degreeAdjectives, dictionaryParts, isDictionaryWord, isHedge, isShortOption, normalizeForMatching, phrasingWords, stemLatin, BIGRAM_PREFIX, isBigram } from '../shared/text/tokenizer.js';
import { askedMeasure, asksHowManyWithJi, categoryNouns, detectAnswerType, TYPE_NOUNS } from './answer-type.js';
import { asksIsThereOne, ASKS_WHICH_ONE, CHINESE_MODALS, CONDITION_OPENER, ELLIPSIS, ELLIPSIS_EN, ENGLISH_AUXILIARIES, ENGLISH_WH_WORDS, HAVING_BEFORE, INVERTED_AUXILIARY, isQuestionWord, LIST_REQUEST, QUESTION_WORDS, WHAT_HAPPENS, WHICH_MEASURE, YEAR_COUNT_TERM } from './question-words.js';
import { englishLexicon } from '../shared/text/english-lexicon.js';
import { DEMONSTRATIVE_ZH, ONE_THING_PRONOUN, ONE_THING_PRONOUN_ALL, PERIOD_REFERENCE, PRONOUN, PRONOUN_EN, SUBJECT_DESCRIPTION_EN, THING_PRONOUN_EN } from './reference-words.js';
import { defaultFollowUpWeights, type FollowUpWeights } from './follow-up-weights.js';
import { ENGLISH_FUNCTION_WORDS } from '../shared/text/english-function-words.js';
import type { AnalyzedQuery, HistoryTurn, WeightedTerm } from './types.js';
import { HAN_RANGE, hasHan, mainlyHan } from '../shared/text/char-classes.js';
import { STOP_WORDS } from '../shared/text/stop-words.js';
import { capitalisedWords, everydayWordsInCapitals, isEverydayEnglish } from '../shared/text/english-everyday-words.js';
import { allMatches } from '../shared/text/all-matches.js';
import { descriptionNouns, DESCRIPTION_NOUNS_ZH } from './description-nouns.js';
import { offeredNames } from './offered-names.js';
import { codeNames } from './sentence-shapes.js';
import { askedNounStems } from './asked-phrase.js';
import { documentReferences } from './document-references.js';
import { nameAnswered, resolveOrdinalReference } from './ordinal-reference.js';
import { expansionFraming } from './acronym-expansion.js';
import { alternativesIdf, MEASURE, unknownFactor, UNKNOWN_GENERAL_WEIGHT, UNKNOWN_PHRASING_WEIGHT, wordFacts, wordMeaning, type WordMeaning, type WordStats } from './word-facts.js';

/** Corpus statistics the analysis needs (implemented by the BM25 index): a word's (word-facts.ts WordStats) and these. */
export interface TermStats extends WordStats {
  /** Whether the dictionary relates the word to corpus words (its alternatives are not a name's slips). */
  translates?(word: string): boolean;
  /** Romanised names of the corpus's Chinese words, written in Chinese ("Zhang Jianzhong" → 张建中). */
  romanisedToChinese?(question: string): string;
  /** The corpus's Chinese words read as this one is, for a word the corpus does not use (a homophone slip: 跟综器 → 跟踪器). */
  homophones?(word: string): readonly string[];
}

// Bigrams help retrieval find names the dictionary splits; they stay weak so words decide the ranking.
const BIGRAM_WEIGHT = 0.3;
// One-character words (前, 大, 占) say little on their own.
const SINGLE_CHAR_WEIGHT = 0.4;
// A word the corpus never uses weighs like the rarest word, which is right for a name or a noun
// (股票代码, 微架构: the question is about something the article lacks) but not for phrasing
// (担任, 以前, 一共), which the article simply says differently (UNKNOWN_PHRASING_WEIGHT, word-facts.ts).
const CATEGORY_WEIGHT = 0.4;
const LATIN_WORD = /^[a-z]/;
const HYPHENATED = /^[a-z]+(?:-[a-z]+){1,2}$/;
/** A hyphenated word as the lexicon keys a phrase: its parts stemmed, joined by a space ("next-generation" → "next gener"). */
const hyphenatedKey = (word: string) => word.split('-').map(stemLatin).join(' ');

/**
 * English words the dictionary translates only together ("first quarter" → 第一季度, "next-generation" →
 * 下一代, "net profit" → 净利润): adjacent Latin words (three, then two) or a hyphenated word's parts that are
 * one lexicon key. Their words are then matched as the phrase, not one by one.
 */
function dictionaryPhrases(words: readonly string[], stats: TermStats): { phrases: string[]; consumed: Set<number> } {
  const phrases: string[] = [];
  const consumed = new Set<number>();
  if (!stats.translates) return { phrases, consumed };
  let phraseWord: boolean[] | undefined;
  for (let i = 0; i < words.length; i++) {
    if (!LATIN_WORD.test(words[i])) continue;
    if (HYPHENATED.test(words[i])) {
      const key = hyphenatedKey(words[i]);
      if (stats.translates(key)) {
        phrases.push(key);
        consumed.add(i);
      }
      continue;
    }
    // Whether each word can be part of a phrase, tested once per word (not once per span it is in).
    // Function words ("how many") phrase the question: never part of a phrase it asks about.
    phraseWord ??= words.map((w) => LATIN_WORD.test(w) && !HYPHENATED.test(w) && !ENGLISH_FUNCTION_WORDS.has(w));
    for (let n = 3; n >= 2; n--) {
      if (i + n > words.length || !allFrom(phraseWord, i, n)) continue;
      const key = words.slice(i, i + n).join(' ');
      if (!stats.translates(key)) continue;
      phrases.push(key);
      for (let j = i; j < i + n; j++) consumed.add(j);
      i += n - 1;
      break;
    }
  }
  return { phrases, consumed };
}

/** Whether flags[from], …, flags[from + n - 1] are all true. */
function allFrom(flags: readonly boolean[], from: number, n: number): boolean {
  for (let j = from; j < from + n; j++) if (!flags[j]) return false;
  return true;
}

/**
 * A hyphenated English word that neither the corpus, the dictionary nor a near spelling knows ("second-largest",
 * "per-thread" over a Chinese corpus) is matched by its parts. One the dictionary knows as a phrase
 * ("next-generation") stays whole for dictionaryPhrases.
 */
function splitUnknownCompounds(words: readonly string[], stats: TermStats): readonly string[] {
  // Most questions have no hyphenated word: their words as they are, without a list per word.
  if (!words.some((w) => w.includes('-'))) return words;
  return words.flatMap((w) => {
    if (!HYPHENATED.test(w) || stats.documentFrequency(w) > 0 || (stats.alternatives?.(w) ?? []).length) return [w];
    if (stats.translates?.(hyphenatedKey(w))) return [w];
    return w.split('-').filter((p) => !STOP_WORDS.has(p)).map(stemLatin);
  });
}

const HAN_WORD = new RegExp(`^[${HAN_RANGE}]+$`);
// The longest slip read whole (the pinyin index holds corpus words of two to six characters), and how many characters
// of the question around a piece it may take in.
const MAX_SLIP = 6;
const MAX_REACH = 2;
// A piece of one character the corpus lacks is mostly phrasing (钱, 图): read with its neighbours it too easily sounds
// like some corpus word (少钱 / 烧钱). A slip's unknown piece has two characters or more (综器 of 跟综器).
const MIN_PIECE = 2;

/**
 * A corpus word the question's segmentation cut up. jieba does not know the corpus's names, so the same name is one
 * word in one context and pieces in another ("沐曦背后…" → 沐曦, "给沐曦贡献…" → 沐 | 曦); and a word written with a
 * wrong homophone (跟综器 for 跟踪器) is in no dictionary, so it is cut up too (跟 | 综器). A Chinese piece the corpus
 * never uses is read with up to two of the question's characters on either side (the longest such reading) when that is
 * a word of the corpus, or — for a piece of MIN_PIECE characters or more — reads (toneless pinyin) as a corpus word
 * does: the word, or the slip whole, which the lexicon then relates to the word. The other pieces go with it.
 */
function joinCorpusWords(words: readonly string[], text: string, stats: TermStats): { words: readonly string[]; joined: ReadonlySet<string> } {
  const joined = new Set<string>();
  // A Chinese piece shorter than a slip that the corpus never uses: what may be part of a corpus word cut up.
  const unknownPiece = (w: string) => HAN_WORD.test(w) && w.length < MAX_SLIP && stats.documentFrequency(w) === 0;
  if (!words.some(unknownPiece)) return { words, joined };
  const normalized = normalizeForMatching(text);
  const readsAsCorpusWord = (span: string, piece: string) =>
    stats.documentFrequency(span) > 0 || (piece.length >= MIN_PIECE && stats.homophones !== undefined && stats.homophones(span).length > 0);
  // The words kept, each with where it starts in the question (-1: not found as written, a stemmed Latin word).
  const out: Array<{ word: string; at: number }> = [];
  // Where the last joined word ends, and where the next Chinese word is looked for (words run in question order).
  let covered = -1;
  let cursor = 0;
  for (const [k, w] of words.entries()) {
    if (!HAN_WORD.test(w)) {
      out.push({ word: w, at: -1 });
      continue;
    }
    const at = normalized.indexOf(w, cursor);
    if (at < 0) {
      out.push({ word: w, at: -1 });
      continue;
    }
    cursor = at + w.length;
    if (at + w.length <= covered) continue; // a piece of the word joined before it
    let span: { word: string; start: number } | undefined;
    if (unknownPiece(w)) {
      for (let length = Math.min(MAX_SLIP, w.length + 2 * MAX_REACH); !span && length > w.length; length--) {
        for (let left = Math.min(MAX_REACH, length - w.length); left >= 0 && !span; left--) {
          const right = length - w.length - left;
          if (right > MAX_REACH || at - left < 0 || at + w.length + right > normalized.length) continue;
          const candidate = normalized.slice(at - left, at + w.length + right);
          if (HAN_WORD.test(candidate) && readsAsCorpusWord(candidate, w)) span = { word: candidate, start: at - left };
        }
      }
    }
    // A piece jieba's HMM glued across a corpus word's edge ("张驰举了" → 张驰举, "照张驰的" → 照张 | 驰), no dictionary
    // word: the longest corpus word that starts inside it, and the piece's rest.
    if (!span && unknownPiece(w) && !isDictionaryWord(w)) {
      // Read on only up to the end of the next piece, never into the middle of it (照张 | 驰举 is no 驰举 left over).
      const next = words[k + 1];
      const nextEnd = next !== undefined && normalized.startsWith(next, at + w.length) ? at + w.length + next.length : at + w.length;
      const inner = overlappingCorpusWord(normalized, at, w.length, nextEnd, stats);
      if (inner) {
        if (inner.start > at) out.push({ word: w.slice(0, inner.start - at), at });
        out.push({ word: inner.word, at: inner.start });
        const end = inner.start + inner.word.length;
        if (end < at + w.length) out.push({ word: w.slice(end - at), at: end });
        covered = Math.max(end, at + w.length);
        continue;
      }
    }
    if (!span) {
      out.push({ word: w, at });
      continue;
    }
    // Pieces before it inside the joined word go with it.
    while (out.length > 0 && out[out.length - 1].at >= span.start) out.pop();
    out.push({ word: span.word, at: span.start });
    joined.add(span.word);
    covered = span.start + span.word.length;
  }
  // (Nothing joined or split: `out` holds the words as they came.)
  return { words: out.map((o) => o.word), joined };
}

/**
 * The longest word of the corpus (two characters or more, exactly as written) that starts inside the piece at
 * `at` (`length` characters) and ends inside it, or exactly where the next piece ends (`nextEnd`, at most MAX_REACH
 * characters on), leftmost of equals.
 */
function overlappingCorpusWord(normalized: string, at: number, length: number, nextEnd: number, stats: TermStats): { word: string; start: number } | undefined {
  for (let size = Math.min(MAX_SLIP, length + MAX_REACH); size >= 2; size--) {
    for (let start = at; start < at + length && start + size <= at + length + MAX_REACH; start++) {
      const end = start + size;
      if (end > normalized.length || (start === at && size === length) || (end > at + length && end !== nextEnd)) continue;
      const candidate = normalized.slice(start, start + size);
      if (HAN_WORD.test(candidate) && stats.documentFrequency(candidate) > 0) return { word: candidate, start };
    }
  }
  return undefined;
}

const HOW = /how/i;
const NONE: ReadonlySet<string> = new Set();
const HOW_DEGREE = /\bhow\s+(long|often|big|large|wide|old|far|high|small|heavy|fast)\b/gi;

/** Whether every character (code point) of `text` from `from` on is a question word: what [...text.slice(from)].every(…) tests, without the array. */
function allQuestionWords(text: string, from: number): boolean {
  for (const c of text.slice(from)) if (!QUESTION_WORDS.has(c)) return false;
  return true;
}

/** Keeps `term` in `byTerm` at its heaviest weight. */
function addTerm(byTerm: Map<string, WeightedTerm>, term: string, weight: number, origin: WeightedTerm['origin']): void {
  const prev = byTerm.get(term);
  // Every field present (undefined until set): one object shape for all terms, which every stage reads.
  if (!prev || prev.weight < weight) byTerm.set(term, { term, weight, origin, alternatives: undefined, role: undefined });
}

/**
 * A short year (what expandShortYears reads as one: 22, 24) after a year and 到 — a stop word the tokenizer drops, so
 * "2022 年到 24 年" reaches here as 2022, 年, 24, 年. ("2024 年这三年": 3 is no short year, it counts.)
 */
const endsRange = (words: readonly string[], i: number): boolean =>
  /^[12]\d$/.test(words[i]) && (/^(?:到|至|-|~|—|\d+)$/.test(words[i - 1] ?? '') || (words[i - 1] === '年' && /^\d+$/.test(words[i - 2] ?? '')));

/**
 * The tokenizer's number and the 年 after it, when the number is under 100 and counts years ("这三年", "近 3 年"): one term,
 * "3年". Not the end of a range of short years ("22年到24年": expandShortYears leaves a year after 到 alone), nor a decade or
 * a school year (90年代, 3年级).
 */
function yearCounts(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (/^\d{1,2}$/.test(words[i]) && words[i + 1] === '年' && !/^[代级]/.test(words[i + 2] ?? '') && !endsRange(words, i)) out.push(`${words[i++]}年`);
    else out.push(words[i]);
  }
  return out;
}

/**
 * A past participle after "having" ("having called"): tagged VBN by the lexicon and never a noun (its tags are noisy:
 * "seed", "set", "run" are VBN too, and "having seed money" possesses), or a word it lacks that ends in -ed. A function
 * word is none whatever its tags (the lexicon lists "a" as VBN).
 */
function isParticiple(word: string): boolean {
  if (ENGLISH_FUNCTION_WORDS.has(word)) return false;
  const tags = englishLexicon().get(word);
  if (!tags) return word.length >= 5 && word.endsWith('ed');
  return tags.includes('VBN') && !tags.some((tag) => tag.startsWith('NN'));
}

/**
 * English words that frame the question rather than say what it is about, as the tokenizer stems them: the degree
 * word of "how long / how often / how wide" (what is asked is a duration, a frequency, a size), an auxiliary inverted
 * before its subject or "having" before a past participle (the lexicon's VBN: grammar), and the verb of "what happens"
 * (a consequence is asked; the answer describes it). None is a word the answer repeats.
 */
function englishFraming(text: string): ReadonlySet<string> {
  if (!/[A-Za-z]/.test(text)) return NONE;
  const out = new Set<string>();
  // (Unstemmed, as before: "large" stems to "larg", so "how large" still keeps it — framing it too was measured and
  // left: the one question, asked eight times, then quoted the wrong sentence instead of refusing.)
  if (HOW.test(text)) for (const m of allMatches(HOW_DEGREE, text)) out.add(m[1].toLowerCase());
  for (const m of allMatches(INVERTED_AUXILIARY, text)) out.add(stemLatin(m[1].toLowerCase()));
  for (const m of allMatches(HAVING_BEFORE, text)) {
    const next = m[2].toLowerCase();
    if (isParticiple(next)) out.add(stemLatin(m[1].toLowerCase()));
  }
  for (const m of allMatches(WHAT_HAPPENS, text)) out.add(stemLatin(m[1].toLowerCase()));
  return out.size ? out : NONE;
}

// The country letters of a dollar sign ("US$4 trillion", "HK$3", "A$5"): part of how the amount is written, as "$" is,
// not a word of the question ("the US market" keeps its "US").
const DOLLAR_LETTERS = /\b[A-Z]{1,3}(?=\$\s?\d)/g;
// A dotted abbreviation of everyday Latin ("e.g.", "E.g.", "i.e.", "a.k.a."): phrasing, not the letters e and g as two
// rare words. Lower-case after its first letter: "U.S." is a name.
const DOTTED_ABBREVIATION = /(?<![\w.])[A-Za-z]\.(?:[a-z]\.)+(?!\w)/g;

/** A word's meaning when it is matched only as written: no alternatives, its own weight. */
const AS_WRITTEN: WordMeaning = { alternatives: [], viaSynonym: 0, partsIdf: undefined };

export function contentTerms(text: string, stats: TermStats, origin: WeightedTerm['origin'], scale = 1): WeightedTerm[] {
  let plain = text.includes('$') ? text.replace(DOLLAR_LETTERS, '') : text;
  if (plain.includes('.')) plain = plain.replace(DOTTED_ABBREVIATION, ' ');
  const analyzed = analyzeText(plain);
  const { bigrams } = analyzed;
  const { words, joined } = joinCorpusWords(yearCounts(splitUnknownCompounds(analyzed.words, stats)), text, stats);
  const byTerm = new Map<string, WeightedTerm>();
  let phrasing: ReadonlySet<string> | undefined;
  let capitalised: ReadonlySet<string> | undefined;
  let description: ReadonlySet<string> | undefined;
  // Everyday words the question writes in capitals (the STAR Market): acronyms or names, matched as written, not translated.
  const inCapitals = everydayWordsInCapitals(text);
  const categories = new Set(categoryNouns(text));
  const framing = englishFraming(text);
  const expansionCue = expansionFraming(text);
  // "according to the manual", "in the table", 本节: where the question points, not what it is about.
  const references = documentReferences(text, words);
  // "为什么会跌得这么厉害?" asks why it fell: 厉害 says how much (and its synonyms, 剧烈/激烈, would find other sentences).
  const degree = degreeAdjectives(text);
  // "新建一个虚拟磁盘": the 1 of an indefinite 一个 is no number asked, unless the question writes more 1s than those.
  const indefinite = indefiniteOnes(text);
  const dropOnes = indefinite > 0 && words.filter((w) => w === '1').length <= indefinite;
  const { phrases, consumed } = dictionaryPhrases(words, stats);
  for (const p of phrases) {
    const alternatives = stats.alternatives?.(p) ?? [];
    if (!alternatives.length) continue;
    addTerm(byTerm, p, alternativesIdf(p, alternatives, stats) * scale, origin);
    byTerm.get(p)!.alternatives = [...alternatives];
  }
  for (const [i, raw] of words.entries()) {
    if (consumed.has(i)) continue;
    // A count of years weighs what its number weighs; the number is its alternative, which retrieval searches (the index
    // has the number and 年 as two tokens) and a translation keeps ("3 years"). Its matcher reads the count alone.
    if (YEAR_COUNT_TERM.test(raw)) {
      const number = raw.slice(0, -1);
      addTerm(byTerm, raw, stats.idf(number) * scale, origin);
      byTerm.get(raw)!.alternatives = [number];
      continue;
    }
    // What does not depend on this question, worked out once per word (word-facts.ts).
    const facts = wordFacts(raw, stats, joined.has(raw));
    const w = facts.word;
    if (facts.notContent || framing.has(w) || expansionCue.has(w) || references.words.has(w) || degree.has(w) || (dropOnes && raw === '1')) continue;
    // The measure word of "多少种语言" is matched as the corpus writes it ("8 轮融资"); a corpus that never uses it
    // (English text: "35 languages") counts with the noun, and its translations (种 → kind, type) would be noise.
    const counted = raw !== w || /^(多少|几)$/.test(words[i - 1] ?? '');
    if (counted && facts.unusedMeasure) continue;
    const { single, known } = facts;
    const { alternatives, viaSynonym, partsIdf } = inCapitals.has(w) ? AS_WRITTEN : wordMeaning(facts, stats);
    let weight = facts.idf * (single ? SINGLE_CHAR_WEIGHT : 1) * scale;
    // A word the article says another way ("赔" for 亏损) weighs what its known synonym weighs.
    // A compound the corpus never uses but whose parts it does ("股东人数" → 股东, 人数) weighs like its parts
    // and is matched part by part (sentence-evidence.ts), instead of counting as a missing rare name.
    // A one-character word stays weak through its translations too (用 → use, 种 → kind: they phrase the question).
    if (viaSynonym > 0) weight = viaSynonym * (single ? SINGLE_CHAR_WEIGHT : 1) * scale;
    else if (partsIdf !== undefined) weight = partsIdf * scale;
    else if (!known && hasHan(w)) {
      // Phrasing in this question (jieba's tags) weighs UNKNOWN_PHRASING_WEIGHT; otherwise a glued non-word, a general
      // dictionary word or a name the corpus lacks (word-facts.ts unknownFactor). A word whose own factor is the
      // phrasing weight weighs that either way: the question is tagged (a jieba call) only when the tag decides.
      const factor = unknownFactor(facts, stats);
      if (factor !== UNKNOWN_PHRASING_WEIGHT) phrasing ??= phrasingWords(text);
      weight *= factor === UNKNOWN_PHRASING_WEIGHT || phrasing!.has(w) || phrasing!.has(raw) ? UNKNOWN_PHRASING_WEIGHT : factor;
    } else if (!known && isEverydayEnglish(w) && !(capitalised ??= capitalisedWords(text)).has(w) && !inCapitals.has(w)) {
      // The same for English: an everyday word the corpus lacks ("largest" where it says "maximum") weighs as a general
      // Chinese word does; a name or a term it lacks (bloom, SUBTOTAL, "Apple" written as a name) keeps its full weight.
      weight *= UNKNOWN_GENERAL_WEIGHT;
    }
    // A category the corpus knows (公司, 机构) need not be spelled out; an unknown one (券商, 微架构) must.
    const category = known && categories.has(w);
    if (category) weight *= CATEGORY_WEIGHT;
    // A noun naming a description as the kind of answer (descriptionNouns): the describing sentence seldom says it.
    else if ((description ??= descriptionNouns(text)).has(w)) weight *= CATEGORY_WEIGHT;
    addTerm(byTerm, w, weight, origin);
    if (alternatives.length) byTerm.get(w)!.alternatives = [...alternatives];
    if (category) byTerm.get(w)!.role = 'category';
  }
  for (const b of bigrams) {
    if (allQuestionWords(b, BIGRAM_PREFIX.length) || references.phrases.some((p) => p.includes(b.slice(BIGRAM_PREFIX.length)))) continue;
    addTerm(byTerm, b, stats.idf(b) * BIGRAM_WEIGHT * scale, origin);
  }
  return [...byTerm.values()];
}

// The entity a question is about must be matched, not just any of its words: weigh it up.
const TOPIC_WEIGHT = 1.5;
// A topic found in more than this share of chunks (国产, GPU in a GPU article) is background, not a constraint.
const SPECIFIC_TOPIC_SHARE = 0.6;

const QUOTED = /[“"「『]([^”"」』]{2,30})[”"」』]/g;
/** Phrases in quotation marks, normalised and without spaces, as the evidence matcher compares them. */
function quotedPhrases(text: string): string[] {
  return allMatches(QUOTED, text)
    .map((m) => normalizeForMatching(m[1]).replace(/\s+/g, ''))
    .filter((p) => p.length >= 2);
}

const ASKING_WORD = /^(多少|几(?!乎)|什么|哪|谁|是否|有没有)/;

/** Where a question names the attribute it asks about, as its words stand (askedPlaces). */
interface AskedPlaces {
  /** The word right after "多少/几 + measure" ("多少名员工" → 员工). */
  after?: string;
  /** The last word before the question word, across a verb complement and the asker's hedges ("估值大概多少" → 估值). */
  before?: string;
  /** The word right after a which-word and its measure word ("哪所大学" → 大学, "哪 | 所 | 大学毕业" → 大学毕业). */
  named?: string;
}

// A which-word with its measure word as one token (哪所, 哪个, 哪一家), or 哪 alone before its measure word.
const WHICH_WORD = new RegExp(`^${WHICH_MEASURE}$`);

/** Where the attribute asked stands in a question, or undefined when no question word is found. */
function askedPlaces(text: string): AskedPlaces | undefined {
  const words = analyzeText(text).words; // the question's own tokens, already computed: no second segmentation
  // 几 asks only as the question's one question word (asksHowManyWithJi, read only for a 几-word): "这几年…投了多少钱?"
  // asks with 多少 (几乎, "almost", never asks: ASKING_WORD).
  const at = words.findIndex((w) => ASKING_WORD.test(w) && (!w.startsWith('几') || asksHowManyWithJi(text)));
  if (at < 0) return undefined;
  const counting = /^(多少|几)$/.test(words[at]);
  const after = counting ? (MEASURE.test(words[at + 1] ?? '') ? words[at + 2] : words[at + 1]) : undefined;
  const before = words.slice(0, at).filter((w) => !isQuestionWord(w));
  // 多少/几 count what was named before them, across a verb complement and the asker's hedges ("估值到了多少",
  // "估值到多少了", "估值大概多少", "估值现在是多少" → 估值): up to two words that are one character or an adverb or time
  // word. Other question words ask for what follows them ("从哪家供应商"): only the word right before.
  let i = before.length - 1;
  if (counting) for (let skipped = 0; skipped < 2 && i >= 1 && (before[i].length === 1 || isHedge(before[i])); skipped++) i--;
  const named = WHICH_WORD.test(words[at]) ? words[at + 1] : words[at] === '哪' && WHICH_WORD.test(`哪${words[at + 1] ?? ''}`) ? words[at + 2] : undefined;
  return { after, before: before[i], named };
}

/**
 * The attribute a question asks about (askedPlaces): the word after "多少/几 + measure", or else the word before the
 * question word. Only a word the corpus knows, that is neither the topic nor phrasing nor a bare category, counts: it is
 * then required evidence.
 */
function focusOf(places: AskedPlaces | undefined, own: WeightedTerm[], stats: TermStats): string | undefined {
  if (!places) return undefined;
  if (eligibleFocus(places.after, own, stats)) return places.after;
  const last = places.before;
  if (last !== undefined && /^\d+$/.test(last)) return undefined; // a year or a count is no attribute
  return eligibleFocus(last, own, stats) ? last : undefined;
}

/**
 * The attribute asked when the corpus has neither it nor an alternative of it (AnalyzedQuery.absentAsked): in Chinese the
 * word where focusOf looks or the noun a which-word asks for (askedPlaces), in English a noun of the phrase "what is the …
 * of" asks for (asked-phrase.ts). One of the question's own words, not its topic, no type noun, no phrasing.
 */
function absentAskedOf(text: string, places: AskedPlaces | undefined, own: WeightedTerm[], stats: TermStats): string | undefined {
  const absent = (w: string | undefined): w is string => isAbsentAttribute(w, own, stats);
  for (const stem of askedNounStems(text)) if (absent(stem)) return stem;
  if (!places) return undefined;
  // The noun a which-word asks for (哪所大学, 哪次演讲: askedPlaces' named word): the answer is one of them, and a Chinese
  // corpus (one that writes either of its first two characters) that never writes the noun, nor its first two characters
  // together inside another word (马里兰大学: the bigram), names none. Not over text in another language: an English
  // manual names the platform or the address asked for without the words "platform" or "address". Not a one-character
  // noun the segmenter glued to the modal verb after it ("哪个 | 键能 | 直接跳到": 键 + 能) — a dictionary word ending in a
  // modal's character (思想, 功能, 机会) is a noun.
  const named = places.named;
  if (named !== undefined && hasHan(named) && named.length >= 2 && !(named.length === 2 && CHINESE_MODALS.includes(named[1]) && !isDictionaryWord(named))) {
    const head = named.slice(0, 2);
    const unwritten = [...head].some((c) => stats.knowsChar?.(c)) && stats.documentFrequency(BIGRAM_PREFIX + head) === 0;
    if (unwritten && isAbsentAttribute(named, own, stats, true)) return named;
  }
  if (absent(places.after)) return places.after;
  return absent(places.before) ? places.before : undefined;
}

// A count or an amount of something ("人数", "轮数", "亏损额", "总数", "数目"): what is asked is a number, which the text states
// with the thing counted ("1126 名员工", "8 轮融资"), not with this word.
const COUNT_WORD = /^[\u4e00-\u9fff]?[数额量]$|^数(?:目|字|值)$|^(?:总|金)额$/;

/**
 * Whether a question word is an attribute the corpus never says (AnalyzedQuery.absentAsked): one of the question's own
 * words, not its topic, no type noun, no phrasing, neither it nor an alternative of it in the corpus, no count word,
 * and no compound whose parts the corpus says ("亏损额" where it says 亏损).
 */
function isAbsentAttribute(w: string | undefined, own: WeightedTerm[], stats: TermStats, named = false): w is string {
  if (w === undefined || w.length < 2 || TYPE_NOUNS.has(w) || stats.documentFrequency(w) > 0) return false;
  if (COUNT_WORD.test(w) || (/[数额量]$/.test(w) && stats.documentFrequency(w.slice(0, -1)) > 0)) return false;
  const t = own.find((x) => x.term === w);
  // (`named`: the word is the attribute by the question's form, "那X呢?", however its analysis marks it.)
  if (t === undefined || (t.role && !named) || t.alternatives?.length || isPhrasing(w)) return false;
  const parts = hasHan(w) && w.length >= 3 ? dictionaryParts(w) : [];
  return !(parts.length > 1 && parts.every((p) => p.length < 2 || stats.documentFrequency(p) > 0));
}

/**
 * Phrasing by jieba's tags (tokenizer.ts phrasingWords): the word, or every piece jieba tags it into — a verb and its
 * complement the dictionary lacks as one word ("涨到" → 涨 | 到, "花了"), which asks with 多少 but names no attribute.
 */
function isPhrasing(w: string): boolean {
  const pieces = phrasingWords(w);
  return pieces.has(w) || [...pieces].join('') === w;
}

/** Whether a word can be the question's focus (focusOf): one of its own words, no topic, known to the corpus, no type noun, no phrasing. */
function eligibleFocus(w: string | undefined, own: WeightedTerm[], stats: TermStats): w is string {
  if (w === undefined) return false;
  const t = own.find((x) => x.term === w);
  // The tag check last and on the word alone: it is the costly part.
  // (Not a noun naming a description, 用途: the describing sentence need not say it.)
  return t !== undefined && !t.role && w.length >= 2 && stats.documentFrequency(w) > 0 && !TYPE_NOUNS.has(w) && !DESCRIPTION_NOUNS_ZH.has(w) && !phrasingWords(w).has(w);
}

const FULL_YEAR = /(?<!\d)((?:19|20)\d{2})(?!\d)/g;
/** A year in the question is a hard constraint: a 2022–2024 figure does not answer a question about 2021. */
function yearsIn(text: string): string[] {
  return [...new Set(allMatches(FULL_YEAR, normalizeForMatching(text)).map((m) => m[1]))];
}

// Where a short year may not start: after a digit or a point (part of a number), after a word that makes the number a
// duration or an ordinal (近20年, 过去10年, 成立20年, 前5年, 第20年), or as the last of a range or list a run did not read
// as years (10至15年, 22~24年, 22、24年: reading only the last would ask for one year).
const SHORT_YEAR_START = String.raw`(?<![\d.近过去这那了立多过到头前后共第至~\-–—、,])`;
// 年 that makes the number a year, not a decade, an age, a school year or a span (20年代, 20年龄, 20年内).
const YEAR_UNIT = String.raw`年(?![代龄度内间来])`;
const SHORT_YEAR = new RegExp(String.raw`${SHORT_YEAR_START}([12]\d)\s*${YEAR_UNIT}`, 'g');
// Short years listed or ranged before one 年 or "这三年" ("22、23、24这三年", "22到24年"): only the last carries 年. Not a
// run that goes on from an earlier number ("近10、15、20年"), and not one a duration word frames: before it (持续, 历时,
// 长达, 需要, 保修, 寿命, 大约) or after its 年 (左右, 以上, 以内, 之久, 多, 前, 后, 的时间: "10到20年左右").
const RUN_SEPARATOR = String.raw`(?:、|,|和|与|及|到|至|-|–|—|~)`;
const SHORT_YEAR_RUN = new RegExp(
  String.raw`${SHORT_YEAR_START}(?<!\d\s*${RUN_SEPARATOR}\s*)(?<!(?:持续|历时|长达|需要|保修|寿命|大约|耗时|花了|用了)\s*)` +
    String.raw`[12]\d(?:\s*${RUN_SEPARATOR}\s*[12]\d)+` +
    String.raw`(?=\s*(?:${YEAR_UNIT}(?!左右|以上|以下|以内|之内|之久|多|前|后|的时间|时间)|[这這][两二三四五六七八九十几\d]年))`,
  'g',
);

/**
 * People write "22年" for 2022 in questions; the article writes full years. Durations ("近20年") are left alone. A run
 * of short years before one 年 ("22、23、24这三年", "22到24年") is read as years only when `isYear` says the corpus
 * writes every one of them in full: "10到20年" is as often a span of years as a range of them. The question is read
 * after NFKC (full-width digits and punctuation: "２２～２４年").
 */
export function expandShortYears(question: string, isYear?: (year: string) => boolean): string {
  const text = question.normalize('NFKC');
  const runs = isYear
    ? text.replace(SHORT_YEAR_RUN, (run) => {
        const years = run.replace(/[12]\d/g, '20$&');
        return (years.match(/20[12]\d/g) ?? []).every(isYear) ? years : run;
      })
    : text;
  return runs.replace(SHORT_YEAR, '20$1年');
}

/** expandShortYears' `isYear` for one corpus: the corpus writes the year in full. */
const writtenYear =
  (stats: TermStats) =>
  (year: string): boolean =>
    stats.documentFrequency(year) > 0;

/**
 * "GPUs", "APIs", "URLs": English pluralises an acronym with a lower-case s, which the stemmer leaves on (a word of
 * four letters or fewer is never stemmed), so "GPUs" would not be the corpus's GPU (a Chinese text writes it once,
 * as GPU). The question says the acronym.
 */
export const singularAcronyms = (text: string): string => text.replace(/\b([A-Z]{2,})s\b/g, '$1');

export function analyzeQuestion(rawText: string, stats: TermStats, context: WeightedTerm[] = [], options: { findTopic?: boolean } = {}): AnalyzedQuery {
  return withContext(analyzeOwn(rawText, stats, options), context);
}

/** A Chinese word the corpus never uses, counted as corpus words it is a slip of (no translation: 木曦 → 沐曦). */
function isSlip(t: WeightedTerm, stats: TermStats): boolean {
  return Boolean(t.alternatives?.length) && hasHan(t.term) && stats.documentFrequency(t.term) === 0 && !stats.translates?.(t.term);
}

/**
 * The question, as matched (simplified, NFKC: the terms' spelling), with each slip written as the Chinese corpus word it
 * stands for. Its first place only: topicOf reads the question's opening.
 */
function slipsMended(text: string, terms: readonly WeightedTerm[], stats: TermStats): string {
  return terms.reduce((out, t) => {
    const word = isSlip(t, stats) ? t.alternatives!.find(hasHan) : undefined;
    return word ? out.replace(t.term, word) : out;
  }, normalizeForMatching(text));
}

/**
 * The question's topic (topicOf), or the topic its slips stand for ("木曦股份…" → 沐曦股份); terms worked out only then. Only
 * when topicOf finds none: a slip later in a name (沐曦股分) leaves topicOf the name's known start.
 */
function topicWithSlips(text: string, stats: TermStats, terms?: readonly WeightedTerm[]): string | undefined {
  return topicOf(text, stats) ?? topicOf(slipsMended(text, terms ?? contentTerms(text, stats, 'question'), stats), stats);
}

/** A question analysed on its own, and its own words' terms (the query's terms are these and its quoted phrases'). */
interface OwnAnalysis {
  query: AnalyzedQuery;
  own: WeightedTerm[];
  /** The question's own topic (topicWithSlips), if it names one. */
  topic: string | undefined;
}

/** The query with terms carried over from the conversation after its own, except the ones it has itself. */
function withContext({ query, own }: OwnAnalysis, context: WeightedTerm[]): AnalyzedQuery {
  if (context.length === 0) return query;
  const ownTerms = new Set(own.map((t) => t.term));
  return { ...query, terms: query.terms.concat(context.filter((t) => !ownTerms.has(t.term))) };
}

/** analyzeQuestion without context: everything it works out depends on the question alone. */
function analyzeOwn(rawText: string, stats: TermStats, options: { findTopic?: boolean }): OwnAnalysis {
  const text = singularAcronyms(expandShortYears(rawText, writtenYear(stats)));
  const terms = contentTerms(text, stats, 'question');
  // A name asked with a slip ("木曦股份…" for 沐曦股份) leads the question as the name itself would: its topic.
  const topic = options.findTopic === false ? undefined : topicWithSlips(text, stats, terms);
  const inTopic = (t: WeightedTerm) =>
    topic !== undefined && !t.term.startsWith(BIGRAM_PREFIX) && (topic.includes(t.term) || (isSlip(t, stats) && t.alternatives!.some((a) => topic.includes(a))));
  const own = terms.map((t) => (inTopic(t) ? { ...t, weight: t.weight * TOPIC_WEIGHT, role: 'topic' as const } : t));
  const topicWords = own.filter((t) => t.role === 'topic').map((t) => t.term);
  const chunks = Math.max(1, stats.chunkCount);
  // Required only when it names something (a company, a person) and is not what the whole corpus is about.
  const specific =
    topicWords.length > 0 && topicWords.some((w) => stats.documentFrequency(w) / chunks <= SPECIFIC_TOPIC_SHARE) && containsName(topic!);
  // A phrase the asker quotes ("被称作“彻底的功利主义者”的…") is what the answer must contain, verbatim.
  const quoted = quotedPhrases(text);
  const quotedTerms: WeightedTerm[] = quoted.map((phrase) => ({
    term: phrase,
    weight: contentTerms(phrase, stats, 'question').reduce((n, t) => n + t.weight, 0),
    origin: 'question',
    alternatives: undefined,
    role: 'topic',
  }));
  const places = askedPlaces(text);
  const focus = focusOf(places, own, stats);
  // Words the corpus lacks but knows another way (a translation, a synonym): the embedder sees those too.
  const translations: string[] = [];
  for (const t of own) if (t.alternatives && stats.documentFrequency(t.term) === 0) translations.push(...t.alternatives);
  // Every field present (undefined when the question has none, as a missing field reads): one object shape for every
  // query, which the copies below (follow-ups, translations) keep.
  const query: AnalyzedQuery = {
    text: translations.length ? `${text} ${translations.join(' ')}` : text,
    asked: undefined,
    terms: own.concat(quotedTerms),
    answerType: detectAnswerType(text),
    measure: askedMeasure(text),
    required: [...(specific ? topicWords : []), ...yearsIn(text)],
    swappedIn: undefined,
    offered: offeredNames(text),
    verbatim: quoted.length ? quoted : undefined,
    focus: focus || undefined,
    absentAsked: absentAskedOf(text, places, own, stats),
    translated: undefined,
    codeTokens: codeNameTokens(text, own),
  };
  return { query, own, topic };
}

/**
 * The index tokens of the options and sigil names a question asks ("touch 的 -m 参数" → -m; "--sort=inode" → sort,
 * the name without its value): retrieval searches them with the code-name weight (RetrievalQuery.codeTokens). A word
 * already among the question's terms is searched as a term ("sort"); a short option ("-m") is a term too — evidence
 * matching credits it — but retrieval searches it as a code name, with the weight fitted for code names.
 */
function codeNameTokens(text: string, own: readonly WeightedTerm[]): string[] | undefined {
  const names = codeNames(text);
  if (names.length === 0) return undefined;
  const terms = new Set(own.map((t) => t.term));
  const tokens = new Set<string>();
  // (An option's name without its value; a sigil name or an operator whole: "${var:=string}" is no "--name=value".)
  for (const name of names) for (const w of analyzeText(name.startsWith('-') ? name.split('=')[0] : name).words) if (!terms.has(w) || isShortOption(w)) tokens.add(w);
  return tokens.size ? [...tokens] : undefined;
}

/**
 * The entity a question is about: Chinese puts the topic first ("摩尔线程三年累计亏损多少" → 摩尔线程).
 * Takes the leading phrase up to a particle, digit or punctuation, then shortens it until every
 * character pair occurs in the corpus, so "沐曦股份最后" becomes "沐曦股份".
 */
const HAN_LEAD = new RegExp(`^[${HAN_RANGE}]+`);
// How a question opens before its topic: a polite opener or a request for a list ("请列出沐曦股份的…").
const LEADING_OPENER = new RegExp(`^\\s*(?:请问|那么|那|请?(?:${LIST_REQUEST.source}))\\s*`);
const HAN_ANY = new RegExp(`[${HAN_RANGE}]+`);
// A time the question opens with ("2024年…", "截至2025年3月…", "2025年一季度末…", "2022 年至 2024 年…", "2025年Q1…"):
// when, not what, the question is about. A clause it opens ("截至2025年3月最后一次融资,沐曦…") goes with it, up to
// its comma.
const TIME_POINT = String.raw`\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\s*第?\s*[一二三四1-4]\s*季度|\s*[QH][1-4](?![\w])|底|末|初)*`;
const LEADING_TIME = new RegExp(String.raw`^\s*(?:(?:截至|截止到?|到)\s*${TIME_POINT}[^,，?？]*[,，]|(?:截至|截止到?|到|在|从|自|于)?\s*${TIME_POINT}(?:\s*(?:至|到|-|~|—)\s*${TIME_POINT})?\s*[,，]?)\s*`, 'i');
const ENGLISH_QUESTION_OPENING = new RegExp(String.raw`^\s*(?:${ENGLISH_WH_WORDS}|${ENGLISH_AUXILIARIES})\b`, 'i');
const OPENS_WITH_ACRONYM = /^\s*[A-Z]{2,}\b/;
/** A question that opens with an English question word, not with an acronym spelled like one ("CAN 总线是什么?"). */
const opensAsEnglishQuestion = (question: string): boolean => {
  const q = question.normalize('NFKC');
  return ENGLISH_QUESTION_OPENING.test(q) && !OPENS_WITH_ACRONYM.test(q);
};

export function topicOf(question: string, stats: TermStats): string | undefined {
  let q = normalizeForMatching(question).replace(LEADING_OPENER, '');
  const afterTime = q.replace(LEADING_TIME, '');
  if (afterTime !== q) {
    // "2020年上市的寒武纪…": a verb's clause after the time ("上市的", "成立的" — jieba's phrasing tags) describes the
    // topic that follows it.
    const described = /^([\u4e00-\u9fff]{1,4})的/.exec(afterTime);
    q = described && phrasingWords(afterTime).has(described[1]) ? afterTime.slice(described[0].length) : afterTime;
  }
  const latin = /^\s*([a-z][a-z0-9-]*)/.exec(q);
  // "semver …", "ibus …": a leading name. A leading English word the dictionary translates into the corpus's
  // words ("Remote access to…", "Without mount options…" over a Chinese corpus) is vocabulary, not a topic; so is an
  // everyday English word ("According to…", "Starting from which release…").
  if (latin) {
    const stem = stemLatin(latin[1]);
    if (!(stats.translates?.(stem) || isEverydayEnglish(stem))) return latin[1];
    // (A question that opens with an English question word is English however short: "Who founded 沐曦?" names 沐曦.)
    if (mainlyHan(q) && !opensAsEnglishQuestion(question)) return undefined;
  }
  // A Chinese question's topic leads it; an English question over Chinese text names its subject in Chinese when the
  // asker or the glossary did ("How many employees does MetaX (沐曦) have?"): its first Chinese run is the topic.
  let lead = (latin ? HAN_ANY : HAN_LEAD).exec(q.replace(/\s+/g, ''))?.[0] ?? '';
  lead = lead.split(/[的是在有对从将被把]/)[0];
  // A prefix qualifies when all its pairs occur: the longest such prefix ends just after the first pair the
  // corpus lacks, so find that pair once instead of re-checking every pair for every length.
  let knownPairs = 0;
  while (knownPairs + 1 < lead.length && stats.documentFrequency(BIGRAM_PREFIX + lead.slice(knownPairs, knownPairs + 2)) > 0) knownPairs++;
  for (let end = Math.min(lead.length, knownPairs + 1); end >= 2; end--) {
    const candidate = lead.slice(0, end);
    if (!isQuestionWord(candidate)) return candidate;
  }
  return undefined;
}

export function lastTurns(history: HistoryTurn[]): { user?: string; assistant?: string } {
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i].role === 'user') {
      const next = history[i + 1];
      return { user: history[i].content, assistant: next?.role === 'assistant' ? next.content : undefined };
    }
  }
  return {};
}

// What a year-only ellipsis names ("那 2024 年呢?", short years expanded): a year, nothing else.
const YEAR_ONLY = /^\d{4}\s*年?$/;

/** The last user turn that is not itself a year-only ellipsis ("那 2023 年呢?"). */
function lastFullQuestion(history: HistoryTurn[], stats: TermStats): string | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i].role !== 'user') continue;
    const ellipsis = ELLIPSIS.exec(history[i].content.normalize('NFKC').trim());
    if (!ellipsis || !YEAR_ONLY.test(expandShortYears(ellipsis[1].trim(), writtenYear(stats)))) return history[i].content;
  }
  return undefined;
}

const stripMarkers = (text: string) => text.replace(/\[\d+\]/g, ' ');

/** Terms of several texts as one list: a term in more than one keeps its highest weight. */
function mergeTerms(...lists: WeightedTerm[][]): WeightedTerm[] {
  const byTerm = new Map<string, WeightedTerm>();
  for (const t of lists.flat()) {
    const prev = byTerm.get(t.term);
    if (!prev || prev.weight < t.weight) byTerm.set(t.term, t);
  }
  return [...byTerm.values()];
}

const DEMONSTRATIVES_ZH = new RegExp(DEMONSTRATIVE_ZH.source, 'g');
const HAN_RUN_AT_END = new RegExp(`[${HAN_RANGE}]+$`);

/**
 * Whether a Chinese demonstrative in a follow-up points back at the previous turn (DEMONSTRATIVE_ZH): one not in
 * apposition to a noun the question writes just before it ("中文这类文字", "密码这类数据"). The word before it, as jieba cuts
 * the Chinese run there, ends right at it and is no phrasing word; a verb, an adverb or a locative is (读这些日志, 取消这个
 * 限制, 前面那个), and so is a run ending in a particle (的这个设置).
 */
function demonstrativePointsBack(question: string): boolean {
  for (const m of question.matchAll(DEMONSTRATIVES_ZH)) {
    const before = HAN_RUN_AT_END.exec(question.slice(0, m.index))?.[0];
    const last = before !== undefined ? analyzeText(before).words.at(-1) : undefined;
    if (before === undefined || last === undefined || !before.endsWith(last) || phrasingWords(before).has(last)) return true;
  }
  return false;
}

/**
 * Resolves follow-ups against the history into one standalone query. The new question's own words weigh fully;
 * the previous question's and answer's words are context, scaled by fitted weights (follow-up-weights.ts):
 *  - ellipsis "那X呢?" / "And X?": a name X replaces the previous question's topic, anything else is asked about
 *    that topic (the previous turn as context), a year replaces the previous question's year;
 *  - a pronoun (他, 其, 该公司, it/its): the previous topic fills in, with the previous turn as context;
 *  - a question with almost no content of its own: the previous question is context;
 *  - other English pronouns ("How do I fix that?") and Chinese demonstratives ("这类产品的收入占比呢?"): the previous turn
 *    as context, when fitted so;
 *  - any other follow-up: the previous turn as history (retrieval and the anchor only), when fitted so.
 * Only the turns' text is read, so a stored conversation and a client-sent history resolve the same way.
 */
export function resolveQuestion(question: string, history: HistoryTurn[], stats: TermStats, weights: FollowUpWeights = defaultFollowUpWeights()): AnalyzedQuery {
  const query = resolveAgainstHistory(withoutPeriodReference(question, history), history, stats, weights);
  return query.text === question ? query : { ...query, asked: question };
}

/**
 * A follow-up without the phrase that points back at the previous question's time span ("over those three years",
 * 同一时期): its meaning comes with the previous question as context, as a pronoun's does; its words ("three", 时期)
 * are not what the answer says. Kept when nothing else would be left.
 */
function withoutPeriodReference(question: string, history: HistoryTurn[]): string {
  if (!lastTurns(history).user) return question;
  const stripped = question.replace(PERIOD_REFERENCE_ALL, ' ').replace(/\s{2,}/g, ' ').trim();
  if (stripped === question.trim()) return question;
  // What is left besides a follow-up's opening ("那么…呢?", "What about…?") and punctuation must still ask something.
  const rest = stripped.replace(FOLLOW_UP_FRAME, '');
  return /[\p{L}\p{N}]{2}/u.test(rest) ? stripped : question;
}
const PERIOD_REFERENCE_ALL = new RegExp(PERIOD_REFERENCE.source, 'gi');
const FOLLOW_UP_FRAME = /^(?:and|so|then|what about|how about)(?![\p{L}\p{N}])|^那么?|呢|吗|\p{P}|\s/giu;

// What a "那X呢?" holds that asks a question of its own ("那有多少员工呢?"): not an ellipsis of the previous question.
const asksItself = (x: string) => /多少|什么|谁|哪|几/.test(x);

function resolveAgainstHistory(question: string, history: HistoryTurn[], stats: TermStats, weights: FollowUpWeights): AnalyzedQuery {
  const prev = lastTurns(history);
  const normalized = question.normalize('NFKC').trim();
  const ellipsis = ELLIPSIS.exec(normalized);
  // "那沐曦呢?" with nothing before it asks nothing but its topic: analyse just that.
  if (!prev.user) return ellipsis && !asksItself(ellipsis[1]) ? analyzeQuestion(ellipsis[1], stats) : analyzeQuestion(question, stats);
  // The question on its own: what most follow-ups are measured by, or add context to (analysed once, when first needed).
  let alone: OwnAnalysis | undefined;
  const ownAnalysis = () => (alone ??= analyzeOwn(question, stats, {}));
  const standalone = () => ownAnalysis().query;

  const topic = topicWithSlips(prev.user, stats);
  const previousContext = () =>
    mergeTerms(
      weights.question > 0 ? contentTerms(prev.user!, stats, 'context', weights.question) : [],
      weights.answer > 0 && prev.assistant ? contentTerms(stripMarkers(prev.assistant), stats, 'context', weights.answer) : [],
    );
  // "And MCAHTC?", "And bzip2?": the new noun phrase asked as the previous question asked (its answer type unless the phrase
  // says its own), the previous turn as context.
  const askedAsBefore = (x: string): AnalyzedQuery => {
    const query = analyzeQuestion(x, stats, previousContext());
    return { ...query, answerType: query.answerType === 'other' ? detectAnswerType(prev.user!) : query.answerType, text: `${prev.user} ${x}` };
  };
  // "the first one", 前者: the thing at that position among those the previous turn named stands in the question, the
  // previous turn as context. An ellipsis ("And the latter?" → "And bzip2?") is asked as the previous question asked;
  // the branches below that bring the previous question's topic or words back (a name swap, a pronoun, a question of
  // one word) are not taken: they would put the thing not picked back in.
  const picked = resolveOrdinalReference(question, prev.user, prev.assistant && stripMarkers(prev.assistant));
  if (picked) {
    const written = picked.normalize('NFKC').trim();
    const x = ELLIPSIS_EN.exec(written)?.[1] ?? ELLIPSIS.exec(written)?.[1];
    if (x && !asksItself(x)) return askedAsBefore(x);
    return analyzeQuestion(picked, stats, previousContext());
  }
  // (Which one, or is there one of a kind: "Is there a tool for that?" → "Yes: who-uploads(1)…" → "Which package has it?")
  const asksForOneThing = (q: string) => ASKS_WHICH_ONE.test(q) || asksIsThereOne(q);
  // "那它的流行度呢?" after "哪个软件包被称为 vim 的语法检查利器?" → "是 vim-syntastic。": a question that asked which
  // thing, naming no topic of its own, was answered by naming it, so a pronoun of one thing now stands for the name the
  // answer gave — in its place, as the previous topic takes a pronoun's place below.
  if (!topic && prev.assistant && ONE_THING_PRONOUN.test(normalized) && asksForOneThing(prev.user.normalize('NFKC'))) {
    const named = nameAnswered(stripMarkers(prev.assistant), prev.user);
    if (named) return analyzeQuestion(normalized.replace(ONE_THING_PRONOUN_ALL, ` ${named} `), stats, previousContext());
  }
  if (ellipsis && !asksItself(ellipsis[1])) {
    const x = expandShortYears(ellipsis[1].trim(), writtenYear(stats));
    // "那2023年呢?", "那 2024 年呢?": a different year for the same question — the last question that was one, when the
    // previous turn was itself such a year ("…2022 年亏了多少钱?" → "那 2023 年呢?" → "那 2024 年呢?").
    const yearOnly = YEAR_ONLY.test(x);
    const asked = yearOnly ? lastFullQuestion(history, stats) ?? prev.user : prev.user;
    const prevText = expandShortYears(asked, writtenYear(stats));
    const year = yearOnly ? /\d{4}(?=\s*年)/.exec(prevText) : null;
    if (year) return analyzeQuestion(prevText.replace(year[0], x.replace(/\s*年$/, '')), stats);
    // A name ("那沐曦呢?") takes the previous question's topic's place; anything else ("估值呢?") is asked about that topic.
    // With no topic to take or ask about, a changed condition ("怎么让 penguin 用 sudo 获得管理员权限?" → "那要是连密码都
    // 不想输呢?", "那要处理 PDF 文档的话呢?") asks the previous question again under it: the previous turn steers retrieval
    // and the anchor, the sentence is judged on the question's own words, as for a follow-up that names no reference
    // (below). A bare noun ("那等宽版呢?") is read alone: judged on its own words, the previous turn would let any
    // sentence about it answer.
    if (!topic) return weights.always > 0 && CONDITION_OPENER.test(x) ? withContext(ownAnalysis(), previousContext().map((t) => ({ ...t, origin: 'history' as const }))) : standalone();
    // A word the dictionary relates to corpus words (营收 → 收入) is vocabulary, not a name, whatever its tag.
    const vocabulary = (stats.alternatives?.(x) ?? []).length > 0;
    if (containsName(x) && !vocabulary && normalizeForMatching(prev.user).includes(topic)) {
      const swapped = normalizeForMatching(prev.user).replace(topic, x);
      const query = analyzeQuestion(swapped, stats);
      // The name words x brings (AnalyzedQuery.swappedIn): its own required words and the names the corpus writes, no year
      // ("那2024年的寒武纪呢?" → 寒武纪), required of the swapped question too, whatever its topic came out as. (A name the
      // corpus lacks, 董监高 for 董事、监事及高级管理人员, is weighed as any missing word is, not required.)
      const alone = analyzeQuestion(x, stats);
      const xNames = [...new Set([...(alone.required ?? []), ...alone.terms.filter((t) => !isBigram(t.term) && containsName(t.term) && stats.documentFrequency(t.term) > 0).map((t) => t.term)])].filter((w) => !/^\d+$/.test(w));
      const required = [...(query.required ?? []), ...xNames.filter((w) => !query.required?.includes(w))];
      // (A choice the previous question offered is not this one's: it asks about x.)
      return { ...query, answerType: detectAnswerType(prev.user), offered: undefined, required, swappedIn: xNames.length ? xNames : undefined };
    }
    // "营收呢?" after "…2022到2024年研发费用一共多少?" keeps the rest of that question (its years, what it was
    // about) as weak context: several sentences name the topic and the attribute, and the one that continues
    // the conversation is the answer (without it, retrieval order alone chose).
    // The attribute it names is what the question asks: absent from the corpus, the documents cannot answer it.
    const swappedAttribute = analyzeQuestion(`${topic} ${x}`, stats, previousContext());
    const attribute = normalizeForMatching(x).replace(/\s+/g, '');
    return isAbsentAttribute(attribute, swappedAttribute.terms, stats, true) ? { ...swappedAttribute, absentAsked: attribute } : swappedAttribute;
  }

  // "他/她" after "…是谁?": the person is in the previous answer, so that answer is the strong context.
  if (/[他她]/.test(question) && detectAnswerType(prev.user) === 'person' && prev.assistant) {
    const ownWords = standalone().terms.filter((t) => !t.term.startsWith(BIGRAM_PREFIX)).length;
    const answerTerms = contentTerms(stripMarkers(prev.assistant), stats, 'context', ownWords >= 3 ? weights.answer : 1);
    // The person is the topic, and is only in the context: the stripped question has no topic of its own.
    const query = analyzeQuestion(question.replace(PRONOUN, ''), stats, answerTerms, { findTopic: false });
    return { ...query, text: `${stripMarkers(prev.assistant)} ${question}` };
  }
  if (PRONOUN.test(question) && topic) {
    const replaced = question.replace(PRONOUN, topic);
    return analyzeQuestion(replaced, stats, previousContext());
  }
  // "And MCAHTC?", "and strikethrough?": asked as the previous question asked, about the new noun phrase.
  const english = ELLIPSIS_EN.exec(normalized);
  if (english && weights.always > 0) return askedAsBefore(english[1]);
  const ownWords = standalone().terms.filter((t) => !t.term.startsWith(BIGRAM_PREFIX));
  if (ownWords.length <= 1) {
    // (The options it names, and the names it offers, are its own: the previous question's were asked before.)
    return { ...analyzeQuestion(`${question} ${prev.user}`, stats, previousContext()), text: `${prev.user} ${question}`, codeTokens: standalone().codeTokens, offered: standalone().offered };
  }
  if (weights.always > 0) {
    // An English pronoun ("What's it set to by default?", "How do I fix that?") stands for the previous turn's
    // subject: its words are context the sentence must say too, as for 他/它 above.
    // "it"/"its" ("its shareholders") stands for the previous question's topic when it names one ("Who founded 沐曦?",
    // as the glossary writes "Who founded MetaX?" over the article) and the question names none of its own: the topic in
    // its place, as for 它/其 above, so the sentence must be about it; otherwise context only.
    // "the company" ("And when was the company founded?") stands for the previous topic as "it" does, when the question
    // names no topic of its own ("Who invested in the company 寒武纪?" is about 寒武纪).
    const description = topic !== undefined && SUBJECT_DESCRIPTION_EN.test(normalized) && !ownAnalysis().topic;
    if (PRONOUN_EN.test(normalized) || description) {
      if (topic && (THING_PRONOUN_EN.test(normalized) || description) && !ownAnalysis().topic) {
        return analyzeQuestion(normalized.replace(description ? SUBJECT_DESCRIPTION_EN : THING_PRONOUN_EN, topic), stats, previousContext());
      }
      return withContext(ownAnalysis(), previousContext());
    }
    // "那这类产品的收入占比后来跌到多少了?" after an answer about 桌面级图形加速产品: a Chinese demonstrative points back as
    // "this"/"that" do — the previous turn is context the sentence must say too.
    if (demonstrativePointsBack(normalized)) return withContext(ownAnalysis(), previousContext());
    // A follow-up that names no reference ("Which one goes to the main network?", "那文件里需要有标题行吗?"): the
    // previous turn steers retrieval and the anchor, but the sentence is judged on the question's own words.
    return withContext(ownAnalysis(), previousContext().map((t) => ({ ...t, origin: 'history' as const })));
  }
  return standalone();
}
