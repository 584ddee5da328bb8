import type { LoadedIndex } from '../shared/index-format/loaded-index.js';

/**
 * BM25F-like fields of a chunk for the keyword search (bm25-index.ts): the section heading over its sentences
 * and its document's title line, when they are not in the chunk itself. A manual's code line, table row or
 * option block says the answer and its heading says the topic ("Kernel log levels" over "|0 |KERN_EMERG"),
 * and a man page's name ("CHMOD(1)") is said once, in its title: without the fields, a question naming the
 * topic finds the heading's chunk, not the chunk under it. A field's words add `weight` × their count to the
 * chunk's term frequencies before saturation; document frequencies stay the chunks' own words (the term
 * statistics every question's weights come from are unchanged). Weights fitted by `npm run fit:bm25`.
 */
export interface ChunkFieldWeights {
  heading: number;
  title: number;
}

export const NO_CHUNK_FIELDS: ChunkFieldWeights = { heading: 0, title: 0 };

export interface ChunkFieldSources {
  /** The heading sentence of a sentence's section (-1: none). */
  headingOf: (sentence: number) => number;
  /** The title line of a sentence's document (-1: none). */
  titleOf: (sentence: number) => number;
}

/** The field sentences of one chunk with their weights: each distinct heading outside the chunk, then the title. */
export function chunkFields(index: Pick<LoadedIndex, 'chunks'>, chunk: number, sources: ChunkFieldSources, weights: ChunkFieldWeights): Array<{ sentence: number; weight: number }> {
  const [, , , first, count] = index.chunks[chunk];
  const inside = (s: number) => s >= first && s < first + count;
  const out: Array<{ sentence: number; weight: number }> = [];
  const seen = new Set<number>();
  if (weights.heading > 0) {
    for (let s = first; s < first + count; s++) {
      const h = sources.headingOf(s);
      if (h < 0 || inside(h) || seen.has(h)) continue;
      seen.add(h);
      out.push({ sentence: h, weight: weights.heading });
    }
  }
  if (weights.title > 0) {
    const t = sources.titleOf(first);
    if (t >= 0 && !inside(t) && !seen.has(t)) out.push({ sentence: t, weight: weights.title });
  }
  return out;
}
