/**
 * On-disk layout of the index directory. Written only by ingest/, read by the server.
 *
 *   manifest.json   what built it (embedder + fitted params), per-document hashes, file checksums
 *   manifest.sha256 the manifest's own checksum (`sha256sum -c` format), written last
 *   documents.json  extracted text of every indexed document, with its format, headings, code blocks and pages
 *                   (served by /api/documents, the source of quotes)
 *   segments.json   chunks and sentences as [docIndex, start, end, ...] offset tuples into the raw text
 *   terms.bin       per-sentence token ids (for BM25 and sentence scoring), see term-table.ts
 *   vocab.json      token strings for the ids in terms.bin
 *   lexicon.json    the corpus's share of CC-CEDICT: synonyms, translations, pinyin (see lexicon-file.ts)
 *   vectors.hnsw    hnswlib-node index, label = chunk index
 */
export const INDEX_FORMAT_VERSION = 1;

export const INDEX_FILES = {
  manifest: 'manifest.json',
  manifestChecksum: 'manifest.sha256',
  documents: 'documents.json',
  segments: 'segments.json',
  terms: 'terms.bin',
  vocab: 'vocab.json',
  lexicon: 'lexicon.json',
  vectors: 'vectors.hnsw',
} as const;

export interface EmbedderInfo {
  /** e.g. "local-lexical-v1" or "openai:text-embedding-3-small". */
  name: string;
  dimensions: number;
  /** Fitted parameters (the local embedder's IDF table lives here). */
  params?: Record<string, unknown>;
}

/** txt, md, html, pdf, docx (see ingest/formats/). Indexes built before formats existed hold only txt/md. */
export type StoredFormat = 'txt' | 'md' | 'html' | 'pdf' | 'docx';

/** A range of the extracted text under one heading path (outermost heading first). */
export interface StoredHeading {
  start: number;
  end: number;
  path: string[];
  /** The innermost heading is a definition list's term (an HTML <dt>), not a section's title. */
  term?: true;
}

/** The range of the extracted text printed on one PDF page (1-based). */
export interface StoredPage {
  page: number;
  start: number;
  end: number;
}

export interface ManifestDocument {
  docId: string;
  source: string;
  title: string;
  date: string | null;
  /** sha256 of the raw file bytes. */
  hash: string;
  chunkCount: number;
  sentenceCount: number;
  format?: StoredFormat;
  /** Size of the file in bytes. */
  bytes?: number;
  /** When these bytes were first ingested (kept across re-ingests while the file is unchanged). */
  ingestedAt?: string;
}

/** A corpus file the ingest could not read, and why; the hash lets `npm start` see it is unchanged. */
export interface ManifestSkippedFile {
  source: string;
  reason: string;
  hash?: string;
  bytes: number;
}

export interface Manifest {
  formatVersion: number;
  createdAt: string;
  embedder: EmbedderInfo;
  /** How documents were split and tokenized; vectors are only reused from an index with the same pipeline. */
  pipeline: { version: number; chunk: { maxChars: number; minChars: number } };
  hnsw: { space: 'cosine'; m: number; efConstruction: number; efSearch: number };
  counts: { documents: number; chunks: number; sentences: number };
  documents: ManifestDocument[];
  /** Files of the corpus that were not indexed (absent in indexes built before formats existed). */
  skipped?: ManifestSkippedFile[];
  /** sha256 and size of every other file, so a truncated or corrupted index is caught at load. */
  files: Record<string, { sha256: string; bytes: number }>;
}

export interface StoredDocument {
  docId: string;
  source: string;
  title: string;
  date: string | null;
  hash: string;
  text: string;
  format?: StoredFormat;
  headings?: StoredHeading[];
  /** [start, end) ranges of code the format marked (HTML <pre>, Markdown code blocks), sorted and disjoint. */
  codeBlocks?: Array<{ start: number; end: number }>;
  pages?: StoredPage[];
}

/** [docIndex, start, end, firstSentence, sentenceCount] */
export type ChunkTuple = [number, number, number, number, number];
/** [docIndex, start, end, chunkIndex] */
export type SentenceTuple = [number, number, number, number];

export interface Segments {
  chunks: ChunkTuple[];
  sentences: SentenceTuple[];
}
