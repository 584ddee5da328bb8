import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../ingest/ingest.js';
import { loadConfig } from '../../server/config.js';
import { buildRetrieval } from '../../server/build-services.js';
import { analyzeQuestion } from '../../server/core/query-analysis.js';
import type { TermStats } from '../../server/core/query-analysis.js';
import { createQueryEmbedder } from '../../server/shared/embeddings/create-embedder.js';
import { loadIndex } from '../../server/shared/index-format/load-index.js';
import type { LoadedIndex } from '../../server/shared/index-format/loaded-index.js';
import { LEXICAL_VECTOR_WEIGHT } from '../../server/retrieval/hybrid-retriever.js';
import { defaultBm25Params } from '../../server/retrieval/bm25-index.js';
import type { Retriever } from '../../server/retrieval/retriever.js';
import { createChunkTable, createPgHybridRetriever, loadChunkTable } from '../../server/retrieval/pg-hybrid-retriever.js';
import { defaultSentenceSearchParams } from '../../server/retrieval/bm25-index.js';

/**
 * Real pgvector SQL in-process (PGlite + its vector extension; Debian 12 has no pgvector package): the
 * article's index copied into a table and searched by the PostgreSQL retriever, next to the in-memory one.
 */
describe('PostgreSQL retriever (pgvector + pre-segmented tokens) on PGlite', { timeout: 120_000 }, () => {
  let work: string;
  let db: PGlite;
  let index: LoadedIndex;
  let stats: TermStats;
  let inMemory: Retriever;
  let inDatabase: Retriever;
  const chunkText = (c: number) => index.documents[index.chunks[c][0]].text.slice(index.chunks[c][1], index.chunks[c][2]);

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'corpus-qa-pgvector-'));
    const config = loadConfig({ INDEX_DIR: path.join(work, 'index'), LOG_LEVEL: 'silent' });
    await runIngest({ config, full: true });
    index = await loadIndex(config.indexDir);
    // Compared with the in-memory keyword search as the spike runs it: without a chunk's heading as a field (chunk-fields.ts).
    ({ retriever: inMemory, stats } = await buildRetrieval(config, index, { ...defaultBm25Params(), fields: undefined }));
    db = await PGlite.create({ extensions: { vector } });
    await createChunkTable(db, index.manifest.embedder.dimensions);
    await loadChunkTable(db, index);
    inDatabase = createPgHybridRetriever({ db, embedder: await createQueryEmbedder(config, index.manifest.embedder), vectorWeight: LEXICAL_VECTOR_WEIGHT, codeNameWeight: defaultSentenceSearchParams().codeNameWeight });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('holds every chunk with its vector and exactly its segmented tokens (numbers whole)', async () => {
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from retrieval_chunks');
    expect(rows[0].n).toBe(index.chunks.length);
    const at = index.chunks.findIndex((_, c) => chunkText(c).includes('210.71'));
    const lexemes = (await db.query<{ l: string[] }>('select tsvector_to_array(tokens) as l from retrieval_chunks where chunk = $1', [at])).rows[0].l;
    // Exactly the ingest's tokens of the chunk's sentences: no PostgreSQL parser re-splitting them.
    const [, , , first, count] = index.chunks[at];
    const expected = new Set<string>();
    for (let s = first; s < first + count; s++) for (let i = index.terms.offsets[s]; i < index.terms.offsets[s + 1]; i++) expected.add(index.vocab[index.terms.ids[i]]);
    expect(new Set(lexemes)).toEqual(expected);
    expect(lexemes).toContain('210.71');
  });

  it.each([
    ['沐曦股份的估值是多少?', '210.71'],
    ['摩尔线程有多少名员工?', '1126'],
  ])('%s: the chunk with the answer ranks first, as in memory', async (question, fact) => {
    const analyzed = analyzeQuestion(question, stats);
    const [fromDb] = await inDatabase.retrieve(analyzed, 5);
    const [fromMemory] = await inMemory.retrieve(analyzed, 5);
    expect(chunkText(fromDb.chunk)).toContain(fact);
    expect(fromDb.chunk).toBe(fromMemory.chunk);
  });

  it('a term with quotes or backslashes is a literal lexeme, not tsquery syntax', async () => {
    const analyzed = analyzeQuestion("it's a \\ test | ! & :*", stats);
    await expect(inDatabase.retrieve({ ...analyzed, terms: [...analyzed.terms, { term: "o'neil\\", weight: 1 } as never] }, 5)).resolves.toBeInstanceOf(Array);
  });
});
