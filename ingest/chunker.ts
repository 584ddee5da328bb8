import type { Paragraph, Span } from './sentence-splitter.js';

export interface Chunk extends Span {
  sentences: Span[];
}

export interface ChunkOptions {
  /** Chunks grow sentence by sentence up to this many characters (a longer single sentence stays whole). */
  maxChars: number;
  /** Paragraphs shorter than this (headings, bylines) join the following paragraph's first chunk. */
  minChars: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { maxChars: 320, minChars: 60 };

/**
 * Groups sentences into chunks on sentence boundaries, never splitting a sentence, preferring
 * paragraph boundaries; a short paragraph is carried into the next chunk so headings keep context.
 */
export function chunkParagraphs(paragraphs: Paragraph[], options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Span[] = [];
  let currentChars = 0;

  const flush = () => {
    if (current.length === 0) return;
    chunks.push({ start: current[0].start, end: current[current.length - 1].end, sentences: current });
    current = [];
    currentChars = 0;
  };

  for (const paragraph of paragraphs) {
    for (const sentence of paragraph.sentences) {
      const length = sentence.end - sentence.start;
      if (currentChars > 0 && currentChars + length > options.maxChars) flush();
      current.push(sentence);
      currentChars += length;
    }
    if (currentChars >= options.minChars) flush();
  }
  flush();
  return chunks;
}
