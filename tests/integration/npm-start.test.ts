import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../ingest/ingest.js';
import { loadConfig } from '../../server/config.js';
import { REPO_CORPUS } from '../helpers/build-test-services.js';
import { waitUntil } from '../helpers/wait-until.js';

/**
 * `npm start` as users run it: signals sent to the PID of `npm start` must reach the server (one node
 * process, exec'd by npm's shell, plain JavaScript from dist/), and nothing may be left serving when npm
 * is gone. Linux only (reads /proc to see the process tree).
 */
const REPO = path.resolve(import.meta.dirname, '../..');
const hasProc = existsSync('/proc/self/status');
let work: string;
let env: Record<string, string>;
const started: ChildProcess[] = [];
const serverPids: number[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-npm-start-'));
  await cp(REPO_CORPUS, path.join(work, 'corpus'), { recursive: true });
  env = { CORPUS_DIR: path.join(work, 'corpus'), INDEX_DIR: path.join(work, 'index') };
  await runIngest({ config: loadConfig({ ...env, LOG_LEVEL: 'silent' }) });
});
afterEach(() => {
  for (const pid of serverPids.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** Running (a zombie nobody has reaped yet counts as gone: it serves nothing). */
function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}
const parentOf = (pid: number) => Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
const childrenOf = (pid: number) =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return parentOf(Number(d)) === pid && alive(Number(d));
      } catch {
        return false;
      }
    })
    .map(Number);
const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

async function npmStart() {
  // detached: npm leads its own process group, as a shell's foreground job does (for the Ctrl-C case).
  const npm = spawn('npm', ['start'], {
    cwd: REPO,
    detached: true,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SLACK_SIGNING_SECRET: '', SLACK_BOT_TOKEN: '', GENERATOR: 'extractive', EMBEDDINGS: 'local' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(npm);
  const out = { text: '' };
  npm.stdout!.on('data', (d: Buffer) => (out.text += d));
  npm.stderr!.on('data', (d: Buffer) => (out.text += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => npm.on('exit', (code, signal) => resolve({ code, signal })));
  const readyLine = () => /ready: (http:\/\/\S+) \(pid (\d+)\)/.exec(out.text);
  await waitUntil('the server to be ready', () => Boolean(readyLine()) || npm.exitCode !== null, 60_000);
  const ready = readyLine();
  if (!ready) throw new Error(`npm start exited before the server was ready:\n${out.text}`);
  const [, url, pid] = ready;
  serverPids.push(Number(pid));
  return { npm, out, exited, url: url.replace('localhost', '127.0.0.1'), serverPid: Number(pid) };
}

describe.skipIf(!hasProc)('npm start', () => {
  it('is one plain node process under npm (no shell, no tsx) that logs its pid; SIGTERM to npm stops it gracefully', async () => {
    const s = await npmStart();
    expect(parentOf(s.serverPid)).toBe(s.npm.pid);
    expect(childrenOf(s.npm.pid!)).toEqual([s.serverPid]);
    const argv = cmdline(s.serverPid);
    expect(path.basename(argv[0])).toMatch(/^node/);
    expect(argv.slice(1)).toEqual(['server/build/launch.mjs', 'start']);
    expect(argv.join(' ')).not.toMatch(/tsx|--import|--loader/);
    // The JSON log line with pid and URL (written just after the ready line).
    await waitUntil('the pid log line', () => s.out.text.includes(`"pid":${s.serverPid},"url":"http://localhost:`));
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);

    process.kill(s.npm.pid!, 'SIGTERM');
    const exit = await s.exited;
    await waitUntil('the server to exit', () => !alive(s.serverPid), 15_000);
    expect(s.out.text).toContain('"reason":"SIGTERM"');
    expect(s.out.text).toContain('all connections closed');
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    await expect(fetch(`${s.url}/api/health`)).rejects.toThrow();
  }, 90_000);

  it('SIGHUP to npm (which npm does not forward) stops the server instead of leaving it orphaned on its port', async () => {
    const s = await npmStart();
    process.kill(s.npm.pid!, 'SIGHUP');
    expect((await s.exited).signal).toBe('SIGHUP');
    await waitUntil('the orphaned server to stop', () => !alive(s.serverPid), 15_000);
    expect(s.out.text).toContain('is gone: shutting down');
    await expect(fetch(`${s.url}/api/health`)).rejects.toThrow();
  }, 90_000);

  it('SIGHUP to the logged server pid reloads; Ctrl-C (SIGINT to the whole group, npm forwards it too) shuts down once, gracefully', async () => {
    const s = await npmStart();
    process.kill(s.serverPid, 'SIGHUP');
    await waitUntil('the reload', () => s.out.text.includes('index reloaded'));
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);

    process.kill(-s.npm.pid!, 'SIGINT');
    await s.exited;
    await waitUntil('the server to exit', () => !alive(s.serverPid), 15_000);
    expect(s.out.text).toContain('all connections closed');
    expect(s.out.text).not.toContain('second signal');
  }, 90_000);
});
