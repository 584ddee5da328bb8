/**
 * Which characters and which pairs of adjacent characters a text holds, each hashed into 1024 bits: a word
 * with a character or a pair the text lacks is not in it, which rules out most (word, sentence) pairs
 * without a substring search — pairs for English, where nearly every letter is in every sentence.
 * Exact: only ever a certain "no".
 */
export type CharMask = Int32Array;

const PAIR_BITS = 1024;
const pairBit = (a: number, b: number) => PAIR_BITS + ((Math.imul(a, 31) + b) & 1023);

export function charMaskOf(text: string): CharMask {
  const mask = new Int32Array(64);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const bit = c & 1023;
    mask[bit >> 5] |= 1 << (bit & 31);
    if (i > 0) {
      const pair = pairBit(text.charCodeAt(i - 1), c);
      mask[pair >> 5] |= 1 << (pair & 31);
    }
  }
  return mask;
}

/**
 * Whether the mask lacks a character or an adjacent pair of the word (then the text cannot contain it);
 * with `charsOnly`, a character (the text cannot contain them all, adjacent or not).
 */
export function lacksChar(mask: CharMask, word: string, charsOnly = false): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const bit = c & 1023;
    if ((mask[bit >> 5] & (1 << (bit & 31))) === 0) return true;
    if (i > 0 && !charsOnly) {
      const pair = pairBit(word.charCodeAt(i - 1), c);
      if ((mask[pair >> 5] & (1 << (pair & 31))) === 0) return true;
    }
  }
  return false;
}
