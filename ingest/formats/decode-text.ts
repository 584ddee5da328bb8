import chardet from 'chardet';
import iconv from 'iconv-lite';
import { ExtractionError } from './extraction-error.js';

/** More than this share of replacement or control characters after decoding: not a text file. */
export const MAX_INVALID_SHARE = 0.01;
/** Encoding detection looks at this much of the file (chardet is linear, but 20 MB is slow for nothing). */
const SAMPLE_BYTES = 1 << 20;

export interface DecodedText {
  text: string;
  encoding: string;
}

const INVALID = /[\ufffd\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]/g;

function invalidShare(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  for (const _ of text.matchAll(INVALID)) n++;
  return n / text.length;
}

/** UTF-16 without a BOM shows as NUL bytes in every other position (ASCII and most BMP text). */
function utf16Guess(buf: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(buf.length, 65_536) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero / pairs > 0.3 && evenZero / pairs < 0.05) return 'utf-16le';
  if (evenZero / pairs > 0.3 && oddZero / pairs < 0.05) return 'utf-16be';
  return undefined;
}

function decodeWith(buf: Buffer, encoding: string): string {
  return iconv.decode(buf, encoding, { stripBOM: true });
}

function checked(text: string, encoding: string): DecodedText {
  const share = invalidShare(text);
  if (share > MAX_INVALID_SHARE) {
    throw new ExtractionError('binary', `not a text file: ${(share * 100).toFixed(1)}% of its characters are invalid or control characters (decoded as ${encoding})`);
  }
  if (text.trim() === '') throw new ExtractionError('empty', 'the file has no text');
  return { text: text.replace(/\r\n?/g, '\n'), encoding };
}

/**
 * Bytes → text in whatever encoding they are in: a BOM first (UTF-8, UTF-16), then strict UTF-8, then
 * chardet's candidates (GB18030, Big5, Shift_JIS, windows-125x, ...) decoded with iconv-lite, keeping
 * the one with the fewest invalid characters. NUL bytes outside UTF-16, or more than 1% invalid
 * characters after decoding, mean a binary file (an ExtractionError, never mojibake in the index).
 * CRLF and CR line ends become LF, so offsets are the same whatever system wrote the file.
 */
export function decodeText(buf: Buffer): DecodedText {
  if (buf.length === 0) throw new ExtractionError('empty', 'the file is empty (0 bytes)');
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return checked(decodeWith(buf, 'utf-8'), 'UTF-8 (BOM)');
  if (buf[0] === 0xff && buf[1] === 0xfe) return checked(decodeWith(buf, 'utf-16le'), 'UTF-16LE');
  if (buf[0] === 0xfe && buf[1] === 0xff) return checked(decodeWith(buf, 'utf-16be'), 'UTF-16BE');
  if (buf.includes(0)) {
    const utf16 = utf16Guess(buf);
    if (!utf16) throw new ExtractionError('binary', 'not a text file: it contains NUL bytes');
    return checked(decodeWith(buf, utf16), utf16.toUpperCase());
  }
  try {
    return checked(new TextDecoder('utf-8', { fatal: true }).decode(buf), 'UTF-8');
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
  }
  const sample = buf.subarray(0, SAMPLE_BYTES);
  const candidates = chardet
    .analyse(sample)
    .filter((c) => c.confidence >= 10 && iconv.encodingExists(c.name))
    .map((c) => c.name);
  let best: { encoding: string; share: number } = { encoding: 'UTF-8', share: invalidShare(sample.toString('utf8')) };
  for (const encoding of candidates) {
    const share = invalidShare(decodeWith(sample, encoding));
    if (share < best.share) best = { encoding, share };
  }
  return checked(decodeWith(buf, best.encoding), best.encoding);
}
