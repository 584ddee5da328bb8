import { webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { AppError, isAppError } from '../errors.js';
import {
  checkDocuments,
  checkManifest,
  checkSegmentsShape,
  checkVocab,
  crossCheck,
  IndexProblem,
  readHnswHeader,
} from './index-validation.js';
import { checkLexicon } from './lexicon-file.js';
import { INDEX_FILES, INDEX_FORMAT_VERSION, type Manifest } from './index-format.js';
import type { LoadedIndex } from './loaded-index.js';
import { decodeTermTable } from './term-table.js';

const REBUILD = 'Rebuild it with `npm run ingest`.';

/**
 * The message names the file by its name only: it can reach a client (a failed reload's 503), which must
 * not learn the server's paths. The full path is in `details.path` for the log and the start-up error.
 */
function broken(file: string, why: string): AppError {
  return new AppError('index_unavailable', `Index file ${path.basename(file)} ${why}. ${REBUILD}`, 503, { path: file });
}

const sha256Hex = async (buf: Buffer) => Buffer.from(await webcrypto.subtle.digest('SHA-256', buf)).toString('hex');

/** The manifest holds every other file's checksum, so its own is kept beside it (sha256sum format). */
async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, INDEX_FILES.manifest);
  const sumFile = path.join(dir, INDEX_FILES.manifestChecksum);
  const buf = await readFile(file).catch(() => {
    throw broken(file, 'is missing');
  });
  const sum = await readFile(sumFile, 'utf8').catch(() => {
    throw broken(sumFile, 'is missing (an index written by an older ingest, or damaged)');
  });
  const expected = /^([0-9a-f]{64})\s/.exec(sum)?.[1];
  if (!expected) throw broken(sumFile, 'is not a sha256 checksum line');
  if ((await sha256Hex(buf)) !== expected) throw broken(file, 'does not match its checksum (corrupted, or edited by hand?)');
  const manifest = parseJson<{ formatVersion?: unknown }>(dir, INDEX_FILES.manifest, buf);
  if (manifest?.formatVersion !== INDEX_FORMAT_VERSION) {
    throw broken(file, `has format version ${String(manifest?.formatVersion)}, this server reads ${INDEX_FORMAT_VERSION}`);
  }
  return checkManifest(INDEX_FILES.manifest, manifest);
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
    throw new AppError('index_unavailable', `No index (${INDEX_FILES.manifest} is missing). Build it with \`npm run ingest\`.`, 503, { path: manifestPath });
  }
  const dir = await realpath(indexDir);
  try {
    return await loadVerified(dir);
  } catch (e) {
    if (e instanceof IndexProblem) throw broken(path.join(dir, e.file), e.why);
    throw e;
  }
}

async function loadVerified(dir: string): Promise<LoadedIndex> {
  const manifest = await readManifest(dir);
  const [docsFile, segFile, termsFile, vocabFile, lexiconFile, vectorsFile] = await Promise.all(
    [INDEX_FILES.documents, INDEX_FILES.segments, INDEX_FILES.terms, INDEX_FILES.vocab, INDEX_FILES.lexicon, INDEX_FILES.vectors].map((name) =>
      readChecked(dir, manifest, name),
    ),
  );
  // The vectors' own header must agree with the manifest before hnswlib allocates anything from it.
  const header = vectorsFile.verified.then(() => {
    const h = readHnswHeader(INDEX_FILES.vectors, vectorsFile.buf);
    if (h.dimensions !== manifest.embedder.dimensions) {
      throw new IndexProblem(INDEX_FILES.vectors, `holds ${h.dimensions}-dimensional vectors, the manifest says ${manifest.embedder.dimensions}`);
    }
    return h;
  });
  // hnswlib reads the vectors on the thread pool once their checksum and header hold, while JSON is parsed here.
  const vectors = new hnswlib.HierarchicalNSW(manifest.hnsw.space, manifest.embedder.dimensions);
  const vectorsLoaded = header.then(() => vectors.readIndex(path.join(dir, INDEX_FILES.vectors), true));
  vectorsLoaded.catch(() => undefined); // awaited below
  // Every checksum is settled before anything parsed is used or reported: a corrupted file is
  // reported as corrupted, not as whatever parse error its damage happens to cause.
  const allVerified = Promise.all([docsFile, segFile, termsFile, vocabFile, lexiconFile, vectorsFile].map((f) => f.verified));
  const parse = async (name: string, buf: Buffer): Promise<unknown> => {
    try {
      return JSON.parse(buf.toString('utf8')) as unknown;
    } catch {
      await allVerified;
      throw broken(path.join(dir, name), 'is not valid JSON');
    }
  };
  const documents = checkDocuments(INDEX_FILES.documents, await parse(INDEX_FILES.documents, docsFile.buf));
  const segments = checkSegmentsShape(INDEX_FILES.segments, await parse(INDEX_FILES.segments, segFile.buf));
  const vocab = checkVocab(INDEX_FILES.vocab, await parse(INDEX_FILES.vocab, vocabFile.buf));
  const lexiconJson = await parse(INDEX_FILES.lexicon, lexiconFile.buf);
  await allVerified;
  let terms;
  try {
    terms = decodeTermTable(termsFile.buf);
  } catch (e) {
    throw broken(path.join(dir, INDEX_FILES.terms), (e as Error).message);
  }
  const names = { ...INDEX_FILES };
  crossCheck({ manifest, documents, segments, terms, vocab, vectors: await header }, names);
  // After the cross-check: a vocabulary shorter than terms.bin's ids is reported as that, not as the lexicon's symptom.
  const lexicon = checkLexicon(INDEX_FILES.lexicon, lexiconJson, vocab.length);

  try {
    await vectorsLoaded;
  } catch (e) {
    if (isAppError(e) || e instanceof IndexProblem) throw e;
    throw broken(path.join(dir, INDEX_FILES.vectors), 'cannot be read by hnswlib');
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
    lexicon,
    vectors,
  };
}
