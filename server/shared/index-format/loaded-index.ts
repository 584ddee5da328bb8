import type { HierarchicalNSW } from 'hnswlib-node';
import type { LexiconFile } from './lexicon-file.js';
import type { ChunkTuple, Manifest, SentenceTuple, StoredDocument } from './index-format.js';
import type { TermTable } from './term-table.js';
import { joinWrappedLines } from '../text/line-joins.js';

/** The whole index in memory, loaded once at start-up (see load-index.ts). */
export interface LoadedIndex {
  dir: string;
  manifest: Manifest;
  documents: StoredDocument[];
  documentById: ReadonlyMap<string, StoredDocument>;
  chunks: ChunkTuple[];
  sentences: SentenceTuple[];
  /** Token ids per sentence. */
  terms: TermTable;
  vocab: string[];
  /** Synonyms, translations and pinyin of the corpus's words (ids into vocab). */
  lexicon: LexiconFile;
  vectors: HierarchicalNSW;
}

export function sentenceText(index: LoadedIndex, sentence: number): string {
  const [doc, start, end] = index.sentences[sentence];
  return index.documents[doc].text.slice(start, end);
}

/**
 * The sentence as read: a hard-wrapped line break inside it joined (line-joins.ts), so that what reads its shape — an
 * announcement's "as follows.", a Chinese 如下 — is not cut by the wrap ("as\n    follows."). Offsets stay the
 * original's (sentenceText); this is the text candidates carry and answers quote.
 */
export function sentenceAsRead(index: LoadedIndex, sentence: number): string {
  return joinWrappedLines(sentenceText(index, sentence));
}

/**
 * The sentence of document `doc` that holds `offset`, or undefined. Binary search: ingest writes the sentences document
 * by document, each document's in text order (ingest/segment-corpus.ts).
 */
export function sentenceAt(index: LoadedIndex, doc: number, offset: number): number | undefined {
  let lo = 0;
  let hi = index.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [d, start, end] = index.sentences[mid];
    if (d < doc || (d === doc && end <= offset)) lo = mid + 1;
    else if (d > doc || start > offset) hi = mid - 1;
    else return mid;
  }
  return undefined;
}
