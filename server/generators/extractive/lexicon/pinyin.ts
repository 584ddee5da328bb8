import { readFileSync } from 'node:fs';
import { dataFile } from './cedict.js';

/**
 * Toneless pinyin from CC-CEDICT's own readings (the dictionary the lexicon already uses). A character's
 * reading is the one it has most often across the dictionary's words (摩 is "mo" in 摩托, 摩擦, 摩尔…,
 * though its first single-character entry says "ma"). A native pinyin package was tried first, but its
 * per-platform binaries are not all on the registry, which breaks `npm ci`. Read once, lazily.
 */
let readings: Map<string, string> | undefined;

// An entry: ["traditional","simplified","pin1 yin1", …
const ENTRY = /\["(?:[^"\\]|\\.)*","([\u3400-\u9fff]+)","([^"]*)"/g;

function loadReadings(): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const m of readFileSync(dataFile(), 'utf8').matchAll(ENTRY)) {
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

/** Toneless pinyin of a Chinese word, syllables joined ("张建中" → "zhangjianzhong"). */
export function toneless(word: string): string {
  readings ??= loadReadings();
  return [...word].map((c) => readings!.get(c) ?? c).join('');
}
