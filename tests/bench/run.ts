/**
 * `npm run bench [-- --smoke]`: answer latency vs bare MiniSearch (article and every question-bank corpus), dictionary RSS, HTTP /api/ask vs /api/health,
 * the product's quick look-ups, start-up and memory (compiled, as `npm start` runs it),
 * scale (1k/10k/100k synthetic chunks; --smoke: 1k only, short runs), server memory, and the ingest
 * of real documents (debian-reference-zh-cn HTML and PDF; not in --smoke). `-- --documents`: only that;
 * `-- --persistence`: only stored conversations against none (issue 12), `-- --scale-out`, `-- --pgvector` likewise.
 * Writes bench-results/bench-<time>.{json,md} and latest.{json,md}; prints the Markdown.
 * `-- --latency [--smoke]`: only the answer-latency section (article and bank corpora against bare MiniSearch, and
 * the dictionaries' RSS), written to latency-latest.{json,md}: minutes instead of the full run's half hour.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runIngest } from '../../ingest/ingest.js';
import { loadConfig } from '../../server/config.js';
import { benchAsk, benchHttp, startServer } from './http.js';
import { type benchLatency, loadDevCases } from './latency.js';
import { benchProduct, memoryLayers, type MemoryLayer, type ProductFigures } from './product.js';
import { benchScale, serverRss, type ScaleRow } from './scale.js';
import { REPO_ROOT, runChild } from './stats.js';
import { benchScaleOut, scaleOutMarkdown } from './scale-out.js';
import { benchPgvector, pgvectorMarkdown } from './pgvector.js';
import { benchPersistence, persistenceMarkdown } from './persistence.js';
import { benchDocuments, documentsMarkdown } from './documents.js';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const keep = args.includes('--keep');
// --scale-out: only the replicas-behind-nginx section (PostgreSQL + nginx), written to scale-out-latest.{json,md}.
const scaleOutOnly = args.includes('--scale-out');
// --pgvector: only the pgvector spike (retrieval in PGlite + pgvector vs in memory), written to pgvector-latest.{json,md}.
const pgvectorOnly = args.includes('--pgvector');
// --latency: only the answer latency against bare MiniSearch (article + bank), written to latency-latest.{json,md}.
const latencyOnly = args.includes('--latency');
// --persistence: only /api/ask with conversations stored against without, and the report over 100k messages
// (issue 12), written to persistence-latest.{json,md}; --cache=on|off: one answer-cache setting; --no-report: throughput only.
const persistenceOnly = args.includes('--persistence');
const sizesArg = args.find((a) => a.startsWith('--sizes='));
const sizes = sizesArg ? sizesArg.slice(8).split(',').map(Number) : smoke ? [1000] : [1000, 10_000, 100_000];
const DEV_QUESTIONS = [path.resolve(REPO_ROOT, '../shared/eval/qa-dev.json'), path.join(REPO_ROOT, 'tests/fixtures/own-questions.json')].find(existsSync)!;
const OUT_DIR = path.join(REPO_ROOT, 'bench-results');
const log = (s: string) => console.error(`[bench] ${s}`);

const TARGETS = {
  answerP50VsMiniSearch: 2,
  answerP99Ms: 1,
  askVsHealth: 0.6,
  ingestChunksPerSecond: 1000,
  queryP99Ms: 20,
  loadSeconds: 5,
  serverRssMb: 1536,
  recallAt5: 0.95,
  coldAskSeconds: 0.5,
  coldAskVsNode: 10,
  serverAskSeconds: 0.2,
  articleRssMb: 150,
  readySeconds: 1,
  /** Server RSS at 100k chunks before this work (tsx-run server, README of 2026-11-25). */
  largestRssBeforeMb: 701,
  dictionaryMb: 60,
};

/** The load averages (1, 5, 15 min) to two decimals, as every figures file records them. */
const loadNow = () => os.loadavg().map((x) => Number(x.toFixed(2)));

/** Runs `body` in a fresh temporary directory, removed afterwards unless `--keep`. */
async function inWorkDir<T>(prefix: string, body: (workDir: string) => Promise<T>): Promise<T> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), prefix));
  try {
    return await body(workDir);
  } finally {
    if (!keep) await rm(workDir, { recursive: true, force: true });
  }
}

/** Writes a section's figures as `<name>.json` and `<name>.md` under bench-results/. */
async function writeFigures(name: string, result: unknown, md: string): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(path.join(OUT_DIR, `${name}.json`), JSON.stringify(result, null, 1));
  await writeFile(path.join(OUT_DIR, `${name}.md`), md);
}

/** The scale-out section alone (`npm run bench -- --scale-out [--smoke]`). */
async function scaleOutMain(): Promise<void> {
  await inWorkDir('corpus-qa-bench-', async (workDir) => {
    const cases = await loadDevCases(DEV_QUESTIONS);
    const result = { date: new Date().toISOString(), smoke, loadAverage: loadNow(), ...(await benchScaleOut({ smoke, workDir, questions: cases.filter((c) => !c.history?.length).map((c) => c.q), log })) };
    const md = `Scale-out benchmark (${smoke ? 'smoke' : 'full'}) — ${result.date.slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores, load average (1 min) ${result.loadAverage[0]} at start\n\n${scaleOutMarkdown(result)}`;
    await writeFigures(`scale-out-latest${smoke ? '-smoke' : ''}`, result, md);
    console.log(md);
    if (result.throughput.some((t) => t.errors > 0 || t.non2xx > 0)) throw new Error('scale-out benchmark saw failed requests');
  });
}

/** `--documents`: the real-document ingest alone (its own figures file, documents-latest.md). */
async function documentsOnly() {
  await inWorkDir('corpus-qa-bench-docs-', async (workDir) => {
    const load = os.loadavg()[0].toFixed(2);
    const rows = await benchDocuments(workDir, log);
    const md = [`Document ingest — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores, Node ${process.version}; load average (1 min) ${load} at start, ${os.loadavg()[0].toFixed(2)} at end`, ...documentsMarkdown(rows)].join('\n');
    await writeFigures('documents-latest', rows, md);
    console.log(md);
  });
}

/** The pgvector spike alone (`npm run bench -- --pgvector [--smoke] [--sizes=1000,10000]`). */
async function pgvectorMain(): Promise<void> {
  await inWorkDir('corpus-qa-bench-', async (workDir) => {
    const load = os.loadavg()[0].toFixed(2);
    const rows = await benchPgvector(workDir, sizesArg ? sizes : smoke ? [1000] : [1000, 10_000], smoke ? 50 : 200, log);
    const md = `pgvector spike — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores, load average (1 min) ${load} at start\n\n${pgvectorMarkdown(rows)}`;
    await writeFigures('pgvector-latest', rows, md);
    console.log(md);
  });
}

/** The answer-latency section: the article (ingested into workDir) with the dev questions, then every bank corpus with its own. */
async function latencySection(workDir: string) {
  const config = loadConfig({ CORPUS_DIR: path.join(REPO_ROOT, 'corpus'), INDEX_DIR: path.join(workDir, 'article', 'index'), LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' });
  await runIngest({ config, full: true });
  const latency = await runChild<Awaited<ReturnType<typeof benchLatency>>>('latency-child.ts', [config.indexDir, DEV_QUESTIONS, String(smoke ? 5 : 40)], { timeoutMs: 120_000 });
  log(`answer p50 ${latency.answerP50Ms} ms (MiniSearch ${latency.miniSearchP50Ms} ms, ×${latency.p50Ratio}), p99 ${latency.answerP99Ms} ms`);
  // Every corpus of the question bank with its own questions, and the dictionaries' memory.
  const bank = await runChild<BankLatency>('bank-latency-child.ts', [String(smoke ? 2 : 5)], { timeoutMs: 900_000, nodeArgs: ['--expose-gc'] });
  for (const b of bank.perCorpus) log(`bank ${b.corpus}: answer p50 ${b.answerP50Ms} ms, MiniSearch ${b.miniSearchP50Ms} ms, ×${b.p50Ratio}`);
  log(`dictionaries: +${bank.dictionaries.addedMb} MB RSS, first question ${bank.dictionaries.firstQuestionMs} ms`);
  return { config, latency, bank };
}

/** `--latency`: the answer-latency section alone (latency-latest.{json,md}). */
async function latencyMain(): Promise<void> {
  await inWorkDir('corpus-qa-bench-latency-', async (workDir) => {
    const loadAtStart = loadNow();
    const { latency: l, bank: b } = await latencySection(workDir);
    const date = new Date().toISOString();
    const result = { date, smoke, loadAverage: { start: loadAtStart, end: loadNow() }, devQuestions: path.relative(REPO_ROOT, DEV_QUESTIONS), latency: l, bank: b };
    const ok = (ratio: number) => (ratio <= TARGETS.answerP50VsMiniSearch ? 'met' : '**missed**');
    const md = [
      `Answer latency (${smoke ? 'smoke' : 'full'}, \`npm run bench -- --latency\`) — ${date.slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores, Node ${process.version}; load average (1 min) ${loadAtStart[0]} at start, ${result.loadAverage.end[0]} at end`,
      '',
      `| Corpus (in-process, answer cache off, interleaved with MiniSearch) | questions × rounds | sentences | answer p50 | MiniSearch p50 | ratio (target ≤ ${TARGETS.answerP50VsMiniSearch}) |`,
      '|---|---|---|---|---|---|',
      `| article, ${path.basename(DEV_QUESTIONS)} | ${l.questions} × ${l.samples / l.questions} | ${l.sentences} | ${l.answerP50Ms} ms | ${l.miniSearchP50Ms} ms | ×${l.p50Ratio} ${ok(l.p50Ratio)} |`,
      ...b.perCorpus.map((c) => `| bank: ${c.corpus} | ${c.questions} × ${c.samples / c.questions} | ${c.sentences} | ${c.answerP50Ms} ms | ${c.miniSearchP50Ms} ms | ×${c.p50Ratio} ${ok(c.p50Ratio)} |`),
      '',
      `Dictionaries at the first question: +${b.dictionaries.addedMb} MB RSS (target ≤ ${TARGETS.dictionaryMb} MB: ${b.dictionaries.addedMb <= TARGETS.dictionaryMb ? 'met' : '**missed**'}), first question ${b.dictionaries.firstQuestionMs} ms.`,
    ].join('\n');
    await writeFigures(`latency-latest${smoke ? '-smoke' : ''}`, result, md);
    console.log(md);
  });
}

/** The persistence section alone (`npm run bench -- --persistence [--smoke] [--cache=on|off] [--no-report]`). */
async function persistenceMain(): Promise<void> {
  await inWorkDir('corpus-qa-bench-', async (workDir) => {
    const loadAtStart = loadNow();
    const started = new Date().toISOString();
    const config = loadConfig({ CORPUS_DIR: path.join(REPO_ROOT, 'corpus'), INDEX_DIR: path.join(workDir, 'index'), LOG_LEVEL: 'silent' });
    await runIngest({ config, full: true });
    const cases = await loadDevCases(DEV_QUESTIONS);
    const cache = args.find((a) => a.startsWith('--cache='))?.slice('--cache='.length);
    const caches = cache === 'on' || cache === 'off' ? [cache as 'on' | 'off'] : undefined;
    const persistence = await benchPersistence(config.indexDir, workDir, cases.filter((c) => !c.history?.length).map((c) => c.q), { smoke, caches, report: !args.includes('--no-report'), log });
    const loadAtEnd = loadNow();
    const result = { date: started, smoke, cores: os.cpus().length, node: process.version, loadAverage: { start: loadAtStart, end: loadAtEnd }, persistence };
    const md = [
      `Persistence benchmark (${smoke ? 'smoke' : 'full'}) — ${started.slice(0, 16).replace('T', ' ')} UTC, ${result.cores} cores, Node ${result.node}; load average (1 / 5 / 15 min) ${loadAtStart.join(' / ')} at start, ${loadAtEnd.join(' / ')} at end`,
      '',
      ...persistenceMarkdown(persistence),
    ].join('\n');
    await writeFigures(`persistence-latest${smoke ? '-smoke' : ''}`, result, md);
    console.log(md);
    if (persistence.throughput.some((t) => t.errors > 0 || t.non2xx > 0)) throw new Error('persistence benchmark saw failed requests');
  });
}

interface BankLatency {
  dictionaries: { rssBeforeMb: number; rssAfterMb: number; addedMb: number; peakRssBeforeMb: number; peakRssAfterMb: number; firstQuestionMs: number };
  perCorpus: Array<Awaited<ReturnType<typeof benchLatency>> & { corpus: string }>;
}

async function main() {
  if (args.includes('--documents')) return documentsOnly();
  if (latencyOnly) return latencyMain();
  const started = Date.now();
  const loadAtStart = loadNow();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-bench-'));
  const machine = { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.arch()}`, memoryGb: Math.round(os.totalmem() / 2 ** 30) };
  log(`${smoke ? 'smoke' : 'full'} run, sizes ${sizes.join(', ')}, ${machine.cores} cores, Node ${machine.node}, work dir ${workDir}`);
  try {
    // 1. The real article, and 1b. every corpus of the question bank.
    const { config, latency, bank } = await latencySection(workDir);
    const cases = await loadDevCases(DEV_QUESTIONS);

    // 2. The product as run by npm: look-ups, ready time, memory after the dev questions.
    const product = { ...(await benchProduct(config.indexDir, cases, smoke ? 3 : 10, log)), memoryLayers: await memoryLayers(config.indexDir) };

    // 3. HTTP on the article index.
    const server = await startServer(config.indexDir);
    let http;
    try {
      http = await benchHttp(server, cases.filter((c) => !c.history?.length).map((c) => c.q), smoke ? 2 : 10);
    } finally {
      server.stop();
    }
    // The same questions with the answer cache off: every request computes its answer.
    const uncachedServer = await startServer(config.indexDir, 60_000, { ANSWER_CACHE_SIZE: '0' });
    let askUncached;
    try {
      askUncached = await benchAsk(uncachedServer, cases.filter((c) => !c.history?.length).map((c) => c.q), smoke ? 2 : 10);
    } finally {
      uncachedServer.stop();
    }
    http = { ...http, askUncached, uncachedRatio: Math.round((askUncached.reqPerSec / Math.max(1, http.health.reqPerSec)) * 1000) / 1000 };
    log(`HTTP ask ${http.ask.reqPerSec} req/s (uncached ${askUncached.reqPerSec}), health ${http.health.reqPerSec} req/s (×${http.ratio}, uncached ×${http.uncachedRatio})`);

    // Conversations stored (SQLite, PostgreSQL when TEST_DATABASE_URL/BENCH_DATABASE_URL is set) vs not; the report over 100k messages.
    const persistence = await benchPersistence(config.indexDir, workDir, cases.filter((c) => !c.history?.length).map((c) => c.q), { smoke, log });

    // 3. Scale, 4. memory at the largest size.
    const scale: ScaleRow[] = [];
    for (const size of sizes) scale.push(await benchScale(workDir, size, smoke ? 100 : 500, log));
    const largest = sizes[sizes.length - 1];
    const memory = { articleRssMb: product.articleRssMb, largest: await serverRss(workDir, largest, smoke ? 20 : 100) };
    log(`server RSS: article ${memory.articleRssMb} MB, ${largest} chunks ${memory.largest.rssMb} MB`);
    // 5. Real documents (HTML and PDF extraction included); minutes, so not in the smoke run.
    const documents = smoke ? undefined : await benchDocuments(workDir, log);

    // 6. Replicas behind nginx on PostgreSQL, and bytes per chunk (skipped with a note without PostgreSQL/nginx).
    const scaleOut = await benchScaleOut({ smoke, workDir: path.join(workDir, 'scale-out'), questions: cases.filter((c) => !c.history?.length).map((c) => c.q), log });

    const result = { date: new Date().toISOString(), smoke, machine, loadAverage: { start: loadAtStart, end: loadNow() }, devQuestions: path.relative(REPO_ROOT, DEV_QUESTIONS), latency, bank, product, http, scale, memory, documents, persistence, scaleOut, seconds: Math.round((Date.now() - started) / 1000) };
    const md = [markdown(result), ...(smoke ? [] : documentsMarkdown(documents)), ...persistenceMarkdown(persistence), '', scaleOutMarkdown(scaleOut)].join('\n');
    const stamp = result.date.replace(/[:.]/g, '-');
    for (const name of [`bench-${stamp}${smoke ? '-smoke' : ''}`, smoke ? 'latest-smoke' : 'latest']) await writeFigures(name, result, md);
    console.log(md);
    if (scale.some((r) => r.recallAt5 === 0 || !Number.isFinite(r.queryP50Ms))) throw new Error('scale benchmark produced no usable figures');
  } finally {
    if (!keep) await rm(workDir, { recursive: true, force: true });
  }
}

function markdown(r: {
  date: string;
  smoke: boolean;
  machine: { cores: number; cpu: string; node: string; platform: string; memoryGb: number };
  loadAverage: { start: number[]; end: number[] };
  latency: Awaited<ReturnType<typeof benchLatency>>;
  product: ProductFigures & { memoryLayers: MemoryLayer[] };
  bank: BankLatency;
  http: Awaited<ReturnType<typeof benchHttp>> & { askUncached: Awaited<ReturnType<typeof benchAsk>>; uncachedRatio: number };
  scale: ScaleRow[];
  memory: { articleRssMb: number; largest: { chunks: number; rssMb: number; readySeconds: number } };
  seconds: number;
}): string {
  const ok = (met: boolean) => (met ? 'met' : '**missed**');
  const { latency: l, http: h, scale, memory: m, product: p, bank: b } = r;
  const big = scale[scale.length - 1];
  const lines = [
    `Benchmarks (${r.smoke ? 'smoke run' : 'full run'}) — ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.machine.cores} cores (${r.machine.cpu}), Node ${r.machine.node}, ${r.machine.platform}, ${r.seconds} s; load average (1 min) ${r.loadAverage.start[0]} at start, ${r.loadAverage.end[0]} at end`,
    '',
    '| Answer latency on the article (in-process) | p50 | p99 |',
    '|---|---|---|',
    `| answerQuestion, ${l.questions} dev questions × ${l.samples / l.questions} rounds | ${l.answerP50Ms} ms | ${l.answerP99Ms} ms |`,
    `| bare MiniSearch (Intl.Segmenter words) over the same ${l.sentences} sentences | ${l.miniSearchP50Ms} ms | ${l.miniSearchP99Ms} ms |`,
    `| ratio answer / MiniSearch | ×${l.p50Ratio} | |`,
    '',
    `| The product, compiled (\`node server/build/launch.mjs\`, what the npm scripts exec), median of ${p.rounds} | wall | × \`node -e 0\` |`,
    '|---|---|---|',
    `| bare \`node -e 0\` (same run, interleaved) | ${p.nodeBaselineSeconds} s | ×1 |`,
    `| quick look-up, cold, no server (\`corpus-ask "…"\`: in-process) | ${p.coldAskSeconds} s | ×${p.coldAskRatio} |`,
    `| quick look-up with the server running (one HTTP round trip) | ${p.serverAskSeconds} s | ×${p.serverAskRatio} |`,
    `| the same cold look-up through \`npm run ask\` / \`npx corpus-ask\` (npm's own start-up included) | ${p.npmRunAskSeconds} s / ${p.npxAskSeconds} s | |`,
    `| server start to ready (article; runs: ${p.readyRuns.join(', ')} s) | ${p.readySeconds} s | |`,
    `| server RSS after the ${p.devQuestions} dev questions (peak ${p.articlePeakRssMb} MB), processes: ${p.serverProcesses} | ${p.articleRssMb} MB | |`,
    '',
    '| What the server RSS is made of (tests/bench/memory-layers.mjs: the compiled server loaded layer by layer, GC before each reading) | RSS | added |',
    '|---|---|---|',
    ...p.memoryLayers.map((x) => `| ${x.layer} | ${x.rssMb} MB | +${x.deltaMb} MB |`),
    '',
    '| Question bank corpus (its own questions, in-process) | sentences | answer p50 | MiniSearch p50 | ratio |',
    '|---|---|---|---|---|',
    ...b.perCorpus.map((c) => `| ${c.corpus} (${c.questions} questions) | ${c.sentences} | ${c.answerP50Ms} ms | ${c.miniSearchP50Ms} ms | ×${c.p50Ratio} |`),
    '',
    `| Dictionaries at the first question (the lexicon comes with the index, jieba with its self-test; before issue 14 CC-CEDICT was parsed here) | RSS before | after | added | peak RSS before → after | first question |`,
    '|---|---|---|---|---|---|',
    `| article index | ${b.dictionaries.rssBeforeMb} MB | ${b.dictionaries.rssAfterMb} MB | ${b.dictionaries.addedMb} MB | ${b.dictionaries.peakRssBeforeMb} → ${b.dictionaries.peakRssAfterMb} MB | ${b.dictionaries.firstQuestionMs} ms |`,
    '',
    `| HTTP (autocannon, loopback, ${h.connections} connections, ${h.durationSeconds} s) | req/s | p50 | p99 | errors/non-2xx |`,
    '|---|---|---|---|---|',
    `| GET /api/health | ${h.health.reqPerSec} | ${h.health.p50Ms} ms | ${h.health.p99Ms} ms | ${h.health.errors}/${h.health.non2xx} |`,
    `| POST /api/ask (default: answer cache on, the dev questions repeat) | ${h.ask.reqPerSec} | ${h.ask.p50Ms} ms | ${h.ask.p99Ms} ms | ${h.ask.errors}/${h.ask.non2xx} |`,
    `| POST /api/ask with ANSWER_CACHE_SIZE=0 (every answer computed) | ${h.askUncached.reqPerSec} | ${h.askUncached.p50Ms} ms | ${h.askUncached.p99Ms} ms | ${h.askUncached.errors}/${h.askUncached.non2xx} |`,
    `| POST /api/ask with an empty question (400: body parsing and error path, no answering) | ${h.invalidAsk.reqPerSec} | ${h.invalidAsk.p50Ms} ms | ${h.invalidAsk.p99Ms} ms | ${h.invalidAsk.errors}/${h.invalidAsk.non2xx} (all 400) |`,
    `| ratio ask / health: cached ×${h.ratio}, uncached ×${h.uncachedRatio} (400 floor ×${h.invalidAskRatio}) | | | | |`,
    '',
    '| Synthetic chunks | docs | ingest chunks/s | ingest s | index on disk | ingest peak RSS | load + ready | query p50 | query p99 | recall@5 | answer has fact | query peak RSS |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...scale.map(
      (s) =>
        `| ${s.chunks} | ${s.documents} | ${s.chunksPerSecond} | ${s.ingestSeconds} | ${s.indexMb} MB | ${s.ingestPeakRssMb} MB | ${s.loadIndexSeconds} + ${s.readySeconds - s.loadIndexSeconds > 0 ? (s.readySeconds - s.loadIndexSeconds).toFixed(2) : 0} s | ${s.queryP50Ms} ms | ${s.queryP99Ms} ms | ${s.recallAt5} | ${s.answerContainsFact} | ${s.queryPeakRssMb} MB |`,
    ),
    '',
    `| Server RSS (the product server, running, after answering) | article: ${m.articleRssMb} MB | ${m.largest.chunks} chunks: ${m.largest.rssMb} MB (ready in ${m.largest.readySeconds} s) |`,
    '|---|---|---|',
    '',
    `| Target (2 cores) | measured | |`,
    '|---|---|---|',
    `| answer p50 ≤ ${TARGETS.answerP50VsMiniSearch}× MiniSearch | ×${l.p50Ratio} | ${ok(l.p50Ratio <= TARGETS.answerP50VsMiniSearch)} |`,
    ...b.perCorpus.map((c) => `| answer p50 ≤ ${TARGETS.answerP50VsMiniSearch}× MiniSearch (bank: ${c.corpus}) | ×${c.p50Ratio} | ${ok(c.p50Ratio <= TARGETS.answerP50VsMiniSearch)} |`),
    `| dictionaries add ≤ ${TARGETS.dictionaryMb} MB RSS | ${b.dictionaries.addedMb} MB | ${ok(b.dictionaries.addedMb <= TARGETS.dictionaryMb)} |`,
    `| answer p99 ≤ ${TARGETS.answerP99Ms} ms (article) | ${l.answerP99Ms} ms | ${ok(l.answerP99Ms <= TARGETS.answerP99Ms)} |`,
    `| /api/ask ≥ ${TARGETS.askVsHealth * 100}% of /api/health req/s (answer cache on) | ${(h.ratio * 100).toFixed(0)}% | ${ok(h.ratio >= TARGETS.askVsHealth)} |`,
    `| the same with ANSWER_CACHE_SIZE=0 (every answer computed) | ${(h.uncachedRatio * 100).toFixed(0)}% | ${ok(h.uncachedRatio >= TARGETS.askVsHealth)} |`,
    `| ingest ≥ ${TARGETS.ingestChunksPerSecond} chunks/s (${big.chunks} chunks) | ${big.chunksPerSecond} | ${ok(big.chunksPerSecond >= TARGETS.ingestChunksPerSecond)} |`,
    `| query p99 ≤ ${TARGETS.queryP99Ms} ms (${big.chunks} chunks) | ${big.queryP99Ms} ms | ${ok(big.queryP99Ms <= TARGETS.queryP99Ms)} |`,
    `| index load ≤ ${TARGETS.loadSeconds} s (${big.chunks} chunks, load + BM25 build) | ${big.readySeconds} s | ${ok(big.readySeconds <= TARGETS.loadSeconds)} |`,
    `| server RSS ≤ 1.5 GB (${m.largest.chunks} chunks) | ${m.largest.rssMb} MB | ${ok(m.largest.rssMb <= TARGETS.serverRssMb)} |`,
    `| server RSS at ${m.largest.chunks} chunks ≤ before this work (${TARGETS.largestRssBeforeMb} MB at 100k; compare at 100k only) | ${m.largest.rssMb} MB | ${m.largest.chunks >= 100_000 ? ok(m.largest.rssMb <= TARGETS.largestRssBeforeMb) : 'n/a (smaller size)'} |`,
    `| quick look-up cold ≤ ${TARGETS.coldAskSeconds} s and ≤ ${TARGETS.coldAskVsNode}× \`node -e 0\` | ${p.coldAskSeconds} s, ×${p.coldAskRatio} | ${ok(p.coldAskSeconds <= TARGETS.coldAskSeconds && p.coldAskRatio <= TARGETS.coldAskVsNode)} |`,
    `| quick look-up with the server ≤ ${TARGETS.serverAskSeconds} s | ${p.serverAskSeconds} s | ${ok(p.serverAskSeconds <= TARGETS.serverAskSeconds)} |`,
    `| server RSS after the dev questions ≤ ${TARGETS.articleRssMb} MB (article), one process | ${p.articleRssMb} MB, ${p.serverProcesses} | ${ok(p.articleRssMb <= TARGETS.articleRssMb && p.serverProcesses === 1)} |`,
    `| ready ≤ ${TARGETS.readySeconds} s after start (article) | ${p.readySeconds} s | ${ok(p.readySeconds <= TARGETS.readySeconds)} |`,
    `| planted-fact recall@5 ≥ ${TARGETS.recallAt5} (${big.chunks} chunks) | ${big.recallAt5} | ${ok(big.recallAt5 >= TARGETS.recallAt5)} |`,
  ];
  return lines.join('\n') + '\n';
}

(scaleOutOnly ? scaleOutMain() : pgvectorOnly ? pgvectorMain() : persistenceOnly ? persistenceMain() : main()).then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
