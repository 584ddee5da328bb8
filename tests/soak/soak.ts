/**
 * Soak test (`npm run soak`; not a vitest test): the real server as a child process over a temporary index,
 * hammered on 127.0.0.1 by autocannon for SOAK_SECONDS (default 60) with SOAK_CONNECTIONS (default 64)
 * connections, cycling POST /api/ask, POST /api/ask/stream and GET /api/health over varied questions.
 *
 * Reports requests, errors, timeouts, non-2xx, status codes, p50/p99 latency and the server's RSS after a
 * warm-up ("start") and at the end. Exit code 1 if there was any error, timeout or non-2xx answer, or RSS
 * grew by more than SOAK_MAX_RSS_GROWTH (default 0.10). Bounded: the run, the warm-up and every wait have limits.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.js';
import { runIngest } from '../../ingest/ingest.js';
import { REPO_CORPUS } from '../helpers/build-test-services.js';

interface CannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
interface CannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Cannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: CannonRequest[];
}) => Promise<CannonResult>;

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Cannon;

const REPO = path.resolve(import.meta.dirname, '../..');
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 64);
const MAX_GROWTH = Number(process.env.SOAK_MAX_RSS_GROWTH ?? 0.1);
const WARMUP_SECONDS = Number(process.env.SOAK_WARMUP_SECONDS ?? 10);

const QUESTIONS = [
  '沐曦股份的估值是多少?',
  '摩尔线程 2022 年至 2024 年累计亏损多少?',
  '壁仞科技的营收是多少?',
  '国产 GPU 公司为什么烧钱?',
  '谁是沐曦股份的第二大股东?',
  '燧原科技获得了哪些投资?',
  '这篇文章讲的是哪家公司的财报?',
  '今天天气怎么样?',
];

function requestMix(): CannonRequest[] {
  const json = { 'content-type': 'application/json' };
  const out: CannonRequest[] = [];
  QUESTIONS.forEach((q, i) => {
    const history = i % 3 === 0 ? [{ role: 'user', content: '沐曦股份是什么公司?' }, { role: 'assistant', content: '一家国产 GPU 公司。' }] : undefined;
    out.push({ method: 'POST', path: '/api/ask', headers: json, body: JSON.stringify({ question: q, history }) });
    out.push({ method: 'POST', path: '/api/ask/stream', headers: json, body: JSON.stringify({ question: q }) });
    out.push({ method: 'GET', path: '/api/health' });
  });
  return out;
}

function rssBytes(pid: number): number {
  try {
    const status = execFileSync('cat', [`/proc/${pid}/status`], { encoding: 'utf8' });
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    /* not Linux: fall back to ps */
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-soak-'));
  const corpusDir = path.join(dir, 'corpus');
  await mkdir(corpusDir);
  for (const name of ['china-gpu-makers-burning-cash-2025-07-12.txt']) {
    await writeFile(path.join(corpusDir, name), await readFile(path.join(REPO_CORPUS, name)));
  }
  const indexDir = path.join(dir, 'index');
  await runIngest({ config: loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, LOG_LEVEL: 'silent' }) });

  // The server as `npm start` runs it (compiled JavaScript, built first if stale).
  const child = spawn(process.execPath, ['server/build/launch.mjs', 'start'], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CORPUS_DIR: corpusDir,
      INDEX_DIR: indexDir,
      RATE_LIMIT_PER_MINUTE: '0',
      API_KEYS: '',
      GENERATOR: 'extractive',
      EMBEDDINGS: 'local',
      // Per-request access lines at info would measure the log pipe, not the server.
      LOG_LEVEL: process.env.SOAK_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d).slice(-20_000)));
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d).slice(-20_000)));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));

  try {
    const port = await new Promise<number>((resolve, reject) => {
      const limit = setTimeout(() => reject(new Error(`server not ready in 60 s:\n${stderr}`)), 60_000);
      const poll = setInterval(() => {
        const m = /ready: http:\/\/[^:]+:(\d+)/.exec(stdout);
        if (m) {
          clearInterval(poll);
          clearTimeout(limit);
          resolve(Number(m[1]));
        }
      }, 50);
      void exited.then((code) => reject(new Error(`server exited (${code}):\n${stderr}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    const pid = child.pid!;
    const rssBoot = rssBytes(pid);

    console.log(`soak: warm-up ${WARMUP_SECONDS} s, then ${SECONDS} s at ${CONNECTIONS} connections on ${url} (pid ${pid})`);
    const warm = await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_SECONDS, timeout: 30, requests: requestMix() });
    await new Promise((r) => setTimeout(r, 1000));
    const rssStart = rssBytes(pid);

    const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, timeout: 30, requests: requestMix() });
    await new Promise((res) => setTimeout(res, 1000));
    const rssEnd = rssBytes(pid);
    const growth = (rssEnd - rssStart) / rssStart;

    const health = (await (await fetch(`${url}/api/health`)).json()) as { status: string };
    const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count]));
    const summary = {
      seconds: SECONDS,
      connections: CONNECTIONS,
      requests: r.requests.total,
      requestsPerSecond: Math.round(r.requests.average),
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
      statusCodes,
      latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
      rss: { boot: rssBoot, start: rssStart, end: rssEnd, growth: Number(growth.toFixed(4)) },
      warmup: { requests: warm.requests.total, errors: warm.errors, non2xx: warm.non2xx },
      healthAfter: health.status,
    };
    console.log(JSON.stringify(summary, null, 1));
    console.log(
      `soak: ${summary.requests} requests (${summary.requestsPerSecond}/s), errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}, ` +
        `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, RSS ${mb(rssStart)} → ${mb(rssEnd)} (${(growth * 100).toFixed(1)}%, boot ${mb(rssBoot)})`,
    );
    const problems = [
      r.errors > 0 && `${r.errors} errors`,
      r.timeouts > 0 && `${r.timeouts} timeouts`,
      r.non2xx > 0 && `${r.non2xx} non-2xx`,
      growth > MAX_GROWTH && `RSS grew ${(growth * 100).toFixed(1)}% (limit ${MAX_GROWTH * 100}%)`,
      health.status !== 'ok' && `health after: ${health.status}`,
    ].filter(Boolean);
    if (problems.length) {
      console.error(`soak FAILED: ${problems.join(', ')}`);
      process.exitCode = 1;
    } else console.log('soak passed');
  } finally {
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000))]);
    if (code === 'timeout') child.kill('SIGKILL');
    else if (code !== 0) {
      console.error(`server exited with ${code} after SIGTERM`);
      process.exitCode = 1;
    }
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`soak failed to run: ${(error as Error)?.stack ?? error}`);
  process.exit(1);
});
