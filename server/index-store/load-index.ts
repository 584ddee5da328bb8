import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { AppError } from '../errors.js';
import { INDEX_FILES, INDEX_FORMAT_VERSION, type Manifest, type Segments, type StoredDocument } from './index-format.js';
import type { LoadedIndex } from './loaded-index.js';
import { decodeTermTable } from './term-table.js';

const REBUILD = 'Rebuild it with `npm run ingest`.';

function broken(file: string, why: string): AppError {
  return new AppError('index_unavailable', `Index file ${file} ${why}. ${REBUILD}`, 503);
}

export function indexExists(dir: string): boolean {
  return existsSync(path.join(dir, INDEX_FILES.manifest));
}

async function readChecked(dir: string, manifest: Manifest, name: string): Promise<Buffer> {
  const file = path.join(dir, name);
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    throw broken(file, 'is missing');
  }
  const expected = manifest.files[name];
  if (!expected) throw broken(file, 'is not listed in the manifest');
  if (buf.length !== expected.bytes) throw broken(file, `is ${buf.length} bytes, the manifest says ${expected.bytes} (truncated?)`);
  const sha = createHash('sha256').update(buf).digest('hex');
  if (sha !== expected.sha256) throw broken(file, 'does not match its checksum (corrupted?)');
  return buf;
}

function parseJson<T>(dir: string, name: string, buf: Buffer): T {
  try {
    return JSON.parse(buf.toString('utf8')) as T;
  } catch {
    throw broken(path.join(dir, name), 'is not valid JSON');
  }
}

/**
 * Loads and verifies an index directory (follows the `data/index` symlink once, so a later
 * re-ingest swapping the link never changes an index already in memory).
 */
export async function loadIndex(indexDir: string): Promise<LoadedIndex> {
  const manifestPath = path.join(indexDir, INDEX_FILES.manifest);
  if (!existsSync(manifestPath)) {
    throw new AppError('index_unavailable', `No index at ${indexDir} (${manifestPath} is missing). Build it with \`npm run ingest\`.`, 503);
  }
  const dir = await realpath(indexDir);
  const manifest = parseJson<Manifest>(dir, INDEX_FILES.manifest, await readFile(path.join(dir, INDEX_FILES.manifest)));
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    throw broken(manifestPath, `has format version ${manifest.formatVersion}, this server reads ${INDEX_FORMAT_VERSION}`);
  }
  const [docsBuf, segBuf, termsBuf, vocabBuf, vectorsBuf] = await Promise.all(
    [INDEX_FILES.documents, INDEX_FILES.segments, INDEX_FILES.terms, INDEX_FILES.vocab, INDEX_FILES.vectors].map((name) =>
      readChecked(dir, manifest, name),
    ),
  );
  void vectorsBuf; // checksum verified; hnswlib reads the file itself
  const documents = parseJson<StoredDocument[]>(dir, INDEX_FILES.documents, docsBuf);
  const segments = parseJson<Segments>(dir, INDEX_FILES.segments, segBuf);
  const vocab = parseJson<string[]>(dir, INDEX_FILES.vocab, vocabBuf);
  let terms;
  try {
    terms = decodeTermTable(termsBuf);
  } catch (e) {
    throw broken(path.join(dir, INDEX_FILES.terms), (e as Error).message);
  }
  if (terms.offsets.length !== segments.sentences.length + 1) throw broken(path.join(dir, INDEX_FILES.terms), 'does not match the sentence count');

  const vectors = new hnswlib.HierarchicalNSW(manifest.hnsw.space, manifest.embedder.dimensions);
  try {
    vectors.readIndexSync(path.join(dir, INDEX_FILES.vectors), true);
  } catch (e) {
    throw broken(path.join(dir, INDEX_FILES.vectors), `cannot be read (${(e as Error).message})`);
  }
  if (vectors.getCurrentCount() !== segments.chunks.length) throw broken(path.join(dir, INDEX_FILES.vectors), 'does not match the chunk count');
  vectors.setEf(manifest.hnsw.efSearch);

  return {
    dir,
    manifest,
    documents,
    documentById: new Map(documents.map((d) => [d.docId, d])),
    chunks: segments.chunks,
    sentences: segments.sentences,
    terms,
    vocab,
    vectors,
  };
}
