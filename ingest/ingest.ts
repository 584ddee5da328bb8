import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import type { Config } from '../server/config.js';
import { createIngestEmbedder } from '../server/embeddings/create-embeddings.js';
import { INDEX_FORMAT_VERSION, type ManifestDocument, type StoredDocument } from '../server/index-store/index-format.js';
import { DEFAULT_CHUNK_OPTIONS, type ChunkOptions } from './chunker.js';
import { acquireIngestLock, type LockOwner } from './ingest-lock.js';
import { loadCorpus } from './load-corpus.js';
import { segmentCorpus } from './segment-corpus.js';
import { PIPELINE_VERSION, planVectorReuse } from './vector-reuse.js';
import { writeIndexAtomically, type WriteHooks } from './write-index.js';

export { PIPELINE_VERSION } from './vector-reuse.js';
export const HNSW_PARAMS = { m: 16, efConstruction: 48, efSearch: 128 };
const EMBED_BATCH = 256;
/** A second ingest waits this long for the first by default (a big corpus with remote embeddings takes minutes). */
export const DEFAULT_LOCK_WAIT_MS = 15 * 60 * 1000;

export interface IngestOptions {
  config: Config;
  /** Ignore the previous index: refit and re-embed everything. */
  full?: boolean;
  onProgress?: (phase: 'embed' | 'index', done: number, total: number) => void;
  hooks?: WriteHooks;
  chunkOptions?: ChunkOptions;
  /** How long to wait for another ingest of the same index; 0 = fail at once with IngestLockedError. */
  lockWaitMs?: number;
  /** Called when this run has to wait for another one. */
  onLockWait?: (owner: LockOwner | undefined) => void;
}

export interface IngestSummary {
  documents: number;
  chunks: number;
  sentences: number;
  embeddedChunks: number;
  reusedChunks: number;
  /** Documents (by docId) whose chunks were embedded in this run. */
  embeddedDocuments: string[];
  removedDocuments: string[];
  seconds: number;
  indexDir: string;
}

/** corpus/ → load, cut navigation, split, tokenize, embed (reusing unchanged documents), write atomically. */
export async function runIngest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { config } = options;
  await mkdir(path.dirname(path.resolve(config.indexDir)), { recursive: true });
  const lock = await acquireIngestLock(config.indexDir, { waitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS, onWait: options.onLockWait });
  try {
    return await ingestLocked(options, started, lock.acquiredAtMs);
  } finally {
    await lock.release();
  }
}

async function ingestLocked(options: IngestOptions, started: number, lockedAtMs: number): Promise<IngestSummary> {
  const { config } = options;
  const chunkOptions = options.chunkOptions ?? DEFAULT_CHUNK_OPTIONS;
  const docs = await loadCorpus(config.corpusDir);
  const segmented = segmentCorpus(docs, chunkOptions);
  const plan = await planVectorReuse(config, docs, segmented, chunkOptions, options.full ?? false);
  const embedder = createIngestEmbedder(config, segmented.chunkTokens, plan.keepIdf);

  const vectors = plan.vectors;
  const toEmbed = vectors.flatMap((v, i) => (v ? [] : [i]));
  for (let b = 0; b < toEmbed.length; b += EMBED_BATCH) {
    const batch = toEmbed.slice(b, b + EMBED_BATCH);
    const embedded = await embedder.embedChunks(
      batch.map((i) => segmented.chunkTexts[i]),
      batch.map((i) => segmented.chunkTokens[i]),
    );
    batch.forEach((i, k) => (vectors[i] = embedded[k]));
    options.onProgress?.('embed', Math.min(b + EMBED_BATCH, toEmbed.length), toEmbed.length);
  }

  const dimensions = vectors[0]?.length ?? embedder.info.dimensions;
  const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
  index.initIndex(Math.max(1, vectors.length), HNSW_PARAMS.m, HNSW_PARAMS.efConstruction, 100);
  vectors.forEach((v, i) => {
    index.addPoint(v!, i);
    if (i % 1000 === 999 || i === vectors.length - 1) options.onProgress?.('index', i + 1, vectors.length);
  });

  const documents: StoredDocument[] = docs.map(({ docId, source, title, date, hash, text }) => ({ docId, source, title, date, hash, text }));
  const manifestDocs: ManifestDocument[] = docs.map(({ docId, source, title, date, hash }, i) => ({
    docId,
    source,
    title,
    date,
    hash,
    chunkCount: segmented.chunkCount[i],
    sentenceCount: segmented.sentenceCount[i],
  }));

  const indexDir = await writeIndexAtomically(
    config.indexDir,
    {
      manifest: {
        formatVersion: INDEX_FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        embedder: { ...embedder.info, dimensions },
        pipeline: { version: PIPELINE_VERSION, chunk: chunkOptions },
        hnsw: { space: 'cosine', ...HNSW_PARAMS },
        counts: { documents: documents.length, chunks: segmented.chunks.length, sentences: segmented.sentences.length },
        documents: manifestDocs,
      },
      documents,
      segments: { chunks: segmented.chunks, sentences: segmented.sentences },
      terms: segmented.terms.build(),
      vocab: segmented.terms.vocab,
      vectors: index,
    },
    options.hooks,
    { olderThanMs: lockedAtMs },
  );

  return {
    documents: documents.length,
    chunks: segmented.chunks.length,
    sentences: segmented.sentences.length,
    embeddedChunks: toEmbed.length,
    reusedChunks: segmented.chunks.length - toEmbed.length,
    embeddedDocuments: docs.map((d) => d.docId).filter((id) => !plan.reusedDocuments.has(id)),
    removedDocuments: plan.removedDocuments,
    seconds: (performance.now() - started) / 1000,
    indexDir,
  };
}
