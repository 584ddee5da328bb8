/**
 * Soak test (`npm run soak`; not a vitest test): the real server as a child process over a temporary index,
 * hammered on 127.0.0.1 by autocannon for SOAK_SECONDS (default 60) with SOAK_CONNECTIONS (default 64)
 * connections, cycling POST /api/ask, POST /api/ask/stream and GET /api/health over varied questions.
 *
 * Fault schedule during the measured run (issue 17): index reloads (SIGHUP) at 10, 25, 40 and 55 s of a
 * 60 s run (scaled to SOAK_SECONDS); an ingest of one more document at 15 s (a real `ingest/cli.ts` process)
 * followed by a reload; and a Slack bot whose Web API (a fake on loopback) fails SOAK_SLACK_FAILURE_RATE
 * (default 10%) of calls with 500 — half of the failed posts having landed anyway — while a signed
 * app_mention arrives every SOAK_SLACK_EVERY_MS (default 500 ms). Every Slack event must be acknowledged
 * and answered exactly once (one reply in its thread: the answer, or one apology).
 *
 * Reports requests, errors, timeouts, non-2xx, status codes, p50/p99 latency and the server's RSS: single
 * readings after a warm-up ("start") and at the end, and the high-water mark (RSS sampled every 500 ms) of the
 * run's first and last thirds. Exit code 1 if there was any error, timeout or non-2xx answer, or the RSS
 * high-water mark grew by more than SOAK_MAX_RSS_GROWTH (default 0.10) — see sampleRss for why peaks.
 * Bounded: the run, the warm-up and every wait have limits.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.js';
import { runIngest } from '../../ingest/ingest.js';
import { REPO_CORPUS } from '../helpers/build-test-services.js';
import { startFakeSlackApi, type FakeSlackApi } from '../helpers/fake-slack-api.js';
import { signedEvent, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/fake-slack-requests.js';

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
const SLACK_FAILURE_RATE = Number(process.env.SOAK_SLACK_FAILURE_RATE ?? 0.1);
const SLACK_EVERY_MS = Number(process.env.SOAK_SLACK_EVERY_MS ?? 500);
/** After the load ends, how long Slack answers may still take to be delivered. */
const SLACK_SETTLE_MS = 120_000;

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
    const status = readFileSync(`/proc/${pid}/status`, 'utf8'); // read every 500 ms: no process spawned for it
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    /* not Linux: fall back to ps */
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024;
}

/**
 * RSS every 500 ms during the measured run; the highest reading in its first and in its last third.
 * Why peaks, not the two single readings (which are still reported): under this load V8's heap swings by
 * 60–90 MB within seconds (~37 MB live after a full GC, 150–245 MB resident before one, measured with
 * tests/soak/memory-probe.mjs), so one reading at the start and one at the end compare two arbitrary points of
 * the GC cycle. A leak raises every later peak (each third holds reloads: 10 s, the ingest at 15 s, 40 s,
 * 55 s); a heap that has grown to its working size does not.
 */
function sampleRss(pid: number): { stop(): { firstThird: number; lastThird: number; count: number } } {
  const readings: Array<{ at: number; rss: number }> = [];
  const started = Date.now();
  const timer = setInterval(() => readings.push({ at: Date.now() - started, rss: rssBytes(pid) }), 500);
  return {
    stop() {
      clearInterval(timer);
      const span = Math.max(1, Date.now() - started);
      const peak = (from: number, to: number) => Math.max(...readings.filter((x) => x.at >= from * span && x.at < to * span).map((x) => x.rss));
      return { firstThird: peak(0, 1 / 3), lastThird: peak(2 / 3, 1.01), count: readings.length };
    },
  };
}

interface FaultReport {
  reloads: number;
  ingest: { exitCode: number | null; stderr: string } | undefined;
  slackEvents: Array<{ ts: string; status: number }>;
}

/** Runs the fault schedule until `stop` resolves; returns what happened. */
async function runFaults(opts: {
  url: string;
  server: ReturnType<typeof spawn>;
  corpusDir: string;
  indexDir: string;
  stop: Promise<unknown>;
}): Promise<FaultReport> {
  const report: FaultReport = { reloads: 0, ingest: undefined, slackEvents: [] };
  let stopped = false;
  void opts.stop.then(() => (stopped = true));
  const at = (fraction: number) => Math.round(SECONDS * 1000 * fraction);
  const timers: NodeJS.Timeout[] = [];
  const reload = () => {
    if (opts.server.exitCode === null) {
      opts.server.kill('SIGHUP');
      report.reloads++;
    }
  };
  for (const f of [10 / 60, 25 / 60, 40 / 60, 55 / 60]) timers.push(setTimeout(reload, at(f)));

  // One more document, ingested by a separate process while the server is under load, then a reload.
  const ingestDone = new Promise<void>((resolve) => {
    timers.push(
      setTimeout(async () => {
        await writeFile(path.join(opts.corpusDir, 'soak-extra.txt'), '浸泡测试期间新增的文档。它在负载下被导入,然后被重新加载。\n');
        const ingest = spawn(process.execPath, ['--import', 'tsx', 'ingest/cli.ts'], {
          cwd: REPO,
          env: { ...process.env, CORPUS_DIR: opts.corpusDir, INDEX_DIR: opts.indexDir, LOG_LEVEL: 'silent', EMBEDDINGS: 'local' },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        ingest.stderr.on('data', (d: Buffer) => (stderr = (stderr + d).slice(-5000)));
        ingest.on('exit', (exitCode) => {
          report.ingest = { exitCode, stderr };
          if (exitCode === 0) reload();
          resolve();
        });
      }, at(15 / 60)),
    );
  });

  // A signed app_mention every SLACK_EVERY_MS, each its own message (ts) and event id.
  let n = 0;
  const sends: Promise<void>[] = [];
  while (!stopped) {
    n++;
    const ts = `${1_700_000_000 + n}.000100`;
    const req = signedEvent(`EvSoak${n}`, {
      type: 'app_mention',
      user: 'U0ASKER01',
      text: `<@UBOT0001> ${QUESTIONS[n % QUESTIONS.length]}`,
      ts,
      channel: 'C0SOAK',
      event_ts: ts,
    }, Math.floor(Date.now() / 1000));
    sends.push(
      fetch(`${opts.url}/slack/events`, { method: 'POST', headers: req.headers, body: req.body, signal: AbortSignal.timeout(30_000) })
        .then(async (res) => {
          await res.arrayBuffer();
          report.slackEvents.push({ ts, status: res.status });
        })
        .catch(() => void report.slackEvents.push({ ts, status: 0 })),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise((r) => (timer = setTimeout(r, SLACK_EVERY_MS))), opts.stop]);
    clearTimeout(timer);
  }
  await Promise.all(sends);
  await ingestDone;
  timers.forEach(clearTimeout);
  return report;
}

/** Waits until every event's answer work has finished (its 👀 removal was attempted: a finally), bounded. */
async function slackOutcome(fake: FakeSlackApi, events: FaultReport['slackEvents']) {
  const deadline = Date.now() + SLACK_SETTLE_MS;
  const done = () => {
    const removed = new Set(fake.callsTo('reactions.remove').map((c) => String(c.body.timestamp)));
    return events.every((e) => removed.has(e.ts));
  };
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const replies = new Map<string, number>();
  for (const m of fake.posted) if (m.thread_ts) replies.set(m.thread_ts, (replies.get(m.thread_ts) ?? 0) + 1);
  const counts = events.map((e) => replies.get(e.ts) ?? 0);
  return {
    events: events.length,
    acknowledged: events.filter((e) => e.status === 200).length,
    exactlyOnce: counts.filter((c) => c === 1).length,
    missing: counts.filter((c) => c === 0).length,
    duplicated: counts.filter((c) => c > 1).length,
    apologies: fake.posted.filter((m) => m.text?.startsWith('Sorry')).length,
    webApiCalls: fake.calls.length,
    settled: done(),
  };
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
  const slackApi = await startFakeSlackApi();

  // The server as `npm start` runs it (compiled JavaScript, built first if stale).
  const child = spawn(process.execPath, ['server/build/launch.mjs', 'start'], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CORPUS_DIR: corpusDir,
      INDEX_DIR: indexDir,
      // Conversations and Slack dedupe as `npm start` keeps them, but in this run's own database: the default
      // (data/corpus-qa.sqlite in the checkout) outlives the run, so a second soak within the dedupe TTL had
      // every Slack event (same event ids) dropped as a duplicate, and each run added ~65 MB to that file.
      DATABASE_FILE: path.join(dir, 'soak.sqlite'),
      RATE_LIMIT_PER_MINUTE: '0',
      API_KEYS: '',
      GENERATOR: 'extractive',
      EMBEDDINGS: 'local',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_API_URL: slackApi.apiUrl,
      // Per-request access lines at info would measure the log pipe, not the server.
      LOG_LEVEL: process.env.SOAK_LOG_LEVEL ?? 'warn',
      // As `npm start` sets it (package.json; README "Where the memory goes"): two glibc malloc arenas.
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
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
    // The warm-up includes reloads, so the baseline RSS already holds the heap a reload under load needs
    // (V8 keeps pages it grew into); growth after it is what repeated faults add, i.e. leaks.
    const warmReloads = [1 / 3, 2 / 3].map((f) => setTimeout(() => child.kill('SIGHUP'), WARMUP_SECONDS * 1000 * f));
    const warm = await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_SECONDS, timeout: 30, requests: requestMix() });
    warmReloads.forEach(clearTimeout);
    await new Promise((r) => setTimeout(r, 1000));
    const rssStart = rssBytes(pid);
    // With tests/soak/memory-probe.mjs preloaded (an experiment), mark the readings and force a GC after each.
    const probeGc = () => process.env.SOAK_MEMORY_PROBE && child.kill('SIGUSR2');
    probeGc();

    slackApi.failRandomly(SLACK_FAILURE_RATE, { landedShare: 0.5 });
    const samples = sampleRss(pid);
    const load = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, timeout: 30, requests: requestMix() });
    const faults = await runFaults({ url, server: child, corpusDir, indexDir, stop: load });
    const r = await load;
    const highWater = samples.stop();
    const slack = await slackOutcome(slackApi, faults.slackEvents);
    await new Promise((res) => setTimeout(res, 1000));
    const rssEnd = rssBytes(pid);
    probeGc();
    // Diagnostics: how RSS settles once idle (V8 returns pages lazily).
    const rssIdle: number[] = [];
    for (let i = 0; i < 3; i++) {
      await new Promise((res) => setTimeout(res, 5000));
      rssIdle.push(Math.round(rssBytes(pid) / 1024 / 1024));
    }
    const growth = (rssEnd - rssStart) / rssStart;
    const highWaterGrowth = (highWater.lastThird - highWater.firstThird) / highWater.firstThird;

    const health = (await (await fetch(`${url}/api/health`)).json()) as { status: string; documents: number };
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
      rss: {
        boot: rssBoot,
        start: rssStart,
        end: rssEnd,
        growth: Number(growth.toFixed(4)),
        highWater: { firstThird: highWater.firstThird, lastThird: highWater.lastThird, samples: highWater.count, growth: Number(highWaterGrowth.toFixed(4)) },
        idleMbAfter5s10s15s: rssIdle,
      },
      warmup: { requests: warm.requests.total, errors: warm.errors, non2xx: warm.non2xx },
      healthAfter: health.status,
      documentsAfter: health.documents,
      faults: { reloads: faults.reloads, ingestExitCode: faults.ingest?.exitCode ?? null, slackFailureRate: SLACK_FAILURE_RATE },
      slack,
    };
    console.log(JSON.stringify(summary, null, 1));
    console.log(
      `soak faults: ${faults.reloads} reloads, ingest exit ${faults.ingest?.exitCode}, Slack: ${slack.events} events, ${slack.acknowledged} acknowledged, ` +
        `${slack.exactlyOnce} answered exactly once, ${slack.missing} unanswered, ${slack.duplicated} duplicated (${slack.apologies} apologies, ` +
        `${slack.webApiCalls} Web API calls, ${SLACK_FAILURE_RATE * 100}% failing)`,
    );
    console.log(
      `soak: ${summary.requests} requests (${summary.requestsPerSecond}/s), errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}, ` +
        `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, RSS ${mb(rssStart)} → ${mb(rssEnd)} (${(growth * 100).toFixed(1)}%, boot ${mb(rssBoot)}), ` +
        `RSS high-water ${mb(highWater.firstThird)} → ${mb(highWater.lastThird)} (${(highWaterGrowth * 100).toFixed(1)}%, first vs last third of the run)`,
    );
    const problems = [
      r.errors > 0 && `${r.errors} errors`,
      r.timeouts > 0 && `${r.timeouts} timeouts`,
      r.non2xx > 0 && `${r.non2xx} non-2xx`,
      highWaterGrowth > MAX_GROWTH && `RSS high-water grew ${(highWaterGrowth * 100).toFixed(1)}% from the first to the last third of the run (limit ${MAX_GROWTH * 100}%)`,
      health.status !== 'ok' && `health after: ${health.status}`,
      faults.ingest?.exitCode !== 0 && `the ingest during the run failed (${faults.ingest?.exitCode}): ${faults.ingest?.stderr}`,
      health.documents !== 2 && `after the ingest and reload the server has ${health.documents} documents, not 2`,
      slack.events === 0 && 'no Slack events were sent',
      slack.acknowledged !== slack.events && `${slack.events - slack.acknowledged} Slack events not acknowledged with 200`,
      slack.exactlyOnce !== slack.events && `${slack.events - slack.exactlyOnce} Slack events not answered exactly once (${slack.missing} unanswered, ${slack.duplicated} duplicated)`,
    ].filter(Boolean);
    if (problems.length) {
      console.error(`soak FAILED: ${problems.join(', ')}`);
      if (stderr.trim() || stdout.trim()) console.error(`server's last output:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
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
    await slackApi.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`soak failed to run: ${(error as Error)?.stack ?? error}`);
  process.exit(1);
});
