import { createRequire } from 'node:module';

/**
 * English words inflected irregularly ("undid" → undo, "lost" → lose, "biggest" → big), from WordNet 3.0's
 * exception lists as packaged by wink-lexicon (MIT; WordNet licence). The light stemmer (tokenizer.ts) only strips
 * regular endings, so a question that says "undid" finds no "undo" in the corpus. The lists (~170 KB) are read on
 * the first English question word of three letters or more that the corpus lacks (a name or a typo too), then kept.
 */
type Exceptions = Readonly<Record<string, string>>;
let lists: Exceptions[] | undefined;

function exceptionLists(): Exceptions[] {
  if (!lists) {
    const require = createRequire(import.meta.url);
    lists = [require('wink-lexicon/src/wn-verb-exceptions.js') as Exceptions, require('wink-lexicon/src/wn-adjective-exceptions.js') as Exceptions];
  }
  return lists;
}

/** The base form of an irregularly inflected English word, or undefined (a regular or unknown word). */
export function irregularBase(word: string): string | undefined {
  if (!/^[a-z]{3,}$/.test(word)) return undefined;
  for (const list of exceptionLists()) {
    const base = Object.hasOwn(list, word) ? list[word] : undefined;
    if (base && base !== word) return base;
  }
  return undefined;
}
