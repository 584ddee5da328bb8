import { createRequire } from 'node:module';
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import TS_PHRASES from 'opencc-js/dict/TSPhrases';

/**
 * Traditional → Simplified Chinese (opencc-js, OpenCC's dictionaries), applied to corpus and questions
 * alike, so "摩爾線程有多少員工" matches an article written in simplified characters and vice versa.
 *
 * The converter (its dictionaries built into tries: ~15 ms and several MB) is loaded at the first text
 * that holds something it would change. What it can change is read from the same OpenCC dictionaries it
 * converts with: every traditional character (TSCharacters), the phrases whose conversion changes a
 * character that is not one of those (反覆 → 反复; TSPhrases), and the CJK compatibility ideographs.
 * For any other text the conversion is the identity, so skipping it changes nothing
 * (tests/unit/traditional-chinese.test.ts checks this against the converter, character by character).
 */
const entries = (dict: string) => dict.split('|').map((entry) => entry.split(' '));
const traditional = new Set(entries(TS_CHARACTERS).map(([from]) => from));
const phrases = entries(TS_PHRASES)
  .filter(([from, ...to]) => to.some((t) => [...from].some((c, i) => c !== [...t][i] && !traditional.has(c))))
  .map(([from]) => from);

/**
 * Whether a text holds one of those — a traditional character, a compatibility ideograph, or one of the phrases —
 * found by table rather than by one pattern (its class of ~3,500 characters and ~480 phrase alternatives cost
 * ~2 µs on a short question, and every text normalised for matching is tested): a flag per BMP code unit for
 * the characters, a set for the astral ones, and at each code unit the phrases that start with it.
 */
const CLASS_CHAR = 1;
const PHRASE_START = 2;
const flags = new Uint8Array(0x10000);
const astral = new Set<number>();
const phrasesFrom = new Map<number, string[]>();
for (const phrase of phrases) {
  const first = phrase.charCodeAt(0);
  flags[first] |= PHRASE_START;
  const list = phrasesFrom.get(first);
  if (list) list.push(phrase);
  else phrasesFrom.set(first, [phrase]);
}
// (Every code point the class was written with, as the pattern's class reads them.)
for (const entry of traditional) {
  for (const c of entry) {
    const cp = c.codePointAt(0)!;
    if (cp <= 0xffff) flags[cp] |= CLASS_CHAR;
    else astral.add(cp);
  }
}
for (let cp = 0xf900; cp <= 0xfaff; cp++) flags[cp] |= CLASS_CHAR;

function convertible(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const flag = flags[unit];
    if (flag & CLASS_CHAR) return true;
    // A surrogate pair: an astral traditional character, or a compatibility ideograph of the supplement.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff && (astral.has(cp) || (cp >= 0x2f800 && cp <= 0x2fa1f))) return true;
    }
    if (flag & PHRASE_START) for (const phrase of phrasesFrom.get(unit)!) if (text.startsWith(phrase, i)) return true;
  }
  return false;
}

let convert: ((text: string) => string) | undefined;

function loadConverter(): (text: string) => string {
  // The small t→cn build (110 KB), not the package's default one that also carries cn→t's 1 MB of phrases.
  const OpenCC = createRequire(import.meta.url)('opencc-js/t2cn') as typeof import('opencc-js');
  return OpenCC.Converter({ from: 't', to: 'cn' });
}

/** Whether the text holds anything the converter would change. */
export const hasTraditional = (text: string): boolean => convertible(text);

export function toSimplified(text: string): string {
  if (!convertible(text)) return text;
  convert ??= loadConverter();
  return convert(text);
}
