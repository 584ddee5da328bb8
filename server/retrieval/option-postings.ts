import type { LoadedIndex } from '../shared/index-format/loaded-index.js';

/**
 * Command-line options as written ("--from", "-D", "--strip-components"), for the first stage: the tokenizer keeps
 * an option's words only ("from" is a stop word, "-D" becomes "d"), so a question that names an option finds
 * every chunk about its command instead of the one that documents it. A one-letter option keeps its case (-d and
 * -D differ); a long one is lower-cased. An option is a dash or two after a space, bracket, quote or line start,
 * then a letter: not a hyphenated word (non-free) nor a negative number (-6000).
 */
const OPTION = /(?<![\w\-./])(--?)([A-Za-z][\w-]*)/g;

export function optionsIn(text: string): string[] {
  const out = new Set<string>();
  for (const [, dashes, written] of text.matchAll(OPTION)) {
    let name = written.replace(/-+$/, '');
    // A one-letter option with its value attached ("-f3", "-n5") is that letter's option.
    if (dashes === '-' && /^[A-Za-z]\d/.test(name)) name = name[0];
    out.add(dashes + (name.length === 1 ? name : name.toLowerCase()));
  }
  return [...out];
}

export interface OptionPostings {
  /** The chunks that name `option`, ascending. */
  chunksOf(option: string): readonly number[];
  chunkCount: number;
}

/** Every chunk's options, found once per loaded index (one regex pass over the chunks' text). */
export function buildOptionPostings(index: Pick<LoadedIndex, 'chunks' | 'documents'>): OptionPostings {
  const postings = new Map<string, number[]>();
  index.chunks.forEach(([doc, start, end], c) => {
    for (const option of optionsIn(index.documents[doc].text.slice(start, end))) {
      let list = postings.get(option);
      if (!list) postings.set(option, (list = []));
      list.push(c);
    }
  });
  return { chunksOf: (option) => postings.get(option) ?? [], chunkCount: index.chunks.length };
}

/**
 * The chunks that name the options a question names, best first: more of the asked options, then rarer ones
 * (summed IDF), then the lower chunk number. Empty when the question names none.
 */
export function rankByOptions(postings: OptionPostings, question: string, depth: number): number[] {
  const asked = optionsIn(question);
  if (!asked.length) return [];
  const score = new Map<number, { count: number; idf: number }>();
  for (const option of asked) {
    const chunks = postings.chunksOf(option);
    if (!chunks.length) continue;
    const idf = Math.log(1 + (postings.chunkCount - chunks.length + 0.5) / (chunks.length + 0.5));
    for (const c of chunks) {
      const s = score.get(c) ?? { count: 0, idf: 0 };
      s.count++;
      s.idf += idf;
      score.set(c, s);
    }
  }
  return [...score]
    .sort((a, b) => b[1].count - a[1].count || b[1].idf - a[1].idf || a[0] - b[0])
    .slice(0, depth)
    .map(([c]) => c);
}
