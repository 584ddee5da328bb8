/**
 * The index is checked as a whole before the server uses it: the manifest's shape (zod), then every
 * file against the manifest and against each other (counts, offsets, ids, vector dimensions). A check
 * that fails is an IndexProblem naming the file; load-index.ts turns it into one clear error.
 *
 * Why all of it: a manifest with `embedder.dimensions: 1e9` loaded and reported healthy, then every
 * question blocked the event loop for 18 s; a segment pointing at a missing document made every
 * question a 500 (issue 17). Checking costs a few loops over arrays already in memory.
 */
import { z } from 'zod';
import type { Manifest, Segments, StoredDocument } from './index-format.js';
import type { TermTable } from './term-table.js';

export class IndexProblem extends Error {
  constructor(
    readonly file: string,
    readonly why: string,
  ) {
    super(`${file} ${why}`);
    this.name = 'IndexProblem';
  }
}

/** Far above any embedding model (3072 for text-embedding-3-large); a larger figure is damage, not a model. */
export const MAX_DIMENSIONS = 65_536;

const count = z.number().int().nonnegative();
const positive = z.number().int().positive();

// Loose objects: fields added by newer ingests are kept, only the ones the server relies on are checked.
export const ManifestSchema = z.looseObject({
  formatVersion: z.number().int(),
  createdAt: z.string(),
  embedder: z.looseObject({
    name: z.string().min(1),
    dimensions: z.number().int().min(1).max(MAX_DIMENSIONS),
    params: z.record(z.string(), z.unknown()).optional(),
  }),
  pipeline: z.looseObject({ version: z.number().int(), chunk: z.looseObject({ maxChars: positive, minChars: count }) }),
  hnsw: z.looseObject({ space: z.literal('cosine'), m: positive, efConstruction: positive, efSearch: positive }),
  counts: z.looseObject({ documents: count, chunks: count, sentences: count }),
  documents: z.array(
    z.looseObject({
      docId: z.string().min(1),
      source: z.string(),
      title: z.string(),
      date: z.string().nullable(),
      hash: z.string(),
      chunkCount: count,
      sentenceCount: count,
    }),
  ),
  files: z.record(z.string(), z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: count })),
});

const DocumentsSchema = z.array(
  z.looseObject({
    docId: z.string().min(1),
    source: z.string(),
    title: z.string(),
    date: z.string().nullable(),
    hash: z.string(),
    text: z.string(),
    // (Its order and bounds are checked against the text in crossCheck: a binary search reads it for every candidate.)
    codeBlocks: z.array(z.looseObject({ start: count, end: count })).optional(),
  }),
);

const SegmentsSchema = z.object({ chunks: z.array(z.array(count).length(5)), sentences: z.array(z.array(count).length(4)) });

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '');
  return `${where || '(top level)'}: ${issue.message}`;
}

export function parseShape<T>(schema: z.ZodType, file: string, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new IndexProblem(file, `has an invalid shape (${firstIssue(parsed.error)})`);
  return value as T;
}

export const checkManifest = (file: string, value: unknown): Manifest => parseShape<Manifest>(ManifestSchema, file, value);
export const checkDocuments = (file: string, value: unknown): StoredDocument[] => parseShape<StoredDocument[]>(DocumentsSchema, file, value);
export const checkSegmentsShape = (file: string, value: unknown): Segments => parseShape<Segments>(SegmentsSchema, file, value);
export const checkVocab = (file: string, value: unknown): string[] => parseShape<string[]>(z.array(z.string()), file, value);

/** What an hnswlib index file says about itself (its header), read before hnswlib is given the file. */
export interface HnswHeader {
  maxElements: number;
  count: number;
  dimensions: number;
}

/**
 * hnswlib's saveIndex header: offsetLevel0, max_elements, cur_element_count, size_data_per_element,
 * label_offset, offsetData (size_t each, little-endian). A vector is label_offset − offsetData bytes of
 * float32. hnswlib itself trusts the dimensions it is constructed with, whatever the file holds.
 */
export function readHnswHeader(file: string, buf: Buffer): HnswHeader {
  if (buf.length < 48) throw new IndexProblem(file, 'is too short to be an hnswlib index');
  const n = (offset: number) => Number(buf.readBigUInt64LE(offset));
  const vectorBytes = n(32) - n(40);
  if (vectorBytes <= 0 || vectorBytes % 4 !== 0) throw new IndexProblem(file, 'has an invalid hnswlib header');
  return { maxElements: n(8), count: n(16), dimensions: vectorBytes / 4 };
}

export interface IndexParts {
  manifest: Manifest;
  documents: StoredDocument[];
  segments: Segments;
  terms: TermTable;
  vocab: string[];
  vectors: HnswHeader;
}

export interface IndexFileNames {
  manifest: string;
  documents: string;
  segments: string;
  terms: string;
  vocab: string;
  vectors: string;
}

/** Every count, offset and id agrees across the files; throws the first disagreement, naming a file. */
export function crossCheck(parts: IndexParts, files: IndexFileNames): void {
  const { manifest, documents, segments, terms, vocab, vectors } = parts;
  const { chunks, sentences } = segments;
  const must = (ok: boolean, file: string, why: string) => {
    if (!ok) throw new IndexProblem(file, why);
  };

  must(manifest.counts.documents === documents.length, files.documents, `holds ${documents.length} documents, the manifest counts ${manifest.counts.documents}`);
  must(manifest.documents.length === documents.length, files.manifest, `lists ${manifest.documents.length} documents, ${files.documents} holds ${documents.length}`);
  const ids = new Set<string>();
  documents.forEach((d, i) => {
    must(manifest.documents[i].docId === d.docId, files.documents, `document ${i} is "${d.docId}", the manifest says "${manifest.documents[i].docId}"`);
    must(!ids.has(d.docId), files.documents, `holds document id "${d.docId}" twice`);
    ids.add(d.docId);
    // Code blocks sorted, disjoint, non-empty and inside the text: inCodeBlock's binary search relies on it.
    let previousEnd = 0;
    for (const b of d.codeBlocks ?? []) {
      must(previousEnd <= b.start && b.start < b.end && b.end <= d.text.length, files.documents, `document "${d.docId}" has a code block [${b.start}, ${b.end}) out of order or outside its text`);
      previousEnd = b.end;
    }
  });
  must(manifest.counts.chunks === chunks.length, files.segments, `holds ${chunks.length} chunks, the manifest counts ${manifest.counts.chunks}`);
  must(manifest.counts.sentences === sentences.length, files.segments, `holds ${sentences.length} sentences, the manifest counts ${manifest.counts.sentences}`);
  const perDoc = manifest.documents.reduce((s, d) => s + d.chunkCount, 0);
  must(perDoc === chunks.length, files.manifest, `per-document chunk counts add up to ${perDoc}, ${files.segments} holds ${chunks.length}`);

  for (let i = 0; i < chunks.length; i++) {
    const [doc, start, end, first, n] = chunks[i];
    must(doc < documents.length, files.segments, `chunk ${i} points at document ${doc}, there are ${documents.length}`);
    must(start <= end && end <= documents[doc].text.length, files.segments, `chunk ${i} spans [${start}, ${end}) outside its document`);
    must(first + n <= sentences.length, files.segments, `chunk ${i} names sentences past the last one`);
  }
  for (let i = 0; i < sentences.length; i++) {
    const [doc, start, end, chunk] = sentences[i];
    must(doc < documents.length, files.segments, `sentence ${i} points at document ${doc}, there are ${documents.length}`);
    must(start <= end && end <= documents[doc].text.length, files.segments, `sentence ${i} spans [${start}, ${end}) outside its document`);
    must(chunk < chunks.length, files.segments, `sentence ${i} points at chunk ${chunk}, there are ${chunks.length}`);
  }

  must(terms.offsets.length === sentences.length + 1, files.terms, 'does not match the sentence count');
  for (let i = 1; i < terms.offsets.length; i++) must(terms.offsets[i - 1] <= terms.offsets[i], files.terms, 'has offsets out of order');
  must(terms.offsets.length === 0 || terms.offsets[terms.offsets.length - 1] === terms.ids.length, files.terms, 'has offsets past its ids');
  let maxId = -1;
  for (let i = 0; i < terms.ids.length; i++) if (terms.ids[i] > maxId) maxId = terms.ids[i];
  must(maxId < vocab.length, files.terms, `uses token id ${maxId}, ${files.vocab} has ${vocab.length} tokens`);

  must(
    vectors.dimensions === manifest.embedder.dimensions,
    files.vectors,
    `holds ${vectors.dimensions}-dimensional vectors, the manifest says ${manifest.embedder.dimensions}`,
  );
  must(vectors.count === chunks.length, files.vectors, 'does not match the chunk count');
  must(vectors.count <= vectors.maxElements, files.vectors, 'has an invalid hnswlib header');
}
