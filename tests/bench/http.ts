/** HTTP benchmark: autocannon against POST /api/ask and GET /api/health of the same server (loopback, bounded). */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { BENCH_DIR, mb, percentile, REPO_ROOT, round } from './stats.js';

export interface Server {
  child: ChildProcess;
  url: string;
  readySeconds: number;
  rssMb(): Promise<number>;
  stop(): void;
}

/**
 * Starts serve-child.ts over `indexDir`; resolves once it listens. BENCH_SERVER_NODE_ARGS adds Node flags to the
 * server (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, which NODE_OPTIONS does not accept; the profile is written
 * when the server leaves through a disconnect, see serve-child.ts).
 */
export function startServer(indexDir: string, timeoutMs = 60_000, env: Record<string, string> = {}, root = REPO_ROOT): Promise<Server> {
  // `root`: another checkout's server (before/after comparisons in one run); its serve-child.ts and code.
  const child = fork(path.join(root, path.relative(REPO_ROOT, BENCH_DIR), 'serve-child.ts'), [], {
    cwd: root,
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, INDEX_DIR: indexDir, CORPUS_DIR: path.join(root, 'corpus'), ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('server did not start in time'));
    }, timeoutMs);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.once('message', (m: { port: number; readySeconds: number }) => {
      clearTimeout(timer);
      resolve({
        child,
        url: `http://127.0.0.1:${m.port}`,
        readySeconds: round(m.readySeconds, 2),
        rssMb: () =>
          new Promise((res) => {
            child.once('message', (r: { rss: number }) => res(mb(r.rss)));
            child.send('rss');
          }),
        stop: () => {
          child.removeAllListeners('exit');
          child.kill('SIGTERM');
        },
      });
    });
  });
}

interface CannonResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  total: number;
}

async function cannon(opts: autocannon.Options, preciseLatency = false): Promise<CannonResult> {
  const instance = autocannon({ connections: 10, pipelining: 1, ...opts });
  // autocannon's histogram keeps whole milliseconds; the persistence bench compares latencies that differ by
  // less than one, so it keeps every 2xx response's time (a float from process.hrtime) instead.
  const times: number[] = [];
  if (preciseLatency) instance.on('response', (_client, status, _bytes, ms) => void (status < 300 && times.push(ms)));
  const r = await instance;
  const sorted = times.sort((a, b) => a - b);
  return {
    reqPerSec: Math.round(r.requests.average),
    p50Ms: preciseLatency ? round(percentile(sorted, 50), 3) : r.latency.p50,
    p99Ms: preciseLatency ? round(percentile(sorted, 99), 3) : r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    total: r.requests.total,
  };
}

const askRequests = (questions: string[]) =>
  questions.map((q) => ({
    method: 'POST' as const,
    path: '/api/ask',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question: q }),
  }));

/**
 * CPU seconds (user + system) a process has used so far, all threads, or with `mainThread` only its main
 * thread (the event loop: a Node server's serial bottleneck); undefined where /proc is missing.
 */
function cpuSeconds(pid: number | undefined, mainThread = false): number | undefined {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 per second on Linux).
    const fields = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * POST /api/ask alone (used on a server started with ANSWER_CACHE_SIZE=0, so every answer is computed).
 * Latencies (p50, p99) are exact to the microsecond. `serverCpuMs`: the server process's CPU time per answer during the run, which a loaded machine inflates
 * far less than it cuts throughput.
 */
export async function benchAsk(server: Server, questions: string[], durationSeconds: number, warmUpSeconds = 1, connections = 10): Promise<CannonResult & { serverCpuMs?: number; mainThreadCpuMs?: number }> {
  const requests = askRequests(questions);
  if (warmUpSeconds > 0) await cannon({ url: server.url, requests, duration: warmUpSeconds, connections });
  const pid = server.child.pid;
  const before = [cpuSeconds(pid), cpuSeconds(pid, true)];
  const result = await cannon({ url: server.url, requests, duration: durationSeconds, connections }, true);
  const after = [cpuSeconds(pid), cpuSeconds(pid, true)];
  const perAnswer = (i: number) => (before[i] === undefined || after[i] === undefined ? undefined : round(((after[i]! - before[i]!) * 1000) / Math.max(1, result.total), 3));
  return { ...result, serverCpuMs: perAnswer(0), mainThreadCpuMs: perAnswer(1) };
}

/** /api/ask cycles through `questions`; /api/health is the framework floor. */
export async function benchHttp(server: Server, questions: string[], durationSeconds: number) {
  const requests = askRequests(questions);
  // Warm-up, so JIT and caches are the same for both runs.
  await cannon({ url: server.url, requests, duration: 1 });
  const health = await cannon({ url: `${server.url}/api/health`, duration: durationSeconds });
  const ask = await cannon({ url: server.url, requests, duration: durationSeconds });
  // The POST floor: the same route with a body that fails validation (400) - parsing and error
  // handling without any answering - separates the cost of answering from the cost of a POST.
  const invalid = await cannon({
    url: server.url,
    requests: [{ method: 'POST', path: '/api/ask', headers: { 'content-type': 'application/json' }, body: '{"question":""}' }],
    duration: Math.max(1, Math.round(durationSeconds / 2)),
  });
  return {
    durationSeconds,
    connections: 10,
    health,
    ask,
    invalidAsk: invalid,
    ratio: round(ask.reqPerSec / Math.max(1, health.reqPerSec), 3),
    invalidAskRatio: round(invalid.reqPerSec / Math.max(1, health.reqPerSec), 3),
  };
}
