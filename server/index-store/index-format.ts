/**
 * On-disk layout of the index directory. Written only by ingest/, read by the server.
 *
 *   manifest.json   what built it (embedder + fitted params), per-document hashes, file checksums
 *   manifest.sha256 the manifest's own checksum (`sha256sum -c` format), written last
 *   documents.json  raw text of every indexed document (served by /api/documents, the source of quotes)
 *   segments.json   chunks and sentences as [docIndex, start, end, ...] offset tuples into the raw text
 *   terms.bin       per-sentence token ids (for BM25 and sentence scoring), see term-table.ts
 *   vocab.json      token strings for the ids in terms.bin
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
  vectors: 'vectors.hnsw',
} as const;

export interface EmbedderInfo {
  /** e.g. "local-lexical-v1" or "openai:text-embedding-3-small". */
  name: string;
  dimensions: number;
  /** Fitted parameters (the local embedder's IDF table lives here). */
  params?: Record<string, unknown>;
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
}

/** [docIndex, start, end, firstSentence, sentenceCount] */
export type ChunkTuple = [number, number, number, number, number];
/** [docIndex, start, end, chunkIndex] */
export type SentenceTuple = [number, number, number, number];

export interface Segments {
  chunks: ChunkTuple[];
  sentences: SentenceTuple[];
}
