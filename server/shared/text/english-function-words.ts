// The English list's own module: the package entry imports all of its ~60 languages (~70 ms, ~7 MB) for one list.
import { eng } from 'stopword/src/stopwords_eng.js';
import { stemLatin } from './tokenizer.js';

/**
 * English function words ("where", "my", "have", "into"), from the `stopword` package's English list,
 * in the tokenizer's stemmed form ("where" → "wher"): a question's own words are matched against
 * stems, and a function word the manual rarely uses would otherwise weigh like a rare name.
 * Contraction leftovers ("won't" → won, t; "what's" → s) are function words too.
 */
export const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  [...eng, 'won', 'don', 'doesn', 'didn', 'isn', 'aren', 'wasn', 'can', 'cannot', 't', 's', 're', 've', 'll', 'd', 'm'].flatMap((w) => [w, stemLatin(w)]),
);
