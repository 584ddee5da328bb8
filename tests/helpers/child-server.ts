import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The server and the ingest CLI as real child processes (`node --import tsx <entry>`), env on top of safe defaults. */
export const REPO = path.resolve(import.meta.dirname, '../..');

export interface Proc {
  child: ChildProcess;
  out: { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function runEntry(entry: string, env: Record<string, string>, children?: Set<ChildProcess>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      API_KEYS: '',
      CORS_ORIGINS: '',
      GENERATOR: 'extractive',
      EMBEDDINGS: 'local',
      SLACK_SIGNING_SECRET: '',
      SLACK_BOT_TOKEN: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children?.add(child);
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (out.stdout += d));
  child.stderr!.on('data', (d: Buffer) => (out.stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, out, exited };
}

export async function startServer(env: Record<string, string>, children?: Set<ChildProcess>): Promise<Proc & { base: string }> {
  const proc = runEntry('server/main.ts', env, children);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /ready: http:\/\/[^:]+:(\d+)/.exec(proc.out.stdout);
      if (m) {
        clearInterval(timer);
        resolve(Number(m[1]));
      }
    }, 20);
    void proc.exited.then(({ code }) => {
      clearInterval(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${proc.out.stderr}\n${proc.out.stdout}`));
    });
  });
  return { ...proc, base: `http://127.0.0.1:${port}` };
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes; never a fixed sleep racing real work. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
