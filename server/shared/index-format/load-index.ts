import { webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { AppError, isAppError } from '../errors.js';
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

/**
 * Reads a file and checks its size against the manifest at once; returns the bytes and the pending
 * sha256 check. The digest runs on libuv's thread pool (WebCrypto), so the caller can parse other
 * files meanwhile: at 100k chunks there are ~250 MB to hash, about a second of CPU.
 */
async function readChecked(dir: string, manifest: Manifest, name: string): Promise<{ buf: Buffer; verified: Promise<void> }> {
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
  const verified = webcrypto.subtle.digest('SHA-256', buf).then((digest) => {
    if (Buffer.from(digest).toString('hex') !== expected.sha256) throw broken(file, 'does not match its checksum (corrupted?)');
  });
  verified.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  return { buf, verified };
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
  const [docsFile, segFile, termsFile, vocabFile, vectorsFile] = await Promise.all(
    [INDEX_FILES.documents, INDEX_FILES.segments, INDEX_FILES.terms, INDEX_FILES.vocab, INDEX_FILES.vectors].map((name) =>
      readChecked(dir, manifest, name),
    ),
  );
  // hnswlib reads the vectors on the thread pool once their checksum holds, while JSON is parsed here.
  const vectors = new hnswlib.HierarchicalNSW(manifest.hnsw.space, manifest.embedder.dimensions);
  const vectorsLoaded = vectorsFile.verified.then(() => vectors.readIndex(path.join(dir, INDEX_FILES.vectors), true));
  vectorsLoaded.catch(() => undefined); // awaited below
  // Every checksum is settled before anything parsed is used or reported: a corrupted file is
  // reported as corrupted, not as whatever parse error its damage happens to cause.
  const allVerified = Promise.all([docsFile, segFile, termsFile, vocabFile, vectorsFile].map((f) => f.verified));
  const parse = async <T>(name: string, buf: Buffer): Promise<T> => {
    try {
      return JSON.parse(buf.toString('utf8')) as T;
    } catch {
      await allVerified;
      throw broken(path.join(dir, name), 'is not valid JSON');
    }
  };
  const documents = await parse<StoredDocument[]>(INDEX_FILES.documents, docsFile.buf);
  const segments = await parse<Segments>(INDEX_FILES.segments, segFile.buf);
  const vocab = await parse<string[]>(INDEX_FILES.vocab, vocabFile.buf);
  await allVerified;
  let terms;
  try {
    terms = decodeTermTable(termsFile.buf);
  } catch (e) {
    throw broken(path.join(dir, INDEX_FILES.terms), (e as Error).message);
  }
  if (terms.offsets.length !== segments.sentences.length + 1) throw broken(path.join(dir, INDEX_FILES.terms), 'does not match the sentence count');

  try {
    await vectorsLoaded;
  } catch (e) {
    if (isAppError(e)) throw e;
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
