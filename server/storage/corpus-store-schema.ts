/**
 * The shared corpus in PostgreSQL (with DATABASE_URL): the uploaded files, the corpus revision they make
 * up, and the index versions built from them. Timestamps are milliseconds since the epoch.
 */
import type { Generated } from 'kysely';

/** One document file as it was uploaded (or imported from CORPUS_DIR), keyed by its corpus-relative path. */
export interface CorpusFilesTable {
  source: string;
  content: Buffer;
  sha256: string;
  bytes: number;
  updated_at: number;
}

/**
 * A single row (id = 1): every change to corpus_files bumps `revision` in the same transaction, so
 * "the index is current" is `latest index_versions.corpus_revision >= revision`.
 */
export interface CorpusStateTable {
  id: number;
  revision: number;
  /** An ingest of this revision failed for a reason retrying cannot fix (not a killed writer); cleared by the next change. */
  failed_revision: number | null;
  failed_reason: string | null;
}

/** A published index: built by one writer from corpus revision `corpus_revision`. */
export interface IndexVersionsTable {
  version: Generated<number>;
  corpus_revision: number;
  /** sha256 of manifest.json: tells a replica whether its local copy is this version. */
  manifest_sha256: string;
  documents: number;
  chunks: number;
  built_by: string;
  created_at: number;
}

/** The files of an index version (manifest.json, documents.json, ..., vectors.hnsw), byte for byte. */
export interface IndexFilesTable {
  version: number;
  name: string;
  content: Buffer;
}

export interface CorpusDatabase {
  corpus_files: CorpusFilesTable;
  corpus_state: CorpusStateTable;
  index_versions: IndexVersionsTable;
  index_files: IndexFilesTable;
}
