/**
 * Issue 17: concurrent ingests used to delete each other's version directories. Now one ingest holds
 * `<index>.lock` (pid + host + liveness); a second waits or says who holds it; clean-up touches only
 * finished or abandoned versions older than the running ingest.
 *
 * In process for the lock and clean-up rules; real `ingest/cli.ts` child processes for the concurrent
 * runs. The first ingest is held at a provable point — waiting on its embeddings from a loopback server
 * the test controls — and the second starts on that event; the first is released on the second's
 * "waiting"/"refused" event. No fixed sleep races the work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { IngestLockedError, lockPathFor } from '../../ingest/ingest-lock.js';
import { runIngest } from '../../ingest/ingest.js';
import { loadConfig } from '../../server/config.js';
import { loadIndex } from '../../server/shared/index-format/load-index.js';
import { REPO_CORPUS } from '../helpers/build-test-services.js';
import { fakeEmbedding } from '../helpers/fake-openai-server.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
});
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempCorpus() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-lock-'));
  dirs.push(dir);
  const corpusDir = path.join(dir, 'corpus');
  await cp(REPO_CORPUS, corpusDir, { recursive: true });
  const indexDir = path.join(dir, 'index');
  return { dir, corpusDir, indexDir, config: loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, LOG_LEVEL: 'silent' }) };
}

/** A pid that is certainly not running: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

const lockFile = (pid: number) => JSON.stringify({ pid, host: os.hostname(), startedAt: new Date().toISOString(), token: `t-${pid}` });

describe('the ingest lock', () => {
  it('a live holder: the ingest refuses at once, naming its pid, and the holder’s lock stays', async () => {
    const t = await tempCorpus();
    // The vitest worker's parent is alive for the whole test and is not this process.
    await writeFile(lockPathFor(t.indexDir), lockFile(process.ppid));
    const error = await runIngest({ config: t.config, lockWaitMs: 0 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IngestLockedError);
    expect(String((error as Error).message)).toContain(`another ingest (pid ${process.ppid}`);
    expect(existsSync(lockPathFor(t.indexDir))).toBe(true);
    expect(existsSync(t.indexDir)).toBe(false);
  });

  it('waits for a live holder and runs once the lock is released', async () => {
    const t = await tempCorpus();
    await writeFile(lockPathFor(t.indexDir), lockFile(process.ppid));
    let waitedFor: number | undefined;
    const summary = await runIngest({
      config: t.config,
      lockWaitMs: 30_000,
      // The holder "finishes" the moment we are seen waiting.
      onLockWait: (owner) => {
        waitedFor = owner?.pid;
        void rm(lockPathFor(t.indexDir));
      },
    });
    expect(waitedFor).toBe(process.ppid);
    expect(summary.documents).toBe(1);
    expect(existsSync(lockPathFor(t.indexDir))).toBe(false);
  });

  it('a lock left by a killed ingest (dead pid) is taken over', async () => {
    const t = await tempCorpus();
    await writeFile(lockPathFor(t.indexDir), lockFile(await deadPid()));
    expect((await runIngest({ config: t.config, lockWaitMs: 0 })).documents).toBe(1);
    expect(existsSync(lockPathFor(t.indexDir))).toBe(false);
  });
});

describe('clean-up after an ingest', () => {
  it('removes only finished or abandoned versions older than the run; never a younger one, a live writer’s, or one it did not write', async () => {
    const t = await tempCorpus();
    await runIngest({ config: t.config });
    const first = await readlink(t.indexDir);
    const dead = await deadPid();
    const make = async (name: string, finished = false) => {
      await mkdir(path.join(t.dir, name));
      if (finished) await writeFile(path.join(t.dir, name, 'manifest.sha256'), 'x');
    };
    const younger = `index.v${Date.now() + 60_000}-${dead}`; // stamped after this ingest started
    const liveWriter = `index.v${Date.now() - 1000}-${process.ppid}`; // unfinished, its writer is running
    const legacy = 'index.v0-legacy-1700000000000'; // moved aside by hand, not ours to delete
    const foreign = 'index.vbackup'; // someone's copy
    const abandoned = `index.v${Date.now() - 5000}-${dead}`; // a killed run's leftover
    const link = `index.link-${dead}`; // a killed run's temporary link
    for (const n of [younger, liveWriter, legacy, foreign, abandoned]) await make(n);
    await writeFile(path.join(t.dir, link), '');

    await writeFile(path.join(t.corpusDir, 'extra.txt'), '新增的文档,用于触发一次新的索引。这是第二句话。');
    await runIngest({ config: t.config });
    const left = await readdir(t.dir);
    const current = await readlink(t.indexDir);
    expect(left).toEqual(expect.arrayContaining([current, younger, liveWriter, legacy, foreign]));
    expect(left).not.toContain(abandoned);
    expect(left).not.toContain(link);
    expect(left).not.toContain(first); // the superseded version of a finished run
    expect((await loadIndex(t.indexDir)).manifest.counts.documents).toBe(2);
  });
});

/** Embeddings on loopback that hold every request until released: the first ingest waits there. */
async function gatedEmbeddings() {
  const held: Array<() => void> = [];
  let open = false;
  let onRequest: (() => void) | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const respond = () => {
        const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
        const dims = Number(body.dimensions) || 64;
        const data = inputs.map((text, index) => {
          const v = fakeEmbedding(String(text), dims);
          return { object: 'embedding', index, embedding: body.encoding_format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v };
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', model: body.model, data, usage: { prompt_tokens: 1, total_tokens: 1 } }));
      };
      if (open) respond();
      else {
        held.push(respond);
        onRequest?.();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    /** Resolves when a request is being held. */
    requested: () => new Promise<void>((resolve) => (held.length ? resolve() : (onRequest = resolve))),
    hold() {
      open = false;
    },
    release() {
      open = true;
      held.splice(0).forEach((respond) => respond());
    },
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

function ingestCli(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'ingest/cli.ts', ...args], {
    cwd: REPO,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const out = { stdout: '', stderr: '' };
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (d: Buffer) => ((out.stdout += d), listeners.forEach((l) => l())));
  child.stderr!.on('data', (d: Buffer) => ((out.stderr += d), listeners.forEach((l) => l())));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  /** Resolves when stderr matches (an event: output arriving), rejects if the process exits first. */
  const says = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => pattern.test(out.stderr) && (listeners.delete(check), resolve());
      listeners.add(check);
      check();
      void exited.then(() => (pattern.test(out.stderr) ? resolve() : reject(new Error(`exited without saying ${pattern}:\n${out.stderr}`))));
    });
  return { child, out, exited, says };
}

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms).unref())]);

describe('two ingest processes on one index, 10 rounds', () => {
  it('the second waits (or, with --no-wait, refuses naming the first); both accounted for; the index is valid every round', async () => {
    const t = await tempCorpus();
    const gate = await gatedEmbeddings();
    const env = {
      CORPUS_DIR: t.corpusDir,
      INDEX_DIR: t.indexDir,
      EMBEDDINGS: 'openai',
      OPENAI_BASE_URL: gate.url,
      OPENAI_API_KEY: 'test',
      OPENAI_MAX_RETRIES: '0',
    };
    try {
      for (let round = 1; round <= 10; round++) {
        // A new document each round, so the first ingest has something to embed (and waits at the gate).
        await writeFile(path.join(t.corpusDir, `round-${round}.txt`), `第 ${round} 轮的新文档。它说明并发导入的结果。`);
        gate.hold();
        const first = ingestCli(env);
        await within(Promise.race([gate.requested(), first.exited.then(() => Promise.reject(new Error(first.out.stderr)))]), 60_000, `round ${round}: first ingest embedding`);

        const noWait = round % 2 === 0;
        const second = ingestCli(env, noWait ? ['--no-wait'] : []);
        const firstPid = first.child.pid!;
        if (noWait) {
          expect(await within(second.exited, 60_000, `round ${round}: second refusing`)).toBe(1);
          expect(second.out.stderr).toContain(`another ingest (pid ${firstPid}`);
        } else {
          await within(second.says(new RegExp(`waiting for another ingest \\(pid ${firstPid}`)), 60_000, `round ${round}: second waiting`);
        }
        gate.release();

        expect(await within(first.exited, 60_000, `round ${round}: first exit`), first.out.stderr).toBe(0);
        expect(first.out.stdout).toContain(`${round + 1} documents`);
        if (!noWait) {
          expect(await within(second.exited, 60_000, `round ${round}: second exit`), second.out.stderr).toBe(0);
          expect(second.out.stdout).toContain(`${round + 1} documents`);
          expect(second.out.stdout).toContain('0 embedded'); // it reused the first one's vectors
        }
        // Valid every round: loads and verifies; one version left; no lock left behind.
        const index = await loadIndex(t.indexDir);
        expect(index.manifest.counts.documents).toBe(round + 1);
        const left = (await readdir(t.dir)).filter((n) => n.startsWith('index'));
        expect(left.sort()).toEqual(['index', await readlink(t.indexDir)].sort());
      }
    } finally {
      await gate.close();
    }
    expect(await readFile(path.join(t.corpusDir, 'round-10.txt'), 'utf8')).toContain('第 10 轮');
  }, 300_000);
});
