import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * N replicas of `npm start` on one PostgreSQL, behind nginx, all on loopback: what `npm run cluster`
 * runs and what the scale-out integration test and bench drive. Not a supervisor for production — on a
 * real host use systemd units or containers with the same environment and the same nginx configuration.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NGINX_TEMPLATE = fileURLToPath(new URL('./nginx.conf.template', import.meta.url));

export interface ClusterOptions {
  replicas: number;
  databaseUrl: string;
  /** nginx's port (0: a free one). */
  port?: number;
  /** Extra environment for every replica (RATE_LIMIT_PER_MINUTE, Slack settings...). */
  env?: Record<string, string>;
  /** Where nginx's prefix and the replicas' local caches live (a new temp directory by default; removed on stop). */
  workDir?: string;
  nginxBin?: string;
  /** Deadline for each replica (and nginx) to become ready. */
  readyTimeoutMs?: number;
  /** Replica output goes to <workDir>/replica-<n>.log; also echo it here when set. */
  onLog?: (replica: number, line: string) => void;
}

export interface ReplicaHandle {
  n: number;
  port: number;
  url: string;
  pid(): number | undefined;
  /** Exit code of the last run (null while running, or when it was ended by a signal). */
  exitCode(): number | null;
  /** Sends a signal (SIGKILL for the crash test); resolves when the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and local cache; resolves when it is ready. */
  start(): Promise<void>;
  running(): boolean;
}

export interface Cluster {
  url: string;
  nginxPort: number;
  workDir: string;
  /** nginx's access log: one line per request with the replica(s) tried (`upstream=127.0.0.1:port[, ...]`). */
  accessLog: string;
  replicas: ReplicaHandle[];
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200, or throws at the deadline (never a fixed sleep). */
export async function waitUntilReady(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`${url}: the process exited before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms (last: ${last})`);
}

export function renderNginxConf(fields: { prefix: string; listen: string; upstreams: string[]; workers?: number; maxBody?: string }): string {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const values: Record<string, string> = {
    PREFIX: fields.prefix,
    LISTEN: fields.listen,
    WORKERS: String(fields.workers ?? 1),
    MAX_BODY: fields.maxBody ?? '25m',
    // As root nginx would hand its workers to "nobody", who cannot write into our private prefix.
    USER_DIRECTIVE: isRoot ? 'user root;' : '',
    UPSTREAM_SERVERS: fields.upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=2s;`).join('\n'),
  };
  return readFileSync(NGINX_TEMPLATE, 'utf8').replace(/\{\{([A-Z_]+)\}\}/g, (_m, key: string) => {
    if (!(key in values)) throw new Error(`nginx template field {{${key}}} has no value`);
    return values[key];
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const workDir = options.workDir ?? mkdtempSync(path.join(tmpdir(), 'corpus-qa-cluster-'));
  const ownsWorkDir = !options.workDir;
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const children = new Set<ChildProcess>();
  const replicas: ReplicaHandle[] = [];
  let nginx: ChildProcess | undefined;

  const stop = async () => {
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGQUIT');
      await exited(nginx);
    }
    await Promise.all(replicas.filter((r) => r.running()).map((r) => r.kill('SIGTERM')));
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    if (ownsWorkDir) rmSync(workDir, { recursive: true, force: true });
  };

  try {
    for (let n = 1; n <= options.replicas; n++) {
      const port = await freePort();
      const dir = path.join(workDir, `replica-${n}`);
      mkdirSync(dir, { recursive: true });
      let child: ChildProcess | undefined;
      const handle: ReplicaHandle = {
        n,
        port,
        url: `http://127.0.0.1:${port}`,
        pid: () => child?.pid,
        exitCode: () => child?.exitCode ?? null,
        running: () => Boolean(child && child.exitCode === null && child.signalCode === null),
        async kill(signal) {
          if (!child || !handle.running()) return;
          const c = child;
          c.kill(signal);
          await exited(c);
        },
        async start() {
          if (handle.running()) return;
          const log = createWriteStream(path.join(workDir, `replica-${n}.log`), { flags: 'a' });
          // One process per replica (the compiled launcher, as `npm start` runs it), so a signal reaches the server itself.
          child = spawn(process.execPath, [path.join(ROOT, 'server/build/launch.mjs'), 'start'], {
            cwd: ROOT,
            env: {
              ...process.env,
              ...options.env,
              PORT: String(port),
              HOST: '127.0.0.1',
              DATABASE_URL: options.databaseUrl,
              INDEX_DIR: path.join(dir, 'index'),
              TRUST_PROXY: '127.0.0.1',
              LOG_LEVEL: options.env?.LOG_LEVEL ?? 'warn',
              // As `npm start` sets it: two glibc malloc arenas instead of one per thread (README, "Where the memory goes").
              MALLOC_ARENA_MAX: options.env?.MALLOC_ARENA_MAX ?? process.env.MALLOC_ARENA_MAX ?? '2',
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          children.add(child);
          const c = child;
          c.once('exit', () => children.delete(c));
          for (const stream of [c.stdout!, c.stderr!]) {
            stream.pipe(log, { end: false });
            if (options.onLog) stream.on('data', (b: Buffer) => String(b).split('\n').filter(Boolean).forEach((l) => options.onLog!(n, l)));
          }
          await waitUntilReady(`${handle.url}/api/health/ready`, readyTimeoutMs, () => handle.running());
        },
      };
      replicas.push(handle);
    }
    // The first replica alone seeds the store and builds the first index; the others then only download it.
    await replicas[0].start();
    await Promise.all(replicas.slice(1).map((r) => r.start()));

    const nginxPort = options.port || (await freePort());
    const prefix = path.join(workDir, 'nginx');
    mkdirSync(prefix, { recursive: true });
    const conf = path.join(prefix, 'nginx.conf');
    writeFileSync(conf, renderNginxConf({ prefix, listen: `127.0.0.1:${nginxPort}`, upstreams: replicas.map((r) => `127.0.0.1:${r.port}`) }));
    nginx = spawn(options.nginxBin ?? 'nginx', ['-p', prefix, '-c', conf, '-e', path.join(prefix, 'error.log')], { stdio: ['ignore', 'inherit', 'inherit'] });
    children.add(nginx);
    const ng = nginx;
    await waitUntilReady(`http://127.0.0.1:${nginxPort}/api/health/ready`, 30_000, () => ng.exitCode === null);
    return { url: `http://127.0.0.1:${nginxPort}`, nginxPort, workDir, accessLog: path.join(prefix, 'access.log'), replicas, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
