import { containsName, dictionaryParts, gluedContent, isDictionaryWord, stemLatin } from '../shared/text/tokenizer.js';
import { TYPE_NOUNS } from './answer-type.js';
import { CHINESE_MODALS, FUNCTION_CHARS, isQuestionWord } from './question-words.js';
import { ENGLISH_FUNCTION_WORDS } from '../shared/text/english-function-words.js';
import { hasHan } from '../shared/text/char-classes.js';
import { MEASURE_WORDS } from './measure-words.js';
import { bm25Idf } from '../shared/bm25-idf.js';
import { irregularBase } from '../shared/text/english-irregular.js';

/** The corpus statistics a word's facts are read from (query-analysis.ts TermStats has them all). */
export interface WordStats {
  idf(term: string): number;
  documentFrequency(term: string): number;
  chunkCount: number;
  /** Whether the character occurs anywhere in the corpus (see term-stats.ts). */
  knowsChar?(char: string): boolean;
  /** Synonyms and translations of a word that the corpus uses (see lexicon/lexicon.ts). */
  alternatives?(word: string): readonly string[];
}

/**
 * What question analysis (query-analysis.ts contentTerms) works out about one question word that does not depend
 * on the question: the word without its question numeral or aspect particle, whether it is phrasing to drop, its
 * IDF, whether the corpus uses it, its alternatives and what they weigh, what its dictionary parts weigh. A
 * question word is asked again and again over one corpus (the corpus's own vocabulary): each of these was a
 * look-up through the term statistics, the lexicon or jieba per word per question, which is a measurable share
 * of an answer (`npm run bench -- --latency`). Kept per corpus statistics object and per word, bounded like the
 * other word memos; the values are the same as computing them again (tests/unit/word-facts.test.ts).
 */
export interface WordFacts {
  /** The word as matched: "几轮" → 轮, "多少名" → 名, "亏了" → 亏. */
  word: string;
  /** A question word, an English function word, a type noun or function characters only: not content. */
  notContent: boolean;
  /** A measure word (or 年) the corpus never uses. */
  unusedMeasure: boolean;
  /** One Han character. */
  single: boolean;
  idf: number;
  /** The corpus uses the word. */
  known: boolean;
  /**
   * Its alternatives and what they weigh (wordMeaning): worked out on first need, as contentTerms did, so a word it
   * drops (a question word, phrasing) never costs a lexicon look-up — for a word the corpus lacks, that is a search
   * for near names.
   */
  meaning?: WordMeaning;
  /**
   * For an unknown Han word that is not tagged as phrasing in its question: the factor its weight takes (a glued
   * non-word of known characters, a general dictionary word, or a name). Worked out on first need (jieba calls).
   */
  unknownFactor?: number;
}

// A measure word, or 年 ("几年").
export const MEASURE = new RegExp(`^[${MEASURE_WORDS}年]$`);

// A word the corpus lacks: see query-analysis.ts for why phrasing and general words weigh less than names.
export const UNKNOWN_PHRASING_WEIGHT = 0.1;
export const UNKNOWN_GENERAL_WEIGHT = 0.5;

/**
 * What a word the corpus lacks weighs, from the words that count as it. Its translations (the other script:
 * 用 → use, need, utility) are one group, as in Pirkola's structured queries: their document frequencies add
 * up, so a word with one specific translation (股东 → shareholder) weighs like that word, and one with many
 * common ones weighs like the commonest rather than like its rarest ("drink"). A synonym in its own script
 * (赔 → 亏损) says the same thing as the word and lends its own IDF, the highest of them.
 */
export function alternativesIdf(word: string, alternatives: readonly string[], stats: WordStats): number {
  const han = hasHan(word);
  const translations = alternatives.filter((a) => hasHan(a) !== han);
  let out = Math.max(0, ...alternatives.filter((a) => hasHan(a) === han).map((a) => stats.idf(a)));
  if (translations.length) {
    const n = Math.max(1, stats.chunkCount);
    // A phrase ("floppy disk") is as frequent as its rarest word, at most.
    const frequency = (w: string) => (w.includes(' ') ? Math.min(...w.split(' ').map((p) => stats.documentFrequency(p))) : stats.documentFrequency(w));
    const df = Math.min(n, translations.reduce((sum, w) => sum + frequency(w), 0));
    out = Math.max(out, bm25Idf(n, df));
  }
  return out;
}

/** A content word's alternatives and what it weighs through them or through its parts. */
export interface WordMeaning {
  alternatives: readonly string[];
  /** What the alternatives weigh when the corpus lacks the word (alternativesIdf), 0 otherwise. */
  viaSynonym: number;
  /** The mean IDF of the dictionary parts of a compound the corpus lacks but whose parts it uses, when they make up the word. */
  partsIdf: number | undefined;
}

/** The facts worked out afresh (what wordFacts keeps; the meaning on first need). */
export function computeWordFacts(raw: string, stats: WordStats, whole = false): WordFacts {
  // "几轮", "多少名": keep the measure word, drop the question numeral; "亏了", "干过": drop the aspect particle.
  // "undid", "lost", "biggest": an irregular English form the corpus lacks stands for its base form when the corpus
  // uses that ("undo", "lose"), as 亏了 stands for 亏. Not through the dictionary, where a translation of the wrong verb
  // would be worse than none. The word is already stemmed, so a regular form whose stem is another verb's irregular
  // one ("founded" → found) still becomes that verb ("find") in a corpus that says "find" but never "found".
  let w = raw.length > 1 ? raw.replace(/^(几|多少)/, '').replace(/(?<=.)[了过着]$/, '') : raw;
  // A word jieba's HMM glued from phrasing (涨得, 只想, 被拉进) that neither the corpus nor the dictionary holds stands for
  // its content piece (涨, 想, 拉进): otherwise it would count as a missing name the corpus lacks.
  // (`whole`: a slip of a corpus word whose pieces query-analysis.ts joinCorpusWords read as one on purpose.)
  if (!whole && w.length > 1 && hasHan(w) && stats.documentFrequency(w) === 0 && !isDictionaryWord(w)) w = gluedContent(w);
  // So does a modal glued to the one-character verb after it ("想建", "要装", "该用", "能查": gluedContent keeps pieces jieba
  // does not tag as grammar): the verb is the content, the modal frames the question (as below). Not a pair the lexicon
  // translates (会话 "session", 可选 "optional": a word, whatever jieba's dictionary says).
  if (
    !whole &&
    w.length === 2 &&
    CHINESE_MODALS.includes(w[0]) &&
    hasHan(w[1]) &&
    stats.documentFrequency(w) === 0 &&
    !isDictionaryWord(w) &&
    !(stats.alternatives?.(w) ?? []).length
  )
    w = w[1];
  // (The stemmer cuts a final e only from words of five letters or more: "wrote" → wrot; "rod" is no "rode".)
  // A function word stays one: "would" is no form of the noun or verb "will" the corpus may use.
  const base = stats.documentFrequency(w) === 0 && !ENGLISH_FUNCTION_WORDS.has(w) ? irregularBase(w) ?? (w.length >= 4 ? irregularBase(`${w}e`) : undefined) : undefined;
  const stemmedBase = base !== undefined ? stemLatin(base) : undefined;
  if (stemmedBase !== undefined && stats.documentFrequency(stemmedBase) > 0) w = stemmedBase;
  // A Chinese modal verb standing alone (要, 能, 该, 会: question-words.ts CHINESE_MODALS) frames the question as an English
  // auxiliary does, which the stopword list drops (can, should, would): "要怎样才能…" asks how, not about wanting. Session 49:
  // 要 had weighed 1.8 in a manual that rarely writes it (waves 1-128: +6 correct, -1 confidently wrong).
  return {
    word: w,
    notContent: isQuestionWord(w) || ENGLISH_FUNCTION_WORDS.has(w) || TYPE_NOUNS.has(w) || [...w].every((c) => FUNCTION_CHARS.has(c)) || (w.length === 1 && CHINESE_MODALS.includes(w)),
    unusedMeasure: MEASURE.test(w) && stats.documentFrequency(w) === 0,
    single: w.length === 1 && hasHan(w),
    idf: stats.idf(w),
    known: stats.documentFrequency(w) > 0,
    meaning: undefined,
    unknownFactor: undefined,
  };
}

/** The meaning worked out afresh (what wordMeaning keeps). */
export function computeWordMeaning(facts: Pick<WordFacts, 'word' | 'known'>, stats: WordStats): WordMeaning {
  const { word: w, known } = facts;
  const alternatives = stats.alternatives?.(w) ?? [];
  const viaSynonym = known ? 0 : alternativesIdf(w, alternatives, stats);
  // A compound the corpus never uses but whose parts it does ("股东人数" → 股东, 人数) weighs like its parts.
  const parts = !known && viaSynonym === 0 && hasHan(w) && w.length >= 3 ? dictionaryParts(w).filter((p) => p.length >= 2 && stats.documentFrequency(p) > 0) : [];
  const partsIdf = parts.length >= 1 && parts.join('').length >= w.length - 1 ? parts.reduce((n, p) => n + stats.idf(p), 0) / parts.length : undefined;
  return { alternatives, viaSynonym, partsIdf };
}

/** A content word's meaning, kept with its facts. */
export function wordMeaning(facts: WordFacts, stats: WordStats): WordMeaning {
  facts.meaning ??= computeWordMeaning(facts, stats);
  return facts.meaning;
}

/**
 * The factor of an unknown Han word not tagged as phrasing in its question. jieba's HMM glues colloquial pieces
 * into non-words ("一共融了" → 共融): one made of characters the corpus uses is such an artefact; one with
 * characters the corpus never uses (壁仞) is a real name the corpus lacks and keeps its full weight. A general
 * dictionary word the corpus never uses (人数, 比例) is more often said another way than absent.
 */
export function unknownFactor(facts: WordFacts, stats: WordStats): number {
  const w = facts.word;
  facts.unknownFactor ??=
    !isDictionaryWord(w) && [...w].every((c) => stats.knowsChar?.(c))
      ? UNKNOWN_PHRASING_WEIGHT
      : isDictionaryWord(w) && !containsName(w)
        ? UNKNOWN_GENERAL_WEIGHT
        : 1;
  return facts.unknownFactor;
}

const FACTS_LIMIT = 10_000;
const factsByStats = new WeakMap<WordStats, Map<string, WordFacts>>();

/**
 * The facts of a question word (as the tokenizer gave it) over the corpus `stats` describes. `whole`: the word is a
 * corpus word's slip that question analysis joined from pieces (跟综器): never cut back to a "content piece".
 */
export function wordFacts(raw: string, stats: WordStats, whole = false): WordFacts {
  let memo = factsByStats.get(stats);
  if (!memo) factsByStats.set(stats, (memo = new Map()));
  const key = whole ? `\u0000${raw}` : raw;
  let facts = memo.get(key);
  if (!facts) {
    facts = computeWordFacts(raw, stats, whole);
    if (memo.size >= FACTS_LIMIT) memo.clear();
    memo.set(key, facts);
  }
  return facts;
}
