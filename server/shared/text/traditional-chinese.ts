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
const escape = (s: string) => s.replace(/[\\\]\[^-]/g, '\\$&');
const CONVERTIBLE = new RegExp(
  `[${escape([...traditional].join(''))}\\u{f900}-\\u{faff}\\u{2f800}-\\u{2fa1f}]${phrases.length ? `|${phrases.join('|')}` : ''}`,
  'u',
);

let convert: ((text: string) => string) | undefined;

function loadConverter(): (text: string) => string {
  // The small t→cn build (110 KB), not the package's default one that also carries cn→t's 1 MB of phrases.
  const OpenCC = createRequire(import.meta.url)('opencc-js/t2cn') as typeof import('opencc-js');
  return OpenCC.Converter({ from: 't', to: 'cn' });
}

/** Whether the text holds anything the converter would change. */
export const hasTraditional = (text: string): boolean => CONVERTIBLE.test(text);

export function toSimplified(text: string): string {
  if (!CONVERTIBLE.test(text)) return text;
  convert ??= loadConverter();
  return convert(text);
}
