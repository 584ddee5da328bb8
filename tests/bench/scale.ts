/** Scale benchmark: synthetic corpora of growing size, each step in its own child process. */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlantedQuestion } from './synthetic-corpus.js';
import { mb, runChild } from './stats.js';
import { askAll, freePort, startProductServer } from './product.js';

export interface ScaleRow {
  targetChunks: number;
  documents: number;
  chunks: number;
  ingestSeconds: number;
  chunksPerSecond: number;
  indexMb: number;
  ingestPeakRssMb: number;
  loadIndexSeconds: number;
  readySeconds: number;
  queryP50Ms: number;
  queryP99Ms: number;
  queryCpuP99Ms: number;
  recallAt5: number;
  answerContainsFact: number;
  queryPeakRssMb: number;
}

export async function benchScale(workDir: string, size: number, questions: number, log: (s: string) => void): Promise<ScaleRow> {
  const dir = path.join(workDir, `scale-${size}`);
  await mkdir(dir, { recursive: true });
  const timeoutMs = 60_000 + size * 3; // 100k chunks: 6 min per step at most
  const g = await runChild<{ documents: number; chunks: number }>('scale-child.ts', ['gen', dir, String(size)], { timeoutMs });
  log(`  ${size}: generated ${g.documents} documents, ${g.chunks} chunks`);
  const i = await runChild<{ chunks: number; seconds: number; chunksPerSecond: number; indexBytes: number; peakRssMb: number }>('scale-child.ts', ['ingest', dir], {
    timeoutMs,
  });
  log(`  ${size}: ingest ${i.seconds} s (${i.chunksPerSecond} chunks/s)`);
  type QueryFigures = Pick<ScaleRow, 'loadIndexSeconds' | 'readySeconds' | 'queryP50Ms' | 'queryP99Ms' | 'queryCpuP99Ms' | 'recallAt5' | 'answerContainsFact'>;
  const q = await runChild<QueryFigures & { peakRssMb: number }>('scale-child.ts', ['query', dir, String(questions)], { timeoutMs });
  log(`  ${size}: query p50 ${q.queryP50Ms} ms, p99 ${q.queryP99Ms} ms, recall@5 ${q.recallAt5}`);
  return {
    targetChunks: size,
    documents: g.documents,
    chunks: i.chunks,
    ingestSeconds: i.seconds,
    chunksPerSecond: i.chunksPerSecond,
    indexMb: mb(i.indexBytes),
    ingestPeakRssMb: i.peakRssMb,
    loadIndexSeconds: q.loadIndexSeconds,
    readySeconds: q.readySeconds,
    queryP50Ms: q.queryP50Ms,
    queryP99Ms: q.queryP99Ms,
    queryCpuP99Ms: q.queryCpuP99Ms,
    recallAt5: q.recallAt5,
    answerContainsFact: q.answerContainsFact,
    queryPeakRssMb: q.peakRssMb,
  };
}

/** RSS of the product server (as `npm start` runs it) over a scale index after it has answered `n` planted questions. */
export async function serverRss(workDir: string, size: number, n: number): Promise<{ chunks: number; readySeconds: number; rssMb: number }> {
  const dir = path.join(workDir, `scale-${size}`);
  const questions = (JSON.parse(await readFile(path.join(dir, 'questions.json'), 'utf8')) as PlantedQuestion[]).slice(0, n);
  // Its own corpus: with the article's (startProductServer's default) the server saw a changed corpus and
  // re-ingested at start, so the figure measured an ingest over the synthetic index, not serving it.
  const server = await startProductServer(path.join(dir, 'index'), await freePort(), { CORPUS_DIR: path.join(dir, 'corpus') });
  try {
    await askAll(server.url, questions);
    return { chunks: size, readySeconds: server.readySeconds, rssMb: server.rssMb() };
  } finally {
    await server.stop();
  }
}
