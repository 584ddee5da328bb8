/**
 * The product as users run it (compiled JavaScript, `node server/build/launch.mjs start|ask`, what the npm
 * scripts exec): cold quick look-ups with and without a server, start-up to ready, and the server's
 * resident memory read from /proc after it has answered. Everything here spawns real processes.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT, round } from './stats.js';
import type { DevCase } from './latency.js';

const LAUNCH = path.join(REPO_ROOT, 'server/build/launch.mjs');
const BIN = path.join(REPO_ROOT, 'server/cli/corpus-ask.mjs');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/** Wall time of one process run to exit, in seconds. */
function timed(cmd: string, args: string[], env: Record<string, string>): Promise<{ seconds: number; stdout: string; stderr: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
      else resolve({ seconds: (performance.now() - t0) / 1000, stdout, stderr });
    });
  });
}

/** A port nothing listens on right now (the OS picks it; released before use). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const procKb = (pid: number, field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
const childrenOf = (pid: number) =>
  readdirSync('/proc').filter((d) => {
    try {
      return /^\d+$/.test(d) && Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1]) === pid;
    } catch {
      return false;
    }
  }).length;

export interface ProductServer {
  pid: number;
  url: string;
  readySeconds: number;
  rssMb(): number;
  peakRssMb(): number;
  /** Processes in the server's tree (itself and any children). */
  processes(): number;
  stop(): Promise<void>;
}

/** `npm start`'s process over `indexDir` on `port` (0: any); resolves at its "ready" line. */
export function startProductServer(indexDir: string, port: number, env: Record<string, string> = {}, timeoutMs = 120_000): Promise<ProductServer> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [LAUNCH, 'start'], {
    cwd: REPO_ROOT,
    env: { ...process.env, INDEX_DIR: indexDir, CORPUS_DIR: path.join(REPO_ROOT, 'corpus'), HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', API_KEYS: '', SLACK_SIGNING_SECRET: '', SLACK_BOT_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the server did not start in time'));
    }, timeoutMs);
    const early = (code: number | null) => reject(new Error(`the server exited with ${code}: ${out.slice(-500)}`));
    child.once('exit', early);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /ready: (http:\/\/\S+) \(pid (\d+)\)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      child.off('exit', early);
      const pid = Number(m[2]);
      resolve({
        pid,
        url: m[1].replace('localhost', '127.0.0.1'),
        readySeconds: round((performance.now() - t0) / 1000, 3),
        rssMb: () => round(procKb(pid, 'VmRSS') / 1024, 1),
        peakRssMb: () => round(procKb(pid, 'VmHWM') / 1024, 1),
        processes: () => 1 + childrenOf(pid),
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}

/** Asks every case (with its history) over HTTP, one at a time. */
export async function askAll(url: string, cases: Array<Pick<DevCase, 'q' | 'history'>>): Promise<void> {
  for (const c of cases) {
    const res = await fetch(`${url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: c.q, history: c.history ?? [] }),
      signal: AbortSignal.timeout(30_000),
    });
    if (res.status !== 200) throw new Error(`/api/ask answered ${res.status} to ${c.q}`);
    await res.arrayBuffer();
  }
}

export interface ProductFigures {
  rounds: number;
  nodeBaselineSeconds: number;
  coldAskSeconds: number;
  coldAskRatio: number;
  serverAskSeconds: number;
  serverAskRatio: number;
  npmRunAskSeconds: number;
  npxAskSeconds: number;
  readySeconds: number;
  readyRuns: number[];
  articleRssMb: number;
  articlePeakRssMb: number;
  serverProcesses: number;
  devQuestions: number;
}

/**
 * Quick look-ups in one run, interleaved with a bare `node -e 0` so machine load affects both alike:
 * the `corpus-ask` bin with no server (in-process) and with the server running (one HTTP round trip),
 * and for reference through `npm run ask` and `npx corpus-ask` (npm's own start-up included).
 */
export async function benchProduct(indexDir: string, cases: DevCase[], rounds: number, log: (s: string) => void): Promise<ProductFigures> {
  const questions = cases.filter((c) => !c.history?.length).map((c) => c.q);
  const q = (i: number) => questions[i % questions.length];
  const port = await freePort();
  const env = { INDEX_DIR: indexDir, CORPUS_DIR: path.join(REPO_ROOT, 'corpus'), HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'silent', API_KEYS: '' };
  await timed(process.execPath, [LAUNCH, 'ask', '--local', q(0)], env); // compiles dist/ if stale, warms the page cache

  const baseline: number[] = [];
  const cold: number[] = [];
  for (let i = 0; i < rounds; i++) {
    baseline.push((await timed(process.execPath, ['-e', '0'], env)).seconds);
    cold.push((await timed(process.execPath, [BIN, q(i)], env)).seconds);
  }
  const npmRun: number[] = [];
  const npx: number[] = [];
  for (let i = 0; i < Math.min(rounds, 3); i++) {
    npmRun.push((await timed('npm', ['run', '-s', 'ask', '--', q(i)], env)).seconds);
    npx.push((await timed('npx', ['corpus-ask', q(i)], env)).seconds);
  }
  log(`cold look-up ${round(median(cold), 3)} s (node -e 0: ${round(median(baseline), 3)} s); npm run ask ${round(median(npmRun), 3)} s, npx ${round(median(npx), 3)} s`);

  // Ready: three starts; the last one stays up for the look-ups through it and the memory figure.
  const readyRuns: number[] = [];
  let server: ProductServer | undefined;
  for (let i = 0; i < 3; i++) {
    if (server) await server.stop();
    server = await startProductServer(indexDir, port);
    readyRuns.push(server.readySeconds);
  }
  try {
    const viaServer: number[] = [];
    for (let i = 0; i < rounds; i++) {
      baseline.push((await timed(process.execPath, ['-e', '0'], env)).seconds);
      const run = await timed(process.execPath, [BIN, '--verbose', q(i)], env);
      if (!run.stderr.includes('answered by the server')) throw new Error(`the look-up did not go through the server: ${run.stderr}`);
      viaServer.push(run.seconds);
    }
    await askAll(server!.url, cases);
    const figures: ProductFigures = {
      rounds,
      nodeBaselineSeconds: round(median(baseline), 3),
      coldAskSeconds: round(median(cold), 3),
      coldAskRatio: round(median(cold) / median(baseline), 1),
      serverAskSeconds: round(median(viaServer), 3),
      serverAskRatio: round(median(viaServer) / median(baseline), 1),
      npmRunAskSeconds: round(median(npmRun), 3),
      npxAskSeconds: round(median(npx), 3),
      readySeconds: round(median(readyRuns), 3),
      readyRuns,
      articleRssMb: server!.rssMb(),
      articlePeakRssMb: server!.peakRssMb(),
      serverProcesses: server!.processes(),
      devQuestions: cases.length,
    };
    log(`look-up via the server ${figures.serverAskSeconds} s; ready ${figures.readySeconds} s; RSS after ${cases.length} dev questions ${figures.articleRssMb} MB (peak ${figures.articlePeakRssMb} MB), ${figures.serverProcesses} process(es)`);
    return figures;
  } finally {
    await server?.stop();
  }
}

export interface MemoryLayer {
  layer: string;
  rssMb: number;
  deltaMb: number;
  heapMb: number;
  externalMb: number;
}

/** tests/bench/memory-layers.mjs in a fresh plain node process (no tsx in the figures). */
export async function memoryLayers(indexDir: string): Promise<MemoryLayer[]> {
  const { stdout } = await timed(process.execPath, ['--expose-gc', path.join(REPO_ROOT, 'tests/bench/memory-layers.mjs'), indexDir], {});
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`memory-layers.mjs printed no result: ${stdout.slice(-500)}`);
  return (JSON.parse(line.slice(7)) as { layers: MemoryLayer[] }).layers;
}
