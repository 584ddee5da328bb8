// The English list's own module: the package entry imports all of its ~60 languages (~70 ms, ~7 MB) for one list.
import { eng } from 'stopword/src/stopwords_eng.js';
import { stemLatin } from './tokenizer.js';
import { englishLexicon } from './english-lexicon.js';

const withStems = (words: readonly string[]) => new Set(words.flatMap((w) => [w, stemLatin(w)]));

// The `stopword` package's English list, and contraction leftovers ("won't" → won, t; "what's" → s).
const LISTED = withStems([...eng, 'won', 'don', 'doesn', 'didn', 'isn', 'aren', 'wasn', 'can', 'cannot', 't', 's', 're', 've', 'll', 'd', 'm']);

// Closed word classes (Penn Treebank tags): determiners, pronouns, prepositions, conjunctions, modals, wh-words, particles.
const CLOSED_CLASS = new Set(['CC', 'DT', 'EX', 'IN', 'MD', 'PDT', 'POS', 'PRP', 'PRP$', 'RP', 'TO', 'WDT', 'WP', 'WP$', 'WRB']);
let closedClass: ReadonlySet<string> | undefined;

/**
 * The words wink-lexicon tags with closed classes only ("its", "whose", "itself", "during", "without"), which the
 * stopword list lacks; of three letters or more, as a two-letter one may be an acronym written in lower case ("us" for
 * US). Worked out on the first Latin word the list does not hold, so that a Chinese question never loads the lexicon.
 */
function closedClassWords(): ReadonlySet<string> {
  if (!closedClass) {
    const closed = [...englishLexicon()].filter(([w, tags]) => w.length >= 3 && tags.every((tag) => CLOSED_CLASS.has(tag)));
    closedClass = withStems(closed.map(([w]) => w));
  }
  return closedClass;
}

/**
 * English function words ("where", "my", "have", "into", "its", "whose"), in the tokenizer's stemmed form too ("where"
 * → "wher"): a question's own words are matched against stems, and a function word the manual rarely uses would
 * otherwise weigh like a rare name.
 */
export const ENGLISH_FUNCTION_WORDS: { has(word: string): boolean } = {
  has: (word) => LISTED.has(word) || (/^[a-z]{3,}$/.test(word) && closedClassWords().has(word)),
};
