import { createHash } from 'node:crypto';
import { loadCedict, type Cedict } from './cedict.js';
import { createNearNames } from './near-names.js';
import { normalizeForMatching } from '../../../shared/text/tokenizer.js';

/**
 * The words that count as a given word in one corpus: its CC-CEDICT synonyms (Chinese words sharing a
 * one-word English gloss) and translations (English ↔ Chinese), restricted to words the corpus uses.
 * General vocabulary only: corpus-specific names come from the corpus's glossary (glossary.ts); a word
 * the corpus lacks and the dictionary does not know may be a name with one slip (near-names.ts).
 */
export interface Lexicon {
  alternatives(word: string): readonly string[];
  /** Romanised Chinese names in a question, written as the corpus writes them. */
  romanisedToChinese(question: string): string;
}

const CJK = /[\u3400-\u9fff]/;
// More alternatives than this and the word means everything: keep the first (dictionary order).
const MAX_ALTERNATIVES = 12;

/**
 * Two words are synonyms when they share two glosses, or their first (main) gloss: "公司" and "企业"
 * share company, firm, corporation; "公司" and "坚定" share only "firm", in another sense.
 */
function sameSense(a: readonly string[], b: readonly string[]): boolean {
  if (a[0] !== undefined && a[0] === b[0]) return true;
  let shared = 0;
  for (const g of a) if (b.includes(g) && ++shared >= 2) return true;
  return false;
}

/**
 * The restricted dictionary last built, with the vocabulary it was built for. Building one reads and parses
 * CC-CEDICT's 11.5 MB data file: 0.4–0.9 s on the event loop and ~45 MB of garbage, at every reload, since
 * the self-test asks a question. A reload of an unchanged index (SIGHUP, a watcher's repeat) has the same
 * vocabulary, so it takes this one instead; a changed corpus builds a new one. One entry: the index served.
 */
let lastBuilt: { vocabularyKey: string; cedict: Cedict } | undefined;

export function cedictFor(vocabulary: readonly string[], vocab: ReadonlySet<string>): Cedict {
  const vocabularyKey = createHash('sha256').update(vocabulary.join('\n')).digest('hex');
  if (lastBuilt?.vocabularyKey !== vocabularyKey) lastBuilt = { vocabularyKey, cedict: loadCedict((w) => vocab.has(w)) };
  return lastBuilt.cedict;
}

export function createLexicon(vocabulary: readonly string[]): Lexicon {
  const vocab = new Set(vocabulary);
  let cedict: Cedict | undefined;
  const memo = new Map<string, readonly string[]>();
  const nearNames = createNearNames(vocabulary);
  const usable = (w: string, asked: string) => w !== asked && vocab.has(w) && (w.length >= 2 || !CJK.test(w));
  return {
    alternatives(raw) {
      const word = normalizeForMatching(raw);
      let out = memo.get(word);
      if (out) return out;
      // Loaded on the first question (the self-test at load), restricted to this vocabulary, reused by a reload that keeps it.
      cedict ??= cedictFor(vocabulary, vocab);
      const found = new Set<string>();
      if (CJK.test(word)) {
        const glosses = cedict.glossesOf.get(word) ?? [];
        for (const gloss of glosses) {
          if (usable(gloss, word)) found.add(gloss);
          // A one-character word ("名", "大") has too many senses to have synonyms.
          if (word.length < 2) continue;
          for (const w of cedict.wordsFor.get(gloss) ?? []) if (usable(w, word) && sameSense(glosses, cedict.glossesOf.get(w) ?? [])) found.add(w);
        }
      } else {
        for (const w of cedict.wordsFor.get(word) ?? []) if (usable(w, word)) found.add(w);
      }
      // Nothing in the dictionary and not a corpus word: perhaps a name with one slip in it.
      if (found.size === 0 && !vocab.has(word)) for (const w of nearNames.near(word)) found.add(w);
      out = [...found].slice(0, MAX_ALTERNATIVES);
      memo.set(word, out);
      return out;
    },
    romanisedToChinese: (question) => nearNames.romanisedToChinese(question),
  };
}
