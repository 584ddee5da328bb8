import type { LexiconFile } from '../../../shared/index-format/lexicon-file.js';
import { BIGRAM_PREFIX, isBigram, normalizeForMatching } from '../../../shared/text/tokenizer.js';
import { createNearNames, MEMO_LIMIT } from './near-names.js';
import { withinOneEdit } from '../../../shared/text/edit-distance.js';
import { isEverydayEnglish } from '../../../shared/text/english-everyday-words.js';
import { ENGLISH_FUNCTION_WORDS } from '../../../shared/text/english-function-words.js';
import { derivationalBases } from '../../../shared/text/english-derivation.js';
import { chineseCalendarForms } from '../../../shared/text/english-months.js';
import { chineseNumberForms } from '../../../core/english-number-words.js';
import { hasHan } from '../../../shared/text/char-classes.js';

/**
 * The words that count as a given word in one corpus: its CC-CEDICT synonyms and translations that the
 * corpus uses, read from the index's lexicon file (computed at ingest: ingest/lexicon/build-lexicon.ts).
 * General vocabulary only: corpus-specific names come from the corpus's glossary (glossary.ts); a word
 * the corpus lacks and the dictionary does not know may be a name with one slip (near-names.ts).
 */
export interface Lexicon {
  alternatives(word: string): readonly string[];
  /** Whether the dictionary relates the word to the corpus's words (a translation or synonym, not a slip of a name). */
  translates(word: string): boolean;
  /** Romanised Chinese names in a question, written as the corpus writes them. */
  romanisedToChinese(question: string): string;
  /** The corpus's Chinese words read as this one is (same toneless pinyin), for a word the corpus does not use. */
  homophones(word: string): readonly string[];
}

// A Latin word long enough that one edit away from a dictionary word is a slip, not another word ("cat" / "cut").
const SLIPPED_ENGLISH = /^[a-z]{5,}$/;

/**
 * `vocab` is the index's vocab.json (the ids in the file point into it); `words` the corpus words a
 * slip may lead to (bigrams excluded).
 */
export function createLexicon(file: LexiconFile, vocab: readonly string[], words: readonly string[]): Lexicon {
  // Bounded like the tokenizer's word memos: questions bring words without end.
  const memo = new Map<string, readonly string[]>();
  const remember = (key: string, value: readonly string[]) => {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, value);
  };
  const translated = new Map<string, boolean>();
  // Whether the index has Chinese words at all, in any document (worked out on first need, once).
  let hasChinese: boolean | undefined;
  const chinese = () => (hasChinese ??= words.some(hasHan));
  const nearNames = createNearNames(words, file.readings, () => vocab.filter(isBigram).map((t) => t.slice(BIGRAM_PREFIX.length)));
  // A translation that is an English function word (时 → when, 要 → will, 会 → can) says nothing the
  // question's other words do not: matching it would credit almost every English sentence.
  const translationsOf = (ids: readonly number[]) => ids.map((id) => vocab[id]).filter((w) => !ENGLISH_FUNCTION_WORDS.has(w));
  let englishKeys: string[] | undefined;
  // An English word with a slip in it ("Threds", "Theads") that neither the corpus nor everyday English has: the
  // translations of the one dictionary word one edit away ("thread" → 线程), as a Chinese name one homophone away.
  const slipTranslations = (word: string): readonly string[] => {
    if (!SLIPPED_ENGLISH.test(word)) return [];
    englishKeys ??= Object.keys(file.alternatives).filter((k) => SLIPPED_ENGLISH.test(k));
    const near = englishKeys.filter((k) => withinOneEdit(word, k));
    return near.length === 1 ? translationsOf(file.alternatives[near[0]]) : [];
  };
  // A question's derived English word the dictionary glosses only in its base form ("connection" → connect → 连接).
  const keyOf = (word: string): string | undefined => derivationalBases(word).find((base) => Object.hasOwn(file.alternatives, base));
  return {
    alternatives(raw) {
      // Keyed by the word as asked too: the analysed question's words are already normalised, and
      // normalising (NFKC, simplified characters, numerals) costs more than the look-up.
      let out = memo.get(raw);
      if (out) return out;
      const word = normalizeForMatching(raw);
      out = memo.get(word);
      if (out) {
        remember(raw, out);
        return out;
      }
      const key = Object.hasOwn(file.alternatives, word) ? word : keyOf(word);
      const ids = key !== undefined ? file.alternatives[key] : undefined;
      const phrases = file.phrases && Object.hasOwn(file.phrases, word) ? file.phrases[word] : undefined;
      if (ids || phrases) out = [...translationsOf(ids ?? []), ...(phrases ?? [])];
      // An everyday English word ("wash", "look") is no name with a slip in it: one edit from a corpus word ("dash",
      // "book") it is another word. (A word of jieba's dictionary has no homophones either: near-names.ts.)
      else if (isEverydayEnglish(word)) out = [];
      else {
        // Nothing in the dictionary: perhaps a name with one slip in it (none for a word the corpus uses).
        out = nearNames.near(word);
        if (!out.length) out = slipTranslations(word);
      }
      // A month, quarter or number word as Chinese text writes it (July → 7月, Q1 → 一季度, five → 前5): not a corpus
      // word but a form to find — in an index with Chinese words. Over English text it would be a translation nothing
      // says, weighing the word as the rarest there is ("Which encoding does it try first?": first → 第1).
      const written = chinese() ? [...chineseCalendarForms(word), ...chineseNumberForms(word)] : [];
      if (written.length) out = [...out, ...written];
      remember(word, out);
      remember(raw, out);
      return out;
    },
    homophones: (word) => nearNames.homophones(word),
    translates: (word) => {
      // Asked for every pair and triple of adjacent English words of a question (query-analysis.ts dictionaryPhrases),
      // question after question the same ones: remembered per word as asked, bounded like the memo above.
      let yes = translated.get(word);
      if (yes === undefined) {
        const w = normalizeForMatching(word);
        yes = Object.hasOwn(file.alternatives, w) || keyOf(w) !== undefined || (file.phrases !== undefined && Object.hasOwn(file.phrases, w));
        if (translated.size >= MEMO_LIMIT) translated.clear();
        translated.set(word, yes);
      }
      return yes;
    },
    romanisedToChinese: (question) => nearNames.romanisedToChinese(question),
  };
}
