import { pinyin } from '@napi-rs/pinyin';

/** Toneless pinyin of a Chinese word, syllables joined ("张建中" → "zhangjianzhong"). */
export function toneless(word: string): string {
  return pinyin(word, { style: 0 }).join('').toLowerCase();
}
