import hnswlib from 'hnswlib-node';
import type { Config } from '../server/config.js';
import { configuredEmbedderName, createIngestEmbedder } from '../server/embeddings/create-embeddings.js';
import type { IdfTable } from '../server/embeddings/local-lexical-embeddings.js';
import {
  INDEX_FORMAT_VERSION,
  type ChunkTuple,
  type ManifestDocument,
  type SentenceTuple,
  type StoredDocument,
} from '../server/index-store/index-format.js';
import { indexExists, loadIndex } from '../server/index-store/load-index.js';
import type { LoadedIndex } from '../server/index-store/loaded-index.js';
import { TermTableBuilder } from '../server/index-store/term-table.js';
import { tokenize } from '../server/text/tokenizer.js';
import { chunkParagraphs, DEFAULT_CHUNK_OPTIONS, type ChunkOptions } from './chunker.js';
import { loadCorpus, type CorpusDocument } from './load-corpus.js';
import { splitParagraphs } from './sentence-splitter.js';
import { writeIndexAtomically, type WriteHooks } from './write-index.js';

/** Bump when splitting or tokenization changes: chunks of an unchanged file may then differ. */
export const PIPELINE_VERSION = 4;
export const HNSW_PARAMS = { m: 16, efConstruction: 48, efSearch: 128 };
/** Above this share of changed chunks the local IDF is refitted (and everything re-embedded). */
const REFIT_CHANGED_SHARE = 0.5;
const EMBED_BATCH = 256;

export interface IngestOptions {
  config: Config;
  /** Ignore the previous index: refit and re-embed everything. */
  full?: boolean;
  onProgress?: (phase: 'embed' | 'index', done: number, total: number) => void;
  hooks?: WriteHooks;
  chunkOptions?: ChunkOptions;
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

interface PreparedDocument {
  doc: CorpusDocument;
  chunks: { start: number; end: number; sentences: { start: number; end: number }[] }[];
}

function prepare(doc: CorpusDocument, options: ChunkOptions): PreparedDocument {
  return { doc, chunks: chunkParagraphs(splitParagraphs(doc.text, doc.contentEnd), options) };
}

async function previousIndex(config: Config, full: boolean, chunk: ChunkOptions): Promise<LoadedIndex | undefined> {
  if (full || !indexExists(config.indexDir)) return undefined;
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

export async function runIngest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { config } = options;
  const corpus = await loadCorpus(config.corpusDir);
  const chunkOptions = options.chunkOptions ?? DEFAULT_CHUNK_OPTIONS;
  const prepared = corpus.map((doc) => prepare(doc, chunkOptions));

  // Sentences carry the tokens; a chunk's tokens are its sentences' tokens.
  const terms = new TermTableBuilder();
  const chunkTuples: ChunkTuple[] = [];
  const sentenceTuples: SentenceTuple[] = [];
  const chunkTokens: string[][] = [];
  const chunkTexts: string[] = [];
  const chunkDoc: number[] = [];
  prepared.forEach(({ doc, chunks }, docIndex) => {
    for (const chunk of chunks) {
      const chunkIndex = chunkTuples.length;
      chunkTuples.push([docIndex, chunk.start, chunk.end, sentenceTuples.length, chunk.sentences.length]);
      const tokens: string[] = [];
      for (const s of chunk.sentences) {
        const sentenceTokens = tokenize(doc.text.slice(s.start, s.end));
        terms.add(sentenceTokens);
        tokens.push(...sentenceTokens);
        sentenceTuples.push([docIndex, s.start, s.end, chunkIndex]);
      }
      chunkTokens.push(tokens);
      chunkTexts.push(doc.text.slice(chunk.start, chunk.end));
      chunkDoc.push(docIndex);
    }
  });

  // Reuse vectors of documents whose bytes did not change, when the embedder is the same.
  const prev = await previousIndex(config, options.full ?? false, chunkOptions);
  const prevByDoc = new Map(prev?.manifest.documents.map((d) => [d.docId, d]) ?? []);
  const unchanged = new Set(
    prepared
      .filter(({ doc, chunks }) => prevByDoc.get(doc.docId)?.hash === doc.hash && prevByDoc.get(doc.docId)?.chunkCount === chunks.length)
      .map(({ doc }) => doc.docId),
  );
  const changedChunks = chunkDoc.filter((d) => !unchanged.has(prepared[d].doc.docId)).length;
  const keepIdf =
    prev && config.embeddings.provider === 'local' && changedChunks <= REFIT_CHANGED_SHARE * chunkTuples.length
      ? (prev.manifest.embedder.params?.idf as IdfTable | undefined)
      : undefined;
  const reuse = prev && (config.embeddings.provider !== 'local' || keepIdf) ? prev : undefined;
  const embedder = createIngestEmbedder(config, chunkTokens, keepIdf);

  const prevChunkStart = new Map<string, number>();
  if (reuse) {
    let offset = 0;
    for (const d of reuse.manifest.documents) {
      prevChunkStart.set(d.docId, offset);
      offset += d.chunkCount;
    }
  }

  const vectors: number[][] = new Array(chunkTuples.length);
  const toEmbed: number[] = [];
  const chunkOrdinalInDoc = new Map<number, number>();
  {
    const seen = new Map<number, number>();
    chunkDoc.forEach((d, i) => {
      const k = seen.get(d) ?? 0;
      chunkOrdinalInDoc.set(i, k);
      seen.set(d, k + 1);
    });
  }
  chunkDoc.forEach((d, i) => {
    const docId = prepared[d].doc.docId;
    const start = reuse && unchanged.has(docId) ? prevChunkStart.get(docId) : undefined;
    if (start !== undefined) vectors[i] = reuse!.vectors.getPoint(start + chunkOrdinalInDoc.get(i)!);
    else toEmbed.push(i);
  });

  for (let b = 0; b < toEmbed.length; b += EMBED_BATCH) {
    const batch = toEmbed.slice(b, b + EMBED_BATCH);
    const embedded = await embedder.embedChunks(
      batch.map((i) => chunkTexts[i]),
      batch.map((i) => chunkTokens[i]),
    );
    batch.forEach((i, k) => (vectors[i] = embedded[k]));
    options.onProgress?.('embed', Math.min(b + EMBED_BATCH, toEmbed.length), toEmbed.length);
  }

  const dimensions = vectors[0]?.length ?? embedder.info.dimensions;
  const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
  index.initIndex(Math.max(1, vectors.length), HNSW_PARAMS.m, HNSW_PARAMS.efConstruction, 100);
  vectors.forEach((v, i) => {
    index.addPoint(v, i);
    if (i % 1000 === 999 || i === vectors.length - 1) options.onProgress?.('index', i + 1, vectors.length);
  });

  const documents: StoredDocument[] = prepared.map(({ doc }) => ({
    docId: doc.docId,
    source: doc.source,
    title: doc.title,
    date: doc.date,
    hash: doc.hash,
    text: doc.text,
  }));
  const manifestDocs: ManifestDocument[] = prepared.map(({ doc, chunks }) => ({
    docId: doc.docId,
    source: doc.source,
    title: doc.title,
    date: doc.date,
    hash: doc.hash,
    chunkCount: chunks.length,
    sentenceCount: chunks.reduce((n, c) => n + c.sentences.length, 0),
  }));
  const embeddedDocuments = prepared.map(({ doc }) => doc.docId).filter((id) => !(reuse && unchanged.has(id)));

  const indexDir = await writeIndexAtomically(
    config.indexDir,
    {
      manifest: {
        formatVersion: INDEX_FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        embedder: { ...embedder.info, dimensions },
        pipeline: { version: PIPELINE_VERSION, chunk: chunkOptions },
        hnsw: { space: 'cosine', ...HNSW_PARAMS },
        counts: { documents: documents.length, chunks: chunkTuples.length, sentences: sentenceTuples.length },
        documents: manifestDocs,
      },
      documents,
      segments: { chunks: chunkTuples, sentences: sentenceTuples },
      terms: terms.build(),
      vocab: terms.vocab,
      vectors: index,
    },
    options.hooks,
  );

  const current = new Set(documents.map((d) => d.docId));
  return {
    documents: documents.length,
    chunks: chunkTuples.length,
    sentences: sentenceTuples.length,
    embeddedChunks: toEmbed.length,
    reusedChunks: chunkTuples.length - toEmbed.length,
    embeddedDocuments,
    removedDocuments: [...prevByDoc.keys()].filter((id) => !current.has(id)),
    seconds: (performance.now() - started) / 1000,
    indexDir,
  };
}
