import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import type { IngestConfig } from '../server/shared/config/ingest-config.js';
import { createIngestEmbedder } from '../server/shared/embeddings/create-embedder.js';
import { INDEX_FORMAT_VERSION, type ManifestDocument, type StoredDocument } from '../server/shared/index-format/index-format.js';
import { buildLexiconFile, measuresAfterNumbers } from './lexicon/build-lexicon.js';
import { DEFAULT_CHUNK_OPTIONS, type ChunkOptions } from './chunker.js';
import { scanCorpus, type LoadCorpusOptions, type SkippedFile } from './load-corpus.js';
import { acquireIngestLock, type LockOwner } from './ingest-lock.js';
import { segmentCorpus } from './segment-corpus.js';
import { PIPELINE_VERSION, planVectorReuse, previousExtractions } from './vector-reuse.js';
import { writeIndexAtomically, type WriteHooks } from './write-index.js';

export { PIPELINE_VERSION } from './vector-reuse.js';
export const HNSW_PARAMS = { m: 16, efConstruction: 48, efSearch: 128 };
const EMBED_BATCH = 256;
/** A second ingest waits this long for the first by default (a big corpus with remote embeddings takes minutes). */
export const DEFAULT_LOCK_WAIT_MS = 15 * 60 * 1000;

export interface IngestOptions {
  config: IngestConfig;
  /** Ignore the previous index: refit and re-embed everything. */
  full?: boolean;
  onProgress?: (phase: 'embed' | 'index', done: number, total: number) => void;
  hooks?: WriteHooks;
  /** Called once per corpus file that cannot be indexed (the CLI prints one warning line each). */
  onSkip?: (skipped: SkippedFile) => void;
  /** Extractions already done by the caller (the upload check), by source and sha256: not parsed again. */
  known?: LoadCorpusOptions['reuse'];
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
  /** Corpus files that were not indexed, with the reason. */
  skipped: SkippedFile[];
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
  const extracted = options.full ? undefined : await previousExtractions(config);
  const { documents: docs, skipped } = await scanCorpus(config.corpusDir, {
    maxDocumentBytes: config.maxDocumentMb * 1024 * 1024,
    onSkip: options.onSkip,
    reuse: (source, hash) => extracted?.get(`${source}\0${hash}`) ?? options.known?.(source, hash),
  });
  const segmented = segmentCorpus(docs, chunkOptions);
  // Before the vectors exist: parsing CC-CEDICT is ~60 MB of short-lived garbage, not to be added to their peak.
  const lexicon = buildLexiconFile(segmented.terms.vocab, undefined, measuresAfterNumbers(docs.map((d) => d.text)));
  const plan = await planVectorReuse(config, docs, segmented, chunkOptions, options.full ?? false);
  const embedder = await createIngestEmbedder(config, segmented.chunkTokens, plan.keepIdf);

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

  const documents: StoredDocument[] = docs.map(({ docId, source, title, date, hash, text, format, headings, codeBlocks, pages }) => ({
    docId,
    source,
    title,
    date,
    hash,
    text,
    format,
    headings,
    ...(codeBlocks ? { codeBlocks } : {}),
    ...(pages ? { pages } : {}),
  }));
  const now = new Date().toISOString();
  const manifestDocs: ManifestDocument[] = docs.map(({ docId, source, title, date, hash, format, bytes }, i) => ({
    docId,
    source,
    title,
    date,
    hash,
    chunkCount: segmented.chunkCount[i],
    sentenceCount: segmented.sentenceCount[i],
    format,
    bytes,
    ingestedAt: plan.ingestedAt.get(`${source}\0${hash}`) ?? now,
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
        skipped: skipped.map(({ source, reason, hash, bytes }) => ({ source, reason, bytes, ...(hash ? { hash } : {}) })),
      },
      documents,
      segments: { chunks: segmented.chunks, sentences: segmented.sentences },
      terms: segmented.terms.build(),
      vocab: segmented.terms.vocab,
      lexicon,
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
    skipped,
    seconds: (performance.now() - started) / 1000,
    indexDir,
  };
}
