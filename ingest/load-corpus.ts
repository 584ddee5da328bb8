import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentFormat, HeadingRange, PageRange, TextRange } from './formats/extracted-document.js';
import { isExtractionError, type ExtractionFailure } from './formats/extraction-error.js';
import { extractDocument } from './formats/format-registry.js';
import { extractText } from './formats/txt-format.js';
import { listCorpusFiles } from './corpus-files.js';
import { datedLine } from '../server/shared/text/dated-line.js';

export { CORPUS_SETTINGS_FILES, listCorpusFiles } from './corpus-files.js';

export interface CorpusDocument {
  docId: string;
  /** Path relative to the corpus directory, with forward slashes. */
  source: string;
  title: string;
  date: string | null;
  format: DocumentFormat;
  /** Extracted plain text: every offset in the index points into this exact string. */
  text: string;
  /** Where article text ends: site navigation after this offset is never indexed. */
  contentEnd: number;
  /** sha256 of the raw bytes. */
  hash: string;
  /** Size of the file in bytes. */
  bytes: number;
  headings: HeadingRange[];
  /** Code blocks the format marks (HTML <pre>, Markdown code): see ExtractedDocument. */
  codeBlocks?: TextRange[];
  pages?: PageRange[];
}

/** A corpus file that was not indexed, and why (one warning line each). */
export interface SkippedFile {
  source: string;
  failure: ExtractionFailure;
  reason: string;
  /** sha256 of the bytes when they were read (so `npm start` knows the file did not change since). */
  hash?: string;
  bytes: number;
}

export interface CorpusScan {
  documents: CorpusDocument[];
  skipped: SkippedFile[];
}

export interface LoadCorpusOptions {
  /** Files larger than this are skipped with a warning (MAX_DOCUMENT_MB). */
  maxDocumentBytes?: number;
  /** Called once per skipped file, as soon as it is known. */
  onSkip?: (skipped: SkippedFile) => void;
  /**
   * A document already extracted from exactly these bytes (by the previous index), keyed by source and
   * sha256: reused instead of parsing the file again (a 250-page PDF takes seconds to parse).
   */
  reuse?: (source: string, hash: string) => Omit<CorpusDocument, 'contentEnd' | 'bytes'> | undefined;
}

export const DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** PDFs and Word files are parsed on the main thread; a few at a time keeps memory flat on large corpora. */
const READ_CONCURRENCY = 4;
const MAX_ID_LENGTH = 120;

/** Headings that open a site's navigation or related-links list; everything from there on is not article text. */
const NAVIGATION_HEADING = /^\s*(新闻资讯|相关(新闻|文章|阅读|推荐)|推荐阅读|热门(文章|推荐|新闻)|更多(新闻|资讯)|上一篇|下一篇)(\s*[A-Za-z ]*)?\s*$/;

const sha256 = (buf: Buffer | string) => createHash('sha256').update(buf).digest('hex');

/**
 * URL-safe, stable id from the relative path: "reports/2025/a b.txt" → "reports--2025--a-b".
 * .txt and .md lose their extension (ids of the first corpora stay as they were); other formats keep
 * it, so guide.html and guide.pdf are two documents. Letters of any script are kept (readable ids for
 * Chinese file names); anything else becomes '-'. A name with nothing left gets a hash of its path.
 */
export function docIdFromSource(source: string): string {
  const id = source
    .replace(/\.(txt|md)$/i, '')
    .split('/')
    .map((part) => part.normalize('NFKC').replace(/[^\p{L}\p{N}_.-]+/gu, '-').replace(/^[-.]+|[-.]+$/g, ''))
    .filter(Boolean)
    .join('--');
  if (id === '') return `doc-${sha256(source).slice(0, 12)}`;
  return id.length > MAX_ID_LENGTH ? `${id.slice(0, MAX_ID_LENGTH - 13)}-${sha256(source).slice(0, 12)}` : id;
}

/** Ids for all documents at once: two paths mapping to one id both get a hash of their path appended. */
export function assignDocIds(sources: string[]): Map<string, string> {
  const bySource = new Map(sources.map((s) => [s, docIdFromSource(s)]));
  const count = new Map<string, number>();
  for (const id of bySource.values()) count.set(id, (count.get(id) ?? 0) + 1);
  for (const [source, id] of bySource) {
    if (count.get(id)! > 1) bySource.set(source, `${id}-${sha256(source).slice(0, 8)}`);
  }
  return bySource;
}

/** Offset where site navigation starts (only searched in the second half, so an article can mention such words). */
export function findContentEnd(text: string): number {
  let offset = 0;
  for (const line of text.split('\n')) {
    if (offset > text.length / 2 && NAVIGATION_HEADING.test(line)) return offset;
    offset += line.length + 1;
  }
  return text.length;
}

const firstLine = (text: string) => text.split('\n').find((l) => l.trim() !== '')?.trim().slice(0, 200);
const findDate = (text: string) => datedLine(text)?.iso ?? null;

function toDocument(source: string, raw: Buffer, extracted: Awaited<ReturnType<typeof extractDocument>>): CorpusDocument {
  const { text } = extracted;
  return {
    docId: docIdFromSource(source),
    source,
    title: (extracted.title?.trim() || firstLine(text) || source).replace(/^#+\s*/, ''),
    date: findDate(text),
    format: extracted.format,
    text,
    // Only plain text carries a news site's navigation after the article (HTML's is dropped by its extractor).
    contentEnd: extracted.format === 'txt' ? findContentEnd(text) : text.length,
    hash: sha256(raw),
    bytes: raw.length,
    headings: extracted.headings,
    ...(extracted.codeBlocks ? { codeBlocks: extracted.codeBlocks } : {}),
    ...(extracted.pages ? { pages: extracted.pages } : {}),
  };
}

/** A plain-text file (encoding detected) as a corpus document; synchronous, for tests and tools. */
export function parseDocument(source: string, raw: Buffer): CorpusDocument {
  return toDocument(source, raw, extractText(raw));
}

/** Any supported file (by content and name) as a corpus document; throws an ExtractionError with the reason. */
export async function readDocument(source: string, raw: Buffer): Promise<CorpusDocument> {
  return toDocument(source, raw, await extractDocument(source, raw));
}

/**
 * Reads every file of the corpus. A file that cannot be indexed (unsupported, empty, binary, too large,
 * encrypted, corrupt) is skipped with its reason — never fatal, and never silent.
 */
export async function scanCorpus(corpusDir: string, options: LoadCorpusOptions = {}): Promise<CorpusScan> {
  const maxBytes = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const sources = await listCorpusFiles(corpusDir);
  const files = sources.map((source) => path.join(corpusDir, ...source.split('/')));
  const results: Array<CorpusDocument | SkippedFile> = new Array(files.length);
  const skip = (i: number, s: SkippedFile) => {
    results[i] = s;
    options.onSkip?.(s);
  };
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const source = sources[i];
      try {
        const { size } = await stat(files[i]);
        if (size > maxBytes) {
          const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
          skip(i, { source, failure: 'too_large', reason: `${mb(size)} MB is over the ${mb(maxBytes)} MB limit (MAX_DOCUMENT_MB)`, bytes: size });
          continue;
        }
        const raw = await readFile(files[i]);
        const known = options.reuse?.(source, sha256(raw));
        if (known) {
          results[i] = { ...known, bytes: raw.length, contentEnd: known.format === 'txt' ? findContentEnd(known.text) : known.text.length };
          continue;
        }
        try {
          results[i] = await readDocument(source, raw);
        } catch (error) {
          if (!isExtractionError(error)) throw error;
          skip(i, { source, failure: error.failure, reason: error.message, hash: sha256(raw), bytes: raw.length });
        }
      } catch (error) {
        skip(i, { source, failure: 'unreadable', reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, bytes: 0 });
      }
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
  const documents = results.filter((r): r is CorpusDocument => 'docId' in r);
  const ids = assignDocIds(documents.map((d) => d.source));
  for (const doc of documents) doc.docId = ids.get(doc.source)!;
  return { documents, skipped: results.filter((r): r is SkippedFile => !('docId' in r)) };
}

/** The readable documents of the corpus (skipped files reported through options.onSkip). */
export async function loadCorpus(corpusDir: string, options: LoadCorpusOptions = {}): Promise<CorpusDocument[]> {
  return (await scanCorpus(corpusDir, options)).documents;
}
