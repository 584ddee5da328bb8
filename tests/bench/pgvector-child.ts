/**
 * The pgvector spike, in its own process: the same synthetic index searched by the in-memory hybrid
 * retriever (BM25 + hnswlib) and by the PostgreSQL one (pgvector HNSW + ts_rank on pre-segmented tokens)
 * running in PGlite with its vector extension. Reports planted-fact recall@5 and retrieval latency of both,
 * and how long loading the chunks into the database took. Usage: pgvector-child.ts <scale dir> <questions>
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { loadConfig } from '../../server/config.js';
import { buildRetrieval } from '../../server/build-services.js';
import { analyzeQuestion } from '../../server/core/query-analysis.js';
import { createQueryEmbedder } from '../../server/shared/embeddings/create-embedder.js';
import { LOCAL_EMBEDDER_NAME } from '../../server/shared/embeddings/local-lexical-embeddings.js';
import { loadIndex } from '../../server/shared/index-format/load-index.js';
import { LEXICAL_VECTOR_WEIGHT } from '../../server/retrieval/hybrid-retriever.js';
import type { Retriever } from '../../server/retrieval/retriever.js';
import { createChunkTable, createPgHybridRetriever, loadChunkTable } from '../../server/retrieval/pg-hybrid-retriever.js';
import { emit, round, summarize } from './stats.js';
import { sampleQuestions, type PlantedQuestion } from './synthetic-corpus.js';
import { defaultSentenceSearchParams } from '../../server/retrieval/bm25-index.js';

const [dir, n] = process.argv.slice(2);
const config = loadConfig({ CORPUS_DIR: path.join(dir, 'corpus'), INDEX_DIR: path.join(dir, 'index'), LOG_LEVEL: 'silent' });
const index = await loadIndex(config.indexDir);
const questions = sampleQuestions(JSON.parse(await readFile(path.join(dir, 'questions.json'), 'utf8')) as PlantedQuestion[], Number(n));

const docIndex = new Map(index.documents.map((d, i) => [d.source, i]));
const factChunk = (q: PlantedQuestion) => {
  const d = docIndex.get(q.source)!;
  const at = index.documents[d].text.indexOf(q.fact);
  return index.chunks.findIndex((c) => c[0] === d && c[1] <= at && at < c[2]);
};

const { retriever: inMemory, stats } = await buildRetrieval(config, index);
const t0 = performance.now();
const db = await PGlite.create({ extensions: { vector } });
await createChunkTable(db, index.manifest.embedder.dimensions);
await loadChunkTable(db, index);
const loadSeconds = (performance.now() - t0) / 1000;
const embedder = await createQueryEmbedder(config, index.manifest.embedder);
const inDatabase = createPgHybridRetriever({ db, embedder, vectorWeight: index.manifest.embedder.name === LOCAL_EMBEDDER_NAME ? LEXICAL_VECTOR_WEIGHT : 1, codeNameWeight: defaultSentenceSearchParams().codeNameWeight });

async function measure(retriever: Retriever) {
  let hits = 0;
  const times: number[] = [];
  for (const q of questions) {
    const analyzed = analyzeQuestion(q.q, stats);
    const s = performance.now();
    const top = await retriever.retrieve(analyzed, 5);
    times.push(performance.now() - s);
    if (top.some((r) => r.chunk === factChunk(q))) hits++;
  }
  const lat = summarize(times);
  return { recallAt5: round(hits / questions.length), p50Ms: round(lat.p50), p99Ms: round(lat.p99) };
}

await measure(inDatabase); // warm-up (JIT, PGlite's caches), not reported
emit({ chunks: index.chunks.length, questions: questions.length, loadSeconds: round(loadSeconds, 2), inMemory: await measure(inMemory), pgvector: await measure(inDatabase) });
await db.close();
