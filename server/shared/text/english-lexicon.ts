import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * wink-lexicon's English lexicon (MIT): ~13,500 everyday English word forms, each with its Penn Treebank parts of
 * speech ("largest" → JJS, RBS; "whose" → WP$). Its data file is parsed with one regular expression instead of being
 * imported: importing runs 13,500 property assignments (about twice the time). Read once, on first need.
 */
export type EnglishLexicon = ReadonlyMap<string, readonly string[]>;
let lexicon: EnglishLexicon | undefined;

// `lexicon.largest = A_JJS_RBS;`: a plain lower-case word and its tag combination (contractions are written otherwise).
const ENTRY = /^lexicon\.([a-z]+) = A_([A-Z_$]+);$/gm;

export function englishLexicon(): EnglishLexicon {
  if (!lexicon) {
    const text = readFileSync(createRequire(import.meta.url).resolve('wink-lexicon/src/lexicon.js'), 'utf8');
    lexicon = new Map([...text.matchAll(ENTRY)].map((m) => [m[1], m[2].split('_')]));
  }
  return lexicon;
}

const WORD_AFTER = /^\s+([A-Za-z]+)/;

/**
 * The Latin word right after `at` in `text`, as written, with its tags (undefined for a word the lexicon lacks); none
 * when no word follows. What "the table cell", "the former CEO" are read by: whether the word before names something
 * together with it.
 */
export function wordAfter(text: string, at: number): { word: string; tags: readonly string[] | undefined } | undefined {
  const word = WORD_AFTER.exec(text.slice(at))?.[1];
  return word === undefined ? undefined : { word, tags: englishLexicon().get(word.toLowerCase()) };
}
