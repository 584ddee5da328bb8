/**
 * The shared corpus seen by every replica (implemented over PostgreSQL in pg-corpus-store.ts).
 * Files are the source of truth; index versions are derived from them by exactly one writer at a time.
 */

export interface CorpusFile {
  /** Corpus-relative path with forward slashes ("reports/q3.pdf"); the document id derives from it. */
  source: string;
  content: Buffer;
  sha256: string;
}

export interface CorpusFileEntry {
  source: string;
  sha256: string;
  bytes: number;
  updatedAt: number;
}

export interface PutOutcome {
  outcome: 'created' | 'replaced' | 'unchanged' | 'conflict';
  revision: number;
  previous?: Buffer;
}

export interface CorpusState {
  revision: number;
  failedRevision: number | null;
  failedReason: string | null;
}

export interface IndexVersion {
  version: number;
  corpusRevision: number;
  manifestSha256: string;
  documents: number;
  chunks: number;
  builtBy: string;
  createdAt: number;
}

export interface IndexFile {
  name: string;
  content: Buffer;
}

/** What the one writer may do while it holds the ingest lock. */
export interface IngestWriter {
  /** The files and the revision they make up, read in one snapshot. */
  snapshot(): Promise<{ revision: number; files: CorpusFile[] }>;
  /** Publishes an index built from `corpusRevision` (one transaction; every replica is notified). */
  publish(corpusRevision: number, files: IndexFile[], meta: { documents: number; chunks: number; manifestSha256: string }): Promise<IndexVersion>;
  /** Marks a revision as failing for a reason a retry cannot fix; a later change clears it. */
  recordFailure(corpusRevision: number, reason: string): Promise<void>;
}

export interface CorpusStore {
  /**
   * Adds a file, or replaces it when `replace` is set; atomic across replicas (two uploads of one name:
   * one creates, the other meets `conflict`). `revision` is the corpus revision that includes the outcome;
   * `previous` is the content a replacement overwrote (to put it back if the new one cannot be indexed).
   */
  putFile(source: string, content: Buffer, options?: { replace?: boolean }): Promise<PutOutcome>;
  /** Removes a file; returns the revision without it, or undefined when there was no such file. */
  deleteFile(source: string): Promise<number | undefined>;
  listFiles(): Promise<CorpusFileEntry[]>;
  /** Seeds an empty store (revision 0) with these files, once across all replicas; false when it was not empty. */
  importIfEmpty(files: Array<{ source: string; content: Buffer }>): Promise<boolean>;
  state(): Promise<CorpusState>;
  latestVersion(): Promise<IndexVersion | undefined>;
  versionFiles(version: number): Promise<IndexFile[]>;
  /** Runs `work` as the only ingest writer; undefined (at once) when another replica holds the lock. */
  asWriter<T>(work: (writer: IngestWriter) => Promise<T>): Promise<{ result: T } | undefined>;
  /** Calls `listener` when files change or a version is published, as soon as the database says so. */
  watch(listener: () => void): () => void;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A corpus-relative path that cannot escape the corpus directory when written out. */
export function isSafeSource(source: string): boolean {
  if (!source || source.length > 512 || source.startsWith('/') || source.includes('\\') || source.includes('\0')) return false;
  return source.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !part.startsWith('.'));
}
