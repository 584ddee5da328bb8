import type { Config } from '../server/config.js';
import { configuredEmbedderName } from '../server/embeddings/create-embeddings.js';
import type { IdfTable } from '../server/embeddings/local-lexical-embeddings.js';
import { indexExists, loadIndex } from '../server/index-store/load-index.js';
import type { LoadedIndex } from '../server/index-store/loaded-index.js';
import type { ChunkOptions } from './chunker.js';
import type { CorpusDocument } from './load-corpus.js';
import type { SegmentedCorpus } from './segment-corpus.js';

/** Bump when splitting or tokenization changes: chunks of an unchanged file may then differ. */
export const PIPELINE_VERSION = 7;
/** Above this share of changed chunks the local IDF is refitted (and everything re-embedded). */
const REFIT_CHANGED_SHARE = 0.5;

/** What the previous index lets this run skip. */
export interface ReusePlan {
  /** The local embedder's IDF to keep (so reused vectors stay comparable); undefined = fit anew. */
  keepIdf?: IdfTable;
  /** Vectors already known, by new chunk index; the rest must be embedded. */
  vectors: Array<number[] | undefined>;
  /** Documents (docId) whose vectors are reused. */
  reusedDocuments: Set<string>;
  /** Documents of the previous index that are gone. */
  removedDocuments: string[];
}

async function previousIndex(config: Config, chunk: ChunkOptions): Promise<LoadedIndex | undefined> {
  if (!indexExists(config.indexDir)) return undefined;
  try {
    const prev = await loadIndex(config.indexDir);
    const p = prev.manifest.pipeline;
    if (p?.version !== PIPELINE_VERSION || p.chunk.maxChars !== chunk.maxChars || p.chunk.minChars !== chunk.minChars) return undefined;
    const sameEmbedder =
      prev.manifest.embedder.name === configuredEmbedderName(config) &&
      (config.embeddings.provider !== 'local' || prev.manifest.embedder.dimensions === config.embeddings.dimensions);
    return sameEmbedder ? prev : undefined;
  } catch {
    return undefined; // unreadable previous index: rebuild from scratch
  }
}

/**
 * Documents whose bytes (and so chunks) did not change keep their vectors, read back from the previous
 * hnswlib index, as long as the embedder and the split/tokenize pipeline are the same. For the local
 * embedder that also means keeping its IDF, unless so much changed that it should be refitted.
 */
export async function planVectorReuse(
  config: Config,
  docs: CorpusDocument[],
  segmented: SegmentedCorpus,
  chunkOptions: ChunkOptions,
  full: boolean,
): Promise<ReusePlan> {
  const prev = full ? undefined : await previousIndex(config, chunkOptions);
  // Dense (not `new Array(n)`): flatMap and forEach skip holes.
  const vectors: Array<number[] | undefined> = Array.from({ length: segmented.chunks.length }, () => undefined);
  const current = new Set(docs.map((d) => d.docId));
  const removedDocuments = (prev?.manifest.documents ?? []).map((d) => d.docId).filter((id) => !current.has(id));
  if (!prev) return { vectors, reusedDocuments: new Set(), removedDocuments };

  const prevFirstChunk = new Map<string, { first: number; hash: string; count: number }>();
  let offset = 0;
  for (const d of prev.manifest.documents) {
    prevFirstChunk.set(d.docId, { first: offset, hash: d.hash, count: d.chunkCount });
    offset += d.chunkCount;
  }
  const unchanged = docs
    .map((doc, i) => ({ doc, i, before: prevFirstChunk.get(doc.docId) }))
    .filter(({ doc, i, before }) => before?.hash === doc.hash && before.count === segmented.chunkCount[i]);
  const unchangedChunks = unchanged.reduce((n, u) => n + segmented.chunkCount[u.i], 0);

  let keepIdf: IdfTable | undefined;
  if (config.embeddings.provider === 'local') {
    const changedShare = 1 - unchangedChunks / Math.max(1, segmented.chunks.length);
    keepIdf = changedShare <= REFIT_CHANGED_SHARE ? (prev.manifest.embedder.params?.idf as IdfTable | undefined) : undefined;
    if (!keepIdf) return { vectors, reusedDocuments: new Set(), removedDocuments };
  }
  for (const { i, before } of unchanged) {
    for (let k = 0; k < segmented.chunkCount[i]; k++) vectors[segmented.firstChunk[i] + k] = prev.vectors.getPoint(before!.first + k);
  }
  return { keepIdf, vectors, reusedDocuments: new Set(unchanged.map((u) => u.doc.docId)), removedDocuments };
}
