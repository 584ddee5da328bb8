/**
 * Toneless pinyin from CC-CEDICT's own readings, as the index's lexicon file lists them (syllable → the
 * characters read that way; see ingest/lexicon/cedict.ts for how a character's reading is chosen).
 */
export type Toneless = (word: string) => string;

/** "张建中" → "zhangjianzhong"; a character without a reading stands for itself. The table is built on first use. */
export function createToneless(readings: Readonly<Record<string, string>>): Toneless {
  let byChar: Map<string, string> | undefined;
  return (word) => {
    if (!byChar) {
      byChar = new Map();
      for (const [syllable, chars] of Object.entries(readings)) for (const c of chars) byChar.set(c, syllable);
    }
    return [...word].map((c) => byChar!.get(c) ?? c).join('');
  };
}
