/**
 * Scale-out benchmark (issue 13):
 *  - POST /api/ask throughput through nginx with 1, 2 and 3 replicas on one PostgreSQL (every answer
 *    computed: ANSWER_CACHE_SIZE=0), plus one replica without nginx as the baseline;
 *  - bytes per chunk a replica holds in memory: server RSS over two synthetic corpus sizes (the slope),
 *    and the index bytes on disk per chunk. The README's sizing table is computed from these.
 * Needs PostgreSQL (SCALE_TEST_DATABASE_URL or BENCH_DATABASE_URL: a role that may create a throwaway
 * database) and nginx; without them the section is skipped with a note.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import { startCluster } from '../../server/deploy/cluster.js';
import { createThrowawayDatabase } from '../helpers/scale-database.js';
import { serverRss } from './scale.js';
import { round, runChild } from './stats.js';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync);
const ADMIN_URL = process.env.BENCH_DATABASE_URL?.trim() || process.env.SCALE_TEST_DATABASE_URL?.trim();

export interface ThroughputRow {
  replicas: number;
  viaNginx: boolean;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export interface MemoryPoint {
  chunks: number;
  rssMb: number;
  indexBytes: number;
  /** Extracted text of the documents (documents.json): what one chunk stands for in corpus terms. */
  textBytes: number;
}

export interface ScaleOutResult {
  skipped?: string;
  connections: number;
  seconds: number;
  throughput: ThroughputRow[];
  memory: MemoryPoint[];
  /** Marginal RSS per chunk (slope between the two sizes) and the fixed part (intercept). */
  bytesPerChunk: number;
  baseRssMb: number;
  indexBytesPerChunk: number;
  textBytesPerChunk: number;
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? await dirBytes(p) : (await stat(p)).size;
  }
  return total;
}

async function askLoad(url: string, questions: string[], connections: number, seconds: number): Promise<Omit<ThroughputRow, 'replicas' | 'viaNginx'>> {
  const requests = questions.map((q) => ({ method: 'POST', path: '/api/ask', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: q }) }));
  // Unmeasured warm-up: JIT, connection pools (nginx keepalive, PostgreSQL) and the replicas' first answers.
  await autocannon({ url, connections, duration: Math.max(2, Math.round(seconds / 3)), timeout: 30, requests });
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 30,
    requests,
  });
  return { reqPerSec: Math.round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

export async function benchScaleOut(opts: { smoke: boolean; workDir: string; questions: string[]; log: (s: string) => void }): Promise<ScaleOutResult> {
  const connections = 32;
  const seconds = opts.smoke ? 3 : 15;
  const empty = { connections, seconds, throughput: [], memory: [], bytesPerChunk: NaN, baseRssMb: NaN, indexBytesPerChunk: NaN, textBytesPerChunk: NaN };
  if (!ADMIN_URL) return { ...empty, skipped: 'no PostgreSQL (set SCALE_TEST_DATABASE_URL or BENCH_DATABASE_URL)' };
  if (!NGINX) return { ...empty, skipped: 'nginx is not installed' };

  // 1. Throughput through nginx, one cluster per replica count, all on the same shared store.
  const db = await createThrowawayDatabase(ADMIN_URL);
  const throughput: ThroughputRow[] = [];
  try {
    for (const replicas of [1, 2, 3]) {
      const cluster = await startCluster({
        replicas,
        databaseUrl: db.url,
        nginxBin: NGINX,
        workDir: path.join(opts.workDir, `cluster-${replicas}`),
        env: { ANSWER_CACHE_SIZE: '0', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'error' },
      });
      try {
        if (replicas === 1) {
          const direct = await askLoad(cluster.replicas[0].url, opts.questions, connections, seconds);
          throughput.push({ replicas, viaNginx: false, ...direct });
          opts.log(`scale-out: 1 replica direct ${direct.reqPerSec} req/s (p99 ${direct.p99Ms} ms)`);
        }
        const row = { replicas, viaNginx: true, ...(await askLoad(cluster.url, opts.questions, connections, seconds)) };
        throughput.push(row);
        opts.log(`scale-out: ${replicas} replica(s) via nginx ${row.reqPerSec} req/s (p99 ${row.p99Ms} ms, errors ${row.errors}, non-2xx ${row.non2xx})`);
      } finally {
        await cluster.stop();
      }
    }
  } finally {
    await db.drop();
  }

  // 2. Memory per chunk: the production server over two synthetic corpora; the slope is what each chunk costs.
  const sizes = opts.smoke ? [1000, 4000] : [2000, 20_000];
  const memory: MemoryPoint[] = [];
  for (const size of sizes) {
    const dir = path.join(opts.workDir, `scale-${size}`);
    await mkdir(dir, { recursive: true });
    if (!existsSync(path.join(dir, 'index'))) {
      await runChild('scale-child.ts', ['gen', dir, String(size)], { timeoutMs: 60_000 + size * 3 });
      await runChild('scale-child.ts', ['ingest', dir], { timeoutMs: 60_000 + size * 3 });
    }
    const rss = await serverRss(opts.workDir, size, opts.smoke ? 10 : 50);
    const point = { chunks: rss.chunks, rssMb: rss.rssMb, indexBytes: await dirBytes(path.join(dir, 'index') + '/'), textBytes: (await stat(path.join(dir, 'index', 'documents.json'))).size };
    memory.push(point);
    opts.log(`scale-out: server RSS ${point.rssMb} MB over ${size} chunks (index ${round(point.indexBytes / 1024 / 1024, 1)} MB on disk)`);
  }
  const [a, b] = memory;
  const bytesPerChunk = Math.round(((b.rssMb - a.rssMb) * 1024 * 1024) / (b.chunks - a.chunks));
  const baseRssMb = round(a.rssMb - (bytesPerChunk * a.chunks) / 1024 / 1024, 1);
  const indexBytesPerChunk = Math.round((b.indexBytes - a.indexBytes) / (b.chunks - a.chunks));
  const textBytesPerChunk = Math.round(b.textBytes / b.chunks);
  return { connections, seconds, throughput, memory, bytesPerChunk, baseRssMb, indexBytesPerChunk, textBytesPerChunk };
}

/** Largest corpus (chunks) whose replica fits in `ramGb` with `replicas` replicas on the machine and a share kept free. */
export function chunksThatFit(r: Pick<ScaleOutResult, 'bytesPerChunk' | 'baseRssMb'>, ramGb: number, replicas: number, headroom = 0.7): number {
  const perReplicaBytes = (ramGb * 1024 ** 3 * headroom) / replicas;
  return Math.max(0, Math.floor((perReplicaBytes - r.baseRssMb * 1024 * 1024) / r.bytesPerChunk));
}

export function scaleOutMarkdown(r: ScaleOutResult): string {
  if (r.skipped) return `Scale-out: skipped (${r.skipped}).\n`;
  const lines = [
    `| POST /api/ask, every answer computed (${r.connections} connections, ${r.seconds} s each; replicas, nginx, PostgreSQL and autocannon share the machine's cores) | req/s | p50 | p99 | errors/non-2xx |`,
    '|---|---|---|---|---|',
    ...r.throughput.map((t) => `| ${t.replicas} replica${t.replicas > 1 ? 's' : ''} ${t.viaNginx ? 'through nginx' : 'direct (no nginx)'} | ${t.reqPerSec} | ${t.p50Ms} ms | ${t.p99Ms} ms | ${t.errors}/${t.non2xx} |`),
    '',
    `| Replica memory | ${r.memory.map((m) => `${m.chunks} chunks`).join(' | ')} | per chunk |`,
    `|---|${r.memory.map(() => '---|').join('')}---|`,
    `| server RSS after answering | ${r.memory.map((m) => `${m.rssMb} MB`).join(' | ')} | ${r.bytesPerChunk} B (fixed part ≈ ${r.baseRssMb} MB) |`,
    `| index on disk (also its size in PostgreSQL's index_files) | ${r.memory.map((m) => `${round(m.indexBytes / 1024 / 1024, 1)} MB`).join(' | ')} | ${r.indexBytesPerChunk} B |`,
    '',
    `| Every replica holding its own index: chunks that fit, ≈ extracted text at ${r.textBytesPerChunk} B/chunk (70% of RAM for replicas) | 1 replica | 2 replicas | 3 replicas |`,
    '|---|---|---|---|',
    ...[8, 24, 64].map(
      (gb) =>
        `| ${gb} GB | ${[1, 2, 3]
          .map((n) => {
            const c = chunksThatFit(r, gb, n);
            return `${c.toLocaleString('en-US')} (≈ ${round((c * r.textBytesPerChunk) / 1024 ** 3, 1)} GB text)`;
          })
          .join(' | ')} |`,
    ),
  ];
  return lines.join('\n') + '\n';
}

