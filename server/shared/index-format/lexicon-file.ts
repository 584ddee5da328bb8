import { IndexProblem } from './index-validation.js';

/**
 * lexicon.json: the share of CC-CEDICT (data CC BY-SA 4.0, © MDBG and the CC-CEDICT contributors) that
 * one corpus can use, computed by ingest (ingest/lexicon/build-lexicon.ts) so that no question has to
 * parse the 9 MB dictionary (~250 ms and ~60 MB of garbage on the first question, issue 14).
 *
 * It is a table of answers, not a dictionary: every question word the dictionary relates to a corpus
 * word is a key, whether or not the corpus uses it — "employee" and 雇员 map to 员工 over a corpus that
 * only says 员工. Chinese keys are simplified words; English keys are stemmed the way the tokenizer stems, a
 * phrase's words joined by one space ("first quarter" → 第一季度).
 */
export interface LexiconFile {
  /** The dictionary it was computed from (name and package version). */
  source: string;
  /** Question word → ids (into vocab.json) of the corpus words that count as it, in the order they are tried. */
  alternatives: Record<string, number[]>;
  /**
   * Toneless pinyin → the characters read that way (each character under its most frequent reading), for
   * homophone typos and romanised names (lexicon/near-names.ts). Every character of the dictionary is
   * here, not only the corpus's: a typo is by definition a character the corpus lacks.
   */
  readings: Record<string, string>;
  /**
   * A Chinese word → English phrases of its CC-CEDICT glosses whose words the corpus all uses, as the tokenizer
   * reads them (stemmed, one space between words): "软盘" → ["floppy disk"]. Tried after its one-word translations;
   * matched as the words written together. Optional: an index written before it has none.
   */
  phrases?: Record<string, string[]>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Shape and ids of a parsed lexicon file, checked in one loop (a zod schema over tens of thousands of
 * keys would cost more than the parse). Throws an IndexProblem naming the file and the first bad entry.
 */
export function checkLexicon(file: string, value: unknown, vocabSize: number): LexiconFile {
  const bad = (why: string) => new IndexProblem(file, `has an invalid shape (${why})`);
  if (!isRecord(value)) throw bad('(top level): expected an object');
  if (typeof value.source !== 'string') throw bad('source: expected a string');
  if (!isRecord(value.alternatives)) throw bad('alternatives: expected an object');
  if (!isRecord(value.readings)) throw bad('readings: expected an object');
  for (const [word, ids] of Object.entries(value.alternatives)) {
    if (!Array.isArray(ids) || ids.length === 0) throw bad(`alternatives.${word}: expected a non-empty array of token ids`);
    for (const id of ids) {
      if (!Number.isInteger(id) || (id as number) < 0) throw bad(`alternatives.${word}: expected token ids`);
      if ((id as number) >= vocabSize) throw new IndexProblem(file, `uses token id ${id as number} for "${word}", vocab.json has ${vocabSize} tokens`);
    }
  }
  if (value.phrases !== undefined) {
    if (!isRecord(value.phrases)) throw bad('phrases: expected an object');
    for (const [word, list] of Object.entries(value.phrases)) {
      if (!Array.isArray(list) || list.length === 0 || !list.every((p) => typeof p === 'string' && /^[a-z0-9-]+(?: [a-z0-9-]+){1,2}$/.test(p))) throw bad(`phrases.${word}: expected English phrases`);
    }
  }
  for (const [syllable, chars] of Object.entries(value.readings)) {
    if (!/^[a-z]*$/.test(syllable) || typeof chars !== 'string') throw bad(`readings.${syllable}: expected a pinyin syllable and its characters`);
  }
  return value as unknown as LexiconFile;
}

/** The file's bytes: one line per entry would only add size; JSON parses faster than anything hand-made here. */
export const encodeLexicon = (lexicon: LexiconFile): Buffer => Buffer.from(JSON.stringify(lexicon));
