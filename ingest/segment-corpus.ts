import type { ChunkTuple, SentenceTuple } from '../server/shared/index-format/index-format.js';
import { TermTableBuilder } from '../server/shared/index-format/term-table.js';
import { tokenize } from '../server/shared/text/tokenizer.js';
import { joinWrappedLines } from '../server/shared/text/line-joins.js';
import { chunkParagraphs, type ChunkOptions } from './chunker.js';
import type { CorpusDocument } from './load-corpus.js';
import { splitParagraphs } from './sentence-splitter.js';

/** Every document cut into sentences and chunks (exact offsets), with the tokens of each sentence. */
export interface SegmentedCorpus {
  chunks: ChunkTuple[];
  sentences: SentenceTuple[];
  terms: TermTableBuilder;
  /** Per chunk: its sentences' tokens, in order (what the local embedder embeds). */
  chunkTokens: string[][];
  chunkTexts: string[];
  /** Per document: how many chunks, and the index of its first chunk (a document's chunks are consecutive). */
  chunkCount: number[];
  firstChunk: number[];
  sentenceCount: number[];
}

export function segmentCorpus(docs: CorpusDocument[], options: ChunkOptions): SegmentedCorpus {
  const out: SegmentedCorpus = {
    chunks: [],
    sentences: [],
    terms: new TermTableBuilder(),
    chunkTokens: [],
    chunkTexts: [],
    chunkCount: [],
    firstChunk: [],
    sentenceCount: [],
  };
  docs.forEach((doc, docIndex) => {
    const chunks = chunkParagraphs(splitParagraphs(doc.text, doc.contentEnd, { labels: doc.format === 'txt', codeBlocks: doc.codeBlocks }), options);
    out.firstChunk.push(out.chunks.length);
    out.chunkCount.push(chunks.length);
    out.sentenceCount.push(chunks.reduce((n, c) => n + c.sentences.length, 0));
    for (const chunk of chunks) {
      const chunkIndex = out.chunks.length;
      out.chunks.push([docIndex, chunk.start, chunk.end, out.sentences.length, chunk.sentences.length]);
      const tokens: string[] = [];
      for (const s of chunk.sentences) {
        const sentenceTokens = tokenize(joinWrappedLines(doc.text.slice(s.start, s.end)));
        out.terms.add(sentenceTokens);
        tokens.push(...sentenceTokens);
        out.sentences.push([docIndex, s.start, s.end, chunkIndex]);
      }
      out.chunkTokens.push(tokens);
      out.chunkTexts.push(doc.text.slice(chunk.start, chunk.end));
    }
  });
  return out;
}
