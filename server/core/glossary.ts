import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { escapeRegExp } from '../shared/text/escape-regexp.js';
import { withinOneEdit } from '../shared/text/edit-distance.js';
import { isEverydayEnglish } from '../shared/text/english-everyday-words.js';
import { stemLatin } from '../shared/text/tokenizer.js';

/**
 * A corpus's own names and aliases (英伟达 / Nvidia, 摩尔线程 / Moore Threads), in an editable
 * `glossary.json` next to the documents: `{ "names": [["英伟达", "Nvidia", "辉达"], …] }`. The corpus
 * loader reads only documents (.txt, .md), so the file is never indexed as one. Before analysis, any
 * alias in a question is replaced by the group's first spelling the corpus uses, and so is a one-word Latin name with one
 * slip in it ("Cambrcon" for Cambricon) or a name of several Latin words with one slip in one of them ("Moore Treads").
 */
export const GLOSSARY_FILE = 'glossary.json';

const GlossarySchema = z.object({ names: z.array(z.array(z.string().min(1)).min(2)) });

export interface Glossary {
  /** The question with every alias replaced by the corpus's spelling. */
  canonicalise(question: string): string;
}

export const EMPTY_GLOSSARY: Glossary = { canonicalise: (q) => q };


export function createGlossary(groups: string[][], inCorpus: (name: string) => boolean): Glossary {
  // `needle`: what the text (lower-cased, for a Latin alias) must contain for the pattern to match at all.
  const rules: Array<{ pattern: RegExp; target: string; latin: boolean; needle: string }> = [];
  // A one-word Latin name long enough that one slip in it is still that name ("Cambrcon", "Nvidea"): the word → the
  // corpus's spelling of its group. Shorter names are too close to other words (Moore / more, MetaX / metal).
  const slipTargets = new Map<string, string>();
  // A name of several Latin words, for a slip in one of them (slippedPhrases below).
  const phraseSlips: Array<{ words: string[]; target: string }> = [];
  // One pass over the groups: `inCorpus` may read the documents, so each group's target is looked up once.
  for (const group of groups) {
    const target = group.find(inCorpus) ?? group[0];
    for (const alias of group) {
      if (alias === target) continue;
      // Latin aliases match whole words, case-insensitively; Chinese ones anywhere.
      const latin = /^[\x20-\x7e]+$/.test(alias);
      rules.push({ pattern: new RegExp(latin ? `(?<![A-Za-z0-9])${escapeRegExp(alias)}(?![A-Za-z0-9])` : escapeRegExp(alias), latin ? 'gi' : 'g'), target, latin, needle: latin ? alias.toLowerCase() : alias });
      if (SLIPPABLE_NAME.test(alias)) slipTargets.set(alias.toLowerCase(), target);
      if (SLIPPABLE_PHRASE.test(alias)) phraseSlips.push({ words: alias.toLowerCase().split(' '), target });
    }
  }
  // Longest aliases first, so "Moore Threads" wins over "Moore".
  rules.sort((a, b) => b.pattern.source.length - a.pattern.source.length);
  const slipped = (word: string): string | undefined => {
    const w = word.toLowerCase();
    if (slipTargets.has(w)) return undefined;
    const near = [...new Set([...slipTargets].filter(([alias]) => withinOneEdit(w, alias)).map(([, target]) => target))];
    // (The corpus's own spelling, in any case, is no slip of an alias beside it: "linux" of Linux / Linnux. Nor is a
    // word of its own: everyday English, or a word the corpus writes — asked last, as it may read the documents.)
    return near.length === 1 && near[0].toLowerCase() !== w && !isEverydayEnglish(stemLatin(w)) && !inCorpus(word) ? near[0] : undefined;
  };
  // A name of several Latin words with a slip in one of them ("Moore Treads"): the other words, written exactly, say which
  // name it is — as long as the slipped word is written as a name (capitalised) or is no everyday English word ("more
  // threads" is English, not Moore Threads), has four letters or more, and is not a word the corpus writes. The longest
  // alias that fits wins; two names that fit as well are neither.
  const slipFits = (written: string, lower: string, aliasWord: string): boolean =>
    lower.length >= 4 && aliasWord.length >= 4 && withinOneEdit(lower, aliasWord) && (/^[A-Z]/.test(written) || !isEverydayEnglish(stemLatin(lower))) && !inCorpus(written);
  const slippedPhrases = (text: string): string => {
    const words = [...text.matchAll(PHRASE_WORD)].map((m) => ({ word: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));
    let out = '';
    let from = 0;
    for (let i = 0; i < words.length; i++) {
      let best: { length: number; targets: Set<string> } | undefined;
      for (const { words: alias, target } of phraseSlips) {
        const span = words.slice(i, i + alias.length);
        if (span.length < alias.length || span.some((w, k) => k > 0 && text.slice(span[k - 1].end, w.start) !== ' ')) continue;
        const differing = span.filter((w, k) => w.lower !== alias[k]);
        if (differing.length !== 1) continue;
        const slip = differing[0];
        if (!slipFits(slip.word, slip.lower, alias[span.indexOf(slip)])) continue;
        if (!best || alias.length > best.length) best = { length: alias.length, targets: new Set([target]) };
        else if (alias.length === best.length) best.targets.add(target);
      }
      if (!best || best.targets.size !== 1) continue;
      out += text.slice(from, words[i].start) + [...best.targets][0];
      from = words[i + best.length - 1].end;
      i += best.length - 1;
    }
    return from === 0 ? text : out + text.slice(from);
  };
  return {
    canonicalise(q) {
      // Each rule in turn on the text the rules before it left, as before; a rule whose alias is not in the
      // text is skipped without running its pattern (an ASCII alias matches ASCII letters only, whose lower
      // case the lower-cased text keeps).
      let text = q;
      let lower: string | undefined;
      for (const r of rules) {
        if (r.latin ? !(lower ??= text.toLowerCase()).includes(r.needle) : !text.includes(r.needle)) continue;
        const next = text.replace(r.pattern, r.target);
        if (next !== text) {
          text = next;
          lower = undefined;
        }
      }
      if (phraseSlips.length && /[A-Za-z]{4}/.test(text)) text = slippedPhrases(text);
      return slipTargets.size ? text.replace(LATIN_WORD, (word) => slipped(word) ?? word) : text;
    },
  };
}

// A name of two or more Latin words ("Moore Threads"), each of letters only; and a word of a question that may be part of
// one (a whole word, as LATIN_WORD below reads one: not part of an identifier, a path or "Treads3090").
const SLIPPABLE_PHRASE = /^[A-Za-z]+(?: [A-Za-z]+)+$/;
const PHRASE_WORD = /(?<![\p{L}\p{N}_./-])[A-Za-z]+(?![\p{L}\p{N}_/-]|\.[\p{L}\p{N}])/gu;
// A name that tolerates a slip: one Latin word of six letters or more; and the words of a question that may be one.
const SLIPPABLE_NAME = /^[A-Za-z]{6,}$/;
// (A whole word: not part of a path, a file name, an identifier or a word with accented letters — /etc/skolelinnux.conf.)
// (A full stop after it ends the sentence unless a letter or digit follows: "…lose, Cambrcon." is a slip too.)
const LATIN_WORD = /(?<![\p{L}\p{N}_./-])[A-Za-z]{5,}(?![\p{L}\p{N}_/-]|\.[\p{L}\p{N}])/gu;

/** Reads `<corpusDir>/glossary.json` when there is one. A malformed file is reported, not ignored. */
export function loadGlossary(corpusDir: string, inCorpus: (name: string) => boolean): Glossary {
  const file = path.join(corpusDir, GLOSSARY_FILE);
  if (!existsSync(file)) return EMPTY_GLOSSARY;
  const parsed = GlossarySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: expected {"names": [["name", "alias", …], …]}`);
  return createGlossary(parsed.data.names, inCorpus);
}
