/**
 * The base forms a stemmed English question word may be an inflection of, where the light stemmer (tokenizer.ts
 * stemLatin) and the dictionary's base forms part: it strips "running" to "runn" and "copies" to "copi", and leaves a
 * word whose stem would be shorter than four letters whole ("using", "making", "saved", "gets"), while CC-CEDICT glosses
 * are "to run", "to copy", "to use", "to make". The lexicon tries these only for a word it has no entry for.
 * Closed-class English morphology, not vocabulary: no word is listed here.
 */
const VOWEL = /[aeiou]/;
// A doubled final consonant that English doubles before -ing/-ed (run → running), not one it writes anyway (install, pass, buzz, staff).
const DOUBLED = /([bdgkmnprt])\1$/;

export function inflectionalBases(stem: string): string[] {
  if (!/^[a-z]+$/.test(stem)) return [];
  const out: string[] = [];
  const add = (w: string) => {
    if (w.length >= 2 && VOWEL.test(w) && w !== stem && !out.includes(w)) out.push(w);
  };
  // A base of two letters is a silent-e verb ("using" → use, not us); a longer one is tried as it is first ("adding" → add).
  const fromBase = (base: string) => {
    if (base.length <= 2) add(`${base}e`);
    add(base);
    add(`${base}e`);
    if (DOUBLED.test(base)) add(base.slice(0, -1));
  };
  // What the stemmer left: a doubled consonant ("runn", "stopp"), y turned i ("copi", "modifi").
  if (DOUBLED.test(stem)) add(stem.slice(0, -1));
  if (stem.endsWith('i')) add(`${stem.slice(0, -1)}y`);
  // What it did not strip: short words keep their ending ("using", "making", "saved", "gets").
  if (stem.endsWith('ing')) fromBase(stem.slice(0, -3));
  else if (stem.endsWith('ed')) fromBase(stem.slice(0, -2));
  else if (stem.endsWith('es')) add(stem.slice(0, -2));
  if (stem.endsWith('s') && !stem.endsWith('ss')) add(stem.slice(0, -1));
  return out;
}
