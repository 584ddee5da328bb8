import type { LexiconFile } from '../../server/shared/index-format/lexicon-file.js';
import { cedictReadings, cedictVersion, loadCedict, readCedictText, type Cedict } from './cedict.js';
import { CJK_UNIFIED_RANGE } from '../../server/shared/text/char-classes.js';
import { derivationalBases } from '../../server/shared/text/english-derivation.js';
import { normalizeForMatching, phrasingWords, stemLatin } from '../../server/shared/text/tokenizer.js';
import { wordnetDerivations } from './wordnet-derivations.js';
import { ENGLISH_FUNCTION_WORDS } from '../../server/shared/text/english-function-words.js';

// A gloss whose plural ends in -ies: a consonant, then y (company, library, dependency).
const IES_GLOSS = /^[a-z]{2,}[b-df-hj-np-tv-xz]y$/;

/**
 * The words that count as a given word in one corpus — its CC-CEDICT synonyms (Chinese words sharing a
 * one-word English gloss) and translations (English ↔ Chinese), restricted to words the corpus uses —
 * computed for every question word that has any, and written to the index (lexicon.json). General
 * vocabulary only: corpus-specific names come from the corpus's glossary; a word neither the corpus
 * nor the dictionary knows may be a name with one slip, which the server matches through the readings.
 */

const CJK = new RegExp(`[${CJK_UNIFIED_RANGE}]`);
// More alternatives than this and the word means everything: keep the first (dictionary order).
const MAX_ALTERNATIVES = 12;
// A derivation's stems and the letters it shares with its word (see the loop over derivations below).
const MIN_DERIVED = 5;

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

/** The corpus words that count as `word` (a dictionary word or a stemmed gloss), best first. */
function alternativesOf(
  word: string,
  cedict: Cedict,
  vocab: ReadonlySet<string>,
  derived: ReadonlyMap<string, string[]>,
  countingWords: ReadonlySet<string>,
): string[] {
  const usable = (w: string) => w !== word && vocab.has(w) && (w.length >= 2 || !CJK.test(w));
  const found = new Set<string>();
  // A gloss the corpus writes only derived ("to connect" → connection, "secure" → security) translates into those words.
  const addGloss = (gloss: string) => {
    if (usable(gloss)) found.add(gloss);
    else for (const w of derived.get(gloss) ?? []) if (usable(w)) found.add(w);
  };
  if (CJK.test(word)) {
    const glosses = cedict.glossesOf.get(word) ?? [];
    for (const gloss of glosses) {
      addGloss(gloss);
      // A one-character word ("名", "大") has too many senses to have synonyms.
      if (word.length < 2) continue;
      for (const w of cedict.wordsFor.get(gloss) ?? []) if (usable(w) && sameSense(glosses, cedict.glossesOf.get(w) ?? [])) found.add(w);
    }
    // The heads of its longer glosses ("季度": quarter of a year → quarter) translate after the one-word glosses.
    for (const head of cedict.headsOf.get(word) ?? []) addGloss(head);
  } else {
    // A phrase ("first quarter") translates only as a whole.
    for (const w of cedict.wordsForPhrase.get(word) ?? []) if (usable(w)) found.add(w);
    for (const w of cedict.wordsFor.get(word) ?? []) if (usable(w)) found.add(w);
    for (const w of cedict.wordsForHead.get(word) ?? []) if (usable(w)) found.add(w);
    // A counted noun ("rounds" of "how many funding rounds") translates into the measure word the corpus counts it with
    // ("8 轮融资"): one character, but only one the corpus writes after a number, not every sense the character has.
    for (const w of cedict.measuresFor.get(word) ?? []) if (countingWords.has(w) && vocab.has(w)) found.add(w);
    // Nothing the corpus writes is glossed by it: what one entry lists beside it ("Chinese" → "China" → 中国).
    if (found.size === 0) for (const other of cedict.sameEntry.get(word) ?? []) for (const w of cedict.wordsFor.get(other) ?? []) if (usable(w)) found.add(w);
  }
  return [...found].slice(0, MAX_ALTERNATIVES);
}

/**
 * The lexicon file of an index whose vocabulary (vocab.json, bigrams `~…` included) is `vocab`. Every word
 * that can have alternatives is a key of the restricted dictionary: a Chinese word with a sense the corpus
 * has, or a gloss of one. `dictionaryText` is CC-CEDICT's data file (tests pass a few entries); `countingWords` the
 * characters the corpus writes right after a number (measuresAfterNumbers).
 */
export function buildLexiconFile(
  vocab: readonly string[],
  dictionaryText = readCedictText(),
  countingWords: ReadonlySet<string> = new Set(),
  derivations: ReadonlyMap<string, readonly string[]> = wordnetDerivations(),
): LexiconFile {
  const words = new Set(vocab.filter((t) => !t.startsWith('~')));
  const idOf = new Map<string, number>();
  vocab.forEach((t, i) => idOf.set(t, i));
  // The corpus's derived English words by base ("connection" under connect): glosses are base forms.
  const derived = new Map<string, string[]>();
  for (const w of words) for (const base of derivationalBases(w)) derived.set(base, [...(derived.get(base) ?? []), w]);
  const cedict = loadCedict((w) => words.has(w) || derived.has(w), dictionaryText);
  const alternatives: Record<string, number[]> = {};
  const keys = new Set([
    ...cedict.glossesOf.keys(),
    ...cedict.headsOf.keys(),
    ...cedict.wordsFor.keys(),
    ...cedict.wordsForHead.keys(),
    ...cedict.wordsForPhrase.keys(),
    ...cedict.sameEntry.keys(),
  ]);
  for (const key of keys) {
    if (Object.hasOwn(alternatives, key)) continue;
    const found = alternativesOf(key, cedict, words, derived, countingWords);
    if (found.length > 0) alternatives[key] = found.map((w) => idOf.get(w)!);
  }
  // A plural in -ies is stemmed to what its dictionary form lacks the y of ("companies" → compan, glossed "company"):
  // that stem translates as the gloss does, unless it is a dictionary word of its own ("parties" → part, "hairy" → hair).
  for (const key of Object.keys(alternatives)) {
    if (!IES_GLOSS.test(key)) continue;
    const stem = key.slice(0, -1);
    if (!cedict.glossStems.has(stem) && !Object.hasOwn(alternatives, stem)) alternatives[stem] = alternatives[key];
  }
  // An English word the corpus does not write whose WordNet derivation it does ("submits" → submission, "creator" →
  // create, "notifications" → notify): after what CC-CEDICT relates the word to. Keyed and matched as the tokenizer
  // stems, as every English key is. Only a derivation spelled like the word (their first five letters the same: not
  // "industry" — "diligent", "continent" — "contain"), never to a function word, and stems of five letters or more
  // ("sensor" → sens, "serial" → seri would be other words, and a short alternative matches inside longer ones).
  for (const [word, related] of derivations) {
    const key = stemLatin(word);
    if (key.length < MIN_DERIVED || words.has(key)) continue;
    const ids: number[] = [];
    for (const r of related) {
      const target = stemLatin(r);
      if (target.length >= MIN_DERIVED && target !== key && r.slice(0, MIN_DERIVED) === word.slice(0, MIN_DERIVED) && words.has(target) && !ENGLISH_FUNCTION_WORDS.has(target)) ids.push(idOf.get(target)!);
    }
    // (A key such as "constructor" is no own entry of a plain object until one is set.)
    if (ids.length) alternatives[key] = [...new Set([...(Object.hasOwn(alternatives, key) ? alternatives[key] : []), ...ids])].slice(0, MAX_ALTERNATIVES);
  }
  // Phrases only for a word that has no one-word translation into the corpus's words: they are the less specific match.
  const phrases: Record<string, string[]> = {};
  // And only for a noun (软盘 "floppy disk", 错误信息 "error message"): a verb's or an adjective's gloss of several
  // words describes it (现有 "currently available"), it is not how English names the thing.
  for (const [word, list] of cedict.phrasesOf) {
    if (!(alternatives[word] ?? []).some((id) => !CJK.test(vocab[id])) && phrasingWords(word).size === 0) phrases[word] = list.slice(0, MAX_ALTERNATIVES);
  }
  const readings: Record<string, string> = {};
  for (const [char, syllable] of cedictReadings(dictionaryText)) readings[syllable] = (readings[syllable] ?? '') + char;
  return { source: `cc-cedict ${cedictVersion()}`, alternatives, readings, phrases };
}

const HAN_AFTER_NUMBER = new RegExp(`\\d\\s*([${CJK_UNIFIED_RANGE}])`, 'g');

/** The characters the texts write right after a number ("8 轮融资" → 轮, "1126 名" → 名): the measure words they count with. */
export function measuresAfterNumbers(texts: Iterable<string>): Set<string> {
  const found = new Set<string>();
  // (Read as the vocabulary is: simplified characters, numerals and full-width digits made digits, "三輪" → 3轮.)
  for (const text of texts) for (const m of normalizeForMatching(text).matchAll(HAN_AFTER_NUMBER)) found.add(m[1]);
  return found;
}
