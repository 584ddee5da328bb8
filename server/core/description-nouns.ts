import { stemLatin } from '../shared/text/tokenizer.js';

/**
 * Nouns that name the kind of answer a description is ("logcheck 作用", "X 的用途", "FFI meaning", "the purpose of X"): the
 * sentence that says what the thing does seldom says the word. Weighed as a known category (a table header that says it,
 * "目录用途", still counts), whether the corpus writes it or not. The words measured (waves 1-141: the ones refused terse
 * questions most often lacked), not every translation of them. English by the surface form, which stemming hides:
 * "meaning", "meant (for)", the verb "mean" after do/does/did, "purpose" — not the mean of statistics, numpy's mean, "by means of", a
 * "purpose" key or option.
 */
export const DESCRIPTION_NOUNS_ZH: ReadonlySet<string> = new Set(['作用', '用途', '用处', '功用']);
const MEANING = /\bmeanings?\b|\bmeant\b|\b(?:do|does|did)\b[^?.;]*?(?<![-.\w])\bmean\b(?![-.(\w])/i;
const PURPOSE = /(?<![-.\w])\bpurposes?\b(?!\s*(?:key|field|option|flag|setting|parameter|=))/i;
/** The description nouns of this question, as the tokenizer writes them (English stemmed). */
export function descriptionNouns(text: string): ReadonlySet<string> {
  if (!/[A-Za-z]/.test(text)) return DESCRIPTION_NOUNS_ZH;
  const out = new Set(DESCRIPTION_NOUNS_ZH);
  if (MEANING.test(text)) out.add('mean');
  if (PURPOSE.test(text)) out.add(stemLatin('purpose'));
  return out;
}
