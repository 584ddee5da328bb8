/**
 * Child process for the scale benchmark (one process per step, so peak RSS is per size):
 *   gen   <dir> <chunks>   writes <dir>/corpus and <dir>/questions.json
 *   ingest <dir>           runIngest into <dir>/index
 *   query  <dir> <n>       load time, answer latency, retrieval recall@5 of the planted facts
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runIngest } from '../../ingest/ingest.js';
import { loadConfig } from '../../server/config.js';
import { buildRetrieval, buildServices } from '../../server/core/build-services.js';
import { analyzeQuestion } from '../../server/generators/extractive/query-analysis.js';
import { loadIndex } from '../../server/index-store/load-index.js';
import { emit, round, summarize } from './stats.js';
import { generateCorpus, sampleQuestions, type PlantedQuestion } from './synthetic-corpus.js';

const configFor = (dir: string) =>
  loadConfig({ CORPUS_DIR: path.join(dir, 'corpus'), INDEX_DIR: path.join(dir, 'index'), LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', ANSWER_CACHE_SIZE: '0', ...(process.env.BENCH_DIMS ? { EMBEDDING_DIMENSIONS: process.env.BENCH_DIMS } : {}) });

const peakRssMb = () => round(process.resourceUsage().maxRSS / 1024, 1);

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) total += e.isFile() ? (await stat(path.join(dir, e.name))).size : 0;
  return total;
}

async function gen(dir: string, chunks: number) {
  const corpus = generateCorpus(chunks);
  for (const f of corpus.files) {
    const file = path.join(dir, 'corpus', f.source);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, f.text);
  }
  await writeFile(path.join(dir, 'questions.json'), JSON.stringify(corpus.questions));
  emit({ documents: corpus.files.length, chunks: corpus.chunks, questions: corpus.questions.length });
}

async function ingest(dir: string) {
  const summary = await runIngest({ config: configFor(dir), full: true });
  emit({
    documents: summary.documents,
    chunks: summary.chunks,
    sentences: summary.sentences,
    seconds: round(summary.seconds, 2),
    chunksPerSecond: Math.round(summary.chunks / summary.seconds),
    indexBytes: await dirBytes(summary.indexDir),
    peakRssMb: peakRssMb(),
  });
}

async function query(dir: string, n: number) {
  const config = configFor(dir);
  const t0 = performance.now();
  const index = await loadIndex(config.indexDir);
  const t1 = performance.now();
  const services = await buildServices({ config, index });
  const t2 = performance.now();
  const all = JSON.parse(await readFile(path.join(dir, 'questions.json'), 'utf8')) as PlantedQuestion[];
  const questions = sampleQuestions(all, n);
  const warmup = sampleQuestions(all.filter((q) => !questions.includes(q)), 100);

  // Where each planted fact lives: the chunk whose span contains it.
  const docIndex = new Map(index.documents.map((d, i) => [d.source, i]));
  const chunksByDoc = new Map<number, number[]>();
  index.chunks.forEach((c, i) => chunksByDoc.set(c[0], [...(chunksByDoc.get(c[0]) ?? []), i]));
  const factChunk = (q: PlantedQuestion) => {
    const d = docIndex.get(q.source)!;
    const at = index.documents[d].text.indexOf(q.fact);
    return chunksByDoc.get(d)!.find((c) => index.chunks[c][1] <= at && at < index.chunks[c][2]) ?? -1;
  };

  const { retriever, stats } = buildRetrieval(config, index);
  let hits = 0;
  for (const q of questions) {
    const top = await retriever.retrieve(analyzeQuestion(q.q, stats), 5);
    if (top.some((r) => r.chunk === factChunk(q))) hits++;
  }

  for (const q of warmup) await services.answerService.answerQuestion(q.q); // JIT warm-up on other questions
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let answered = 0;
  for (const q of questions) {
    const cpu0 = process.cpuUsage();
    const s = performance.now();
    const result = await services.answerService.answerQuestion(q.q);
    times.push(performance.now() - s);
    const cpu = process.cpuUsage(cpu0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    if (result.answer.replace(/\s+/g, '').includes(q.expect.replace(/\s+/g, ''))) answered++;
  }
  const lat = summarize(times);
  emit({
    loadIndexSeconds: round((t1 - t0) / 1000, 2),
    buildServicesSeconds: round((t2 - t1) / 1000, 2),
    readySeconds: round((t2 - t0) / 1000, 2),
    questions: questions.length,
    queryP50Ms: round(lat.p50),
    queryP99Ms: round(lat.p99),
    queryCpuP99Ms: round(summarize(cpuTimes).p99),
    recallAt5: round(hits / questions.length),
    answerContainsFact: round(answered / questions.length),
    peakRssMb: peakRssMb(),
  });
}

const [mode, dir, arg] = process.argv.slice(2);
const run = mode === 'gen' ? gen(dir, Number(arg)) : mode === 'ingest' ? ingest(dir) : mode === 'query' ? query(dir, Number(arg)) : Promise.reject(new Error(`unknown mode ${mode}`));
run.then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
