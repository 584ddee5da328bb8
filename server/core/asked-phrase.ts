import { englishLexicon } from '../shared/text/english-lexicon.js';
import { stemLatin } from '../shared/text/tokenizer.js';
import { ENGLISH_VALUE_KINDS } from './answer-type.js';

// The attribute an English question asks for: "What is the retail price of…", "What's Cambricon's stock ticker code?" —
// after "what" and a verb "to be" (and "the", a possessive: "Cambricon's", "the company's", never across an "of"), up
// to the word that ends it (of, for, a verb, the question mark), at most four words. Not "which X" nor "what X did…":
// there X is the kind of the answer (which library, what job), which the text need not name.
const ASKED_PHRASE =
  /^\s*[Ww]hat(?:['’]s|\s+(?:is|was|are|were))\s+(?:the\s+)?(?:(?:(?!(?:of|for|in|on|at)\b)[A-Za-z][\w-]*\s+){0,3}[A-Za-z][\w-]*['’]s?\s+)?((?:[A-Za-z][\w-]*\s+){0,3}?[A-Za-z][\w-]*)(?=\s+(?:of|for|in|on|at|that|does|did|do|is|was|are|were|has|have|had)\b|\s*\?|\s*$)/;
const NOUN_TAG = /^NNP?S?$/;
// Nouns that frame what is asked rather than name an attribute: "What is the purpose/effect/point of X?" asks about X.
const FRAME_NOUNS: ReadonlySet<string> = new Set(
  'purpose effect effects role goal aim benefit benefits point advantage advantages disadvantage disadvantages difference differences meaning use uses idea function result consequence consequences impact significance rationale motivation reason reasons'.split(' '),
);

/**
 * The stems of the nouns of the phrase an English question asks for (ASKED_PHRASE), value kinds left out: the
 * attribute asked ("price" in "the retail price of the card"). When the corpus has no translation of it, the corpus
 * does not speak of it, and that is evidence — unlike the question's other untranslatable words, mostly phrasing the
 * dictionary cannot carry over (left out: keeping every untranslatable noun cost 140 right answers on the bank).
 */
export function askedNounStems(question: string): Set<string> {
  const phrase = ASKED_PHRASE.exec(question)?.[1];
  const out = new Set<string>();
  if (!phrase) return out;
  const lexicon = englishLexicon();
  for (const word of phrase.toLowerCase().split(/\s+/)) {
    const tags = lexicon.get(word);
    if (ENGLISH_VALUE_KINDS.has(word) || FRAME_NOUNS.has(word) || (tags && !NOUN_TAG.test(tags[0]))) continue;
    out.add(stemLatin(word));
  }
  return out;
}
