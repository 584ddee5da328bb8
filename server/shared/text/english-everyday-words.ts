import { englishLexicon } from './english-lexicon.js';
import { stemLatin } from './tokenizer.js';

/**
 * Everyday English vocabulary: the word forms of wink-lexicon's lexicon (english-lexicon.ts), kept as the stems the
 * tokenizer makes of question words (tokenizer.ts stemLatin). A question word the corpus lacks that is everyday English
 * ("largest", "write") is more often said another way than absent, like a general Chinese dictionary word (word-facts.ts
 * unknownFactor); a name or a term (bloom, SUBTOTAL) is not in it. Worked out on the first English question word the
 * corpus lacks, then kept.
 */
let stems: ReadonlySet<string> | undefined;

function everydayStems(): ReadonlySet<string> {
  stems ??= new Set([...englishLexicon().keys()].map(stemLatin));
  return stems;
}

/** Whether a lower-case Latin word, stemmed as the tokenizer stems it, is everyday English. */
export function isEverydayEnglish(word: string): boolean {
  return /^[a-z]{2,}$/.test(word) && everydayStems().has(word);
}

const SENTENCE = /[^.?!。？！]+/g;
const LATIN = /[A-Za-z][A-Za-z'’-]*/g;

/**
 * The words a text capitalises inside a sentence ("the CEO of Apple", "the Row input cell"), lower-cased and stemmed:
 * English writes names so, and an everyday word written as a name ("Apple") is a name. A sentence's first word is
 * capitalised anyway and says nothing.
 */
export function capitalisedWords(text: string): ReadonlySet<string> {
  const out = new Set<string>();
  for (const sentence of text.match(SENTENCE) ?? []) {
    const words = sentence.match(LATIN) ?? [];
    for (let i = 1; i < words.length; i++) if (/^[A-Z]/.test(words[i])) out.add(stemLatin(words[i].toLowerCase()));
  }
  return out;
}

const ALL_CAPITALS = /(?<![A-Za-z])[A-Z]{3,}(?![A-Za-z])/g;

/**
 * Everyday English words a text writes in capitals ("the STAR Market", "What does NOT stand for?"), stemmed: an
 * acronym or a name, not the word ("STAR" is no 明星, celebrity). Acronyms that are no everyday word (GPU, CPU) are left
 * out: the dictionary glosses those as what they abbreviate.
 */
export function everydayWordsInCapitals(text: string): ReadonlySet<string> {
  const out = new Set<string>();
  // A question written all in capitals ("HOW MANY EMPLOYEES?") shouts; its words are words.
  if (!/[a-z]/.test(text)) return out;
  for (const m of text.matchAll(ALL_CAPITALS)) {
    const stem = stemLatin(m[0].toLowerCase());
    if (isEverydayEnglish(stem)) out.add(stem);
  }
  return out;
}
