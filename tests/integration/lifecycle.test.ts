import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, readlink, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createGenerator } from '../../server/generators/create-generator.js';
import { INDEX_FILES } from '../../server/shared/index-format/index-format.js';
import { loadIndex } from '../../server/shared/index-format/load-index.js';
import { runIngest } from '../../ingest/ingest.js';
import { ARTICLE_ID, REPO_CORPUS } from '../helpers/build-test-services.js';
import { waitUntil } from '../helpers/wait-until.js';

/**
 * The server and the ingest CLI as real child processes, run as `npm start` / `npm run ingest` run them
 * (`node server/build/launch.mjs start|ingest`: the compiled JavaScript, without the npm wrapper, so
 * signals such as SIGHUP and SIGKILL reach the process under test itself), each over a temporary corpus
 * and index. Other TypeScript scripts run through tsx.
 */
const REPO = path.resolve(import.meta.dirname, '../..');
const children = new Set<ChildProcess>();
const dirs: string[] = [];

afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempCorpus(): Promise<{ dir: string; corpusDir: string; indexDir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-lifecycle-'));
  dirs.push(dir);
  const corpusDir = path.join(dir, 'corpus');
  await cp(REPO_CORPUS, corpusDir, { recursive: true });
  return { dir, corpusDir, indexDir: path.join(dir, 'index') };
}

async function ingestInProcess(corpusDir: string, indexDir: string) {
  return runIngest({ config: loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, LOG_LEVEL: 'silent' }) });
}

interface Proc {
  child: ChildProcess;
  out: { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const LAUNCHED: Record<string, string[]> = {
  'server/main.ts': ['server/build/launch.mjs', 'start'],
  'ingest/cli.ts': ['server/build/launch.mjs', 'ingest'],
};

function run(entry: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, LAUNCHED[entry] ?? ['--import', 'tsx', entry], {
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
  children.add(child);
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (out.stdout += d));
  child.stderr!.on('data', (d: Buffer) => (out.stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, out, exited };
}

async function startServer(env: Record<string, string>): Promise<Proc & { base: string; port: number }> {
  const proc = run('server/main.ts', env);
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
  return { ...proc, port, base: `http://127.0.0.1:${port}` };
}

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms))]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const count = (text: string, needle: string) => text.split(needle).length - 1;

const ask = (base: string, question: string) =>
  fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });

describe('start-up with a broken index: a clear error naming the file and the fix, exit code 1', () => {
  let pristine: { dir: string; corpusDir: string; indexDir: string };
  beforeAll(async () => {
    pristine = await tempCorpus();
    await ingestInProcess(pristine.corpusDir, pristine.indexDir);
  });

  /** A copy of the built index (the symlink and its version directory), broken by `breakIt`. */
  async function brokenCopy(breakIt: (versionDir: string) => Promise<void>) {
    const t = await tempCorpus();
    const target = await readlink(pristine.indexDir);
    await cp(path.join(pristine.dir, target), path.join(t.dir, target), { recursive: true });
    await cp(pristine.indexDir, t.indexDir, { recursive: false, verbatimSymlinks: true });
    await breakIt(path.join(t.dir, target));
    return t;
  }

  it.each([
    [
      'corrupted (a byte flipped)',
      INDEX_FILES.documents,
      async (file: string) => {
        const buf = await readFile(file);
        buf[Math.floor(buf.length / 2)] ^= 0x01;
        await writeFile(file, buf);
      },
      /does not match its checksum/,
    ],
    ['truncated', INDEX_FILES.segments, async (file: string) => truncate(file, 100), /truncated/],
    ['missing', INDEX_FILES.vocab, async (file: string) => unlink(file), /is missing/],
    // The manifest is checksummed too (manifest.sha256): damage is reported as damage, before any parse error.
    ['manifest not JSON', INDEX_FILES.manifest, async (file: string) => writeFile(file, '{"formatVersion": 1, '), /does not match its checksum/],
  ])('%s %s', async (_what, name, breakIt, reason) => {
    const t = await brokenCopy((versionDir) => breakIt(path.join(versionDir, name)));
    const started = Date.now();
    const proc = run('server/main.ts', { CORPUS_DIR: t.corpusDir, INDEX_DIR: t.indexDir });
    const { code } = await within(proc.exited, 30_000, 'server exit');
    expect(code).toBe(1);
    expect(proc.out.stderr).toContain(name);
    expect(proc.out.stderr).toMatch(reason);
    expect(proc.out.stderr).toContain('npm run ingest');
    expect(proc.out.stderr).not.toMatch(/\n\s+at /); // one clear line, not a stack trace
    expect(proc.out.stdout).not.toContain('ready');
    // It did not quietly rebuild over the broken index either (that would hide the damage).
    expect(await readlink(t.indexDir)).toBe(await readlink(pristine.indexDir));
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('an index directory without a manifest and no corpus: a clear error, exit 1', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-lifecycle-'));
    dirs.push(dir);
    const proc = run('server/main.ts', { CORPUS_DIR: path.join(dir, 'no-corpus'), INDEX_DIR: path.join(dir, 'index') });
    const { code } = await within(proc.exited, 30_000, 'server exit');
    expect(code).toBe(1);
    expect(proc.out.stderr).toContain('Cannot start');
    expect(proc.out.stderr).toContain('no-corpus');
  });
});

describe('process faults', () => {
  it('an unhandled promise rejection is logged (JSON, with the error), not silent', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-lifecycle-'));
    dirs.push(dir);
    const script = path.join(dir, 'reject.ts');
    await writeFile(
      script,
      `import { logProcessFaults } from ${JSON.stringify(path.join(REPO, 'server/lifecycle/process-lifecycle.ts'))};
import { createLogger } from ${JSON.stringify(path.join(REPO, 'server/logger.ts'))};
logProcessFaults(createLogger('info'));
void Promise.reject(new Error('boom-unhandled'));
setTimeout(() => process.exit(0), 200);
`,
    );
    const proc = run(script, {});
    expect((await within(proc.exited, 20_000, 'exit')).code).toBe(0);
    const line = proc.out.stdout.split('\n').find((l) => l.includes('unhandled promise rejection'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 50, err: { message: 'boom-unhandled' } });
  });
});

describe('start-up: port already taken', () => {
  it('exits 1 with one clear line naming the port', async () => {
    const t = await tempCorpus();
    await ingestInProcess(t.corpusDir, t.indexDir);
    const first = await startServer({ CORPUS_DIR: t.corpusDir, INDEX_DIR: t.indexDir });
    const second = run('server/main.ts', { CORPUS_DIR: t.corpusDir, INDEX_DIR: t.indexDir, PORT: String(first.port) });
    expect((await within(second.exited, 30_000, 'exit')).code).toBe(1);
    expect(second.out.stderr).toContain(`port ${first.port} is taken`);
    expect(second.out.stderr).not.toMatch(/\n\s+at /);
    expect(second.out.stdout).not.toContain('assistant ready');
    first.child.kill('SIGTERM');
    expect((await within(first.exited, 15_000, 'exit')).code).toBe(0);
  }, 60_000);
});

describe('reload while serving', () => {
  it('SIGHUP after a re-ingest serves the new document, without failing concurrent requests', async () => {
    const t = await tempCorpus();
    await ingestInProcess(t.corpusDir, t.indexDir);
    const srv = await startServer({ CORPUS_DIR: t.corpusDir, INDEX_DIR: t.indexDir });
    expect((await fetch(`${srv.base}/api/documents/fresh-news`)).status).toBe(404);

    await writeFile(path.join(t.corpusDir, 'fresh-news.txt'), '新增的新闻\n\n日期:2025-08-01\n\n芯片公司新闻:某某公司宣布新一轮融资 50 亿元。\n');
    await ingestInProcess(t.corpusDir, t.indexDir);
    // The running server still has the old index in memory until it is told to reload.
    expect((await fetch(`${srv.base}/api/documents/fresh-news`)).status).toBe(404);

    const statuses: number[] = [];
    const failures: string[] = [];
    let stop = false;
    const loop = async (i: number) => {
      while (!stop) {
        try {
          const res = i % 2 ? await ask(srv.base, '沐曦股份的估值是多少?') : await fetch(`${srv.base}/api/documents/${ARTICLE_ID}`);
          statuses.push(res.status);
          const body = await res.json();
          if (res.status !== 200) failures.push(JSON.stringify(body));
        } catch (e) {
          failures.push(String(e));
        }
      }
    };
    const loops = [0, 1, 2, 3].map(loop);
    await waitUntil('requests flowing', () => statuses.length >= 8);
    const before = statuses.length;
    srv.child.kill('SIGHUP');
    await waitUntil('the reload to serve the new document', async () => (await fetch(`${srv.base}/api/documents/fresh-news`)).status === 200, 20_000);
    // Requests keep succeeding after the swap too.
    const atSwap = statuses.length;
    await waitUntil('requests after the reload', () => statuses.length >= atSwap + 8 || failures.length > 0);
    stop = true;
    await Promise.all(loops);

    expect(failures).toEqual([]);
    expect(statuses.length - before).toBeGreaterThanOrEqual(8);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const health = await (await fetch(`${srv.base}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', documents: 2 });
    expect((await ask(srv.base, '沐曦股份的估值是多少?')).status).toBe(200);
    expect(srv.out.stdout).toContain('index reloaded');
    srv.child.kill('SIGTERM');
    expect((await within(srv.exited, 15_000, 'exit')).code).toBe(0);
  }, 90_000);
});

/** A fake OpenAI-compatible upstream that streams its reply slowly (or stalls), so an SSE answer is in flight for a while. */
async function slowUpstream(opts: { pieces: string[]; delayMs: number; stall?: boolean }) {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', async () => {
      const body = JSON.parse(raw || '{}') as { stream?: boolean; model?: string };
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({ id: 'chatcmpl-slow', object: 'chat.completion.chunk', created: 1, model: body.model ?? 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: opts.pieces.join('') }, finish_reason: 'stop' }] }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ role: 'assistant', content: '' }, null));
      for (const [i, piece] of opts.pieces.entries()) {
        if (opts.stall && i === 1) return; // never finishes
        await sleep(opts.delayMs);
        if (res.destroyed) return;
        res.write(chunk({ content: piece }, null));
      }
      res.write(chunk({}, 'stop'));
      res.end('data: [DONE]\n\n');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/v1`,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Reads an SSE response as it arrives; resolves `firstDelta` at the first delta event. */
function openStream(base: string, question: string) {
  let text = '';
  let onDelta!: () => void;
  const firstDelta = new Promise<void>((r) => (onDelta = r));
  const done = (async () => {
    const res = await fetch(`${base}/api/ask/stream`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) break;
      text += decoder.decode(value, { stream: true });
      if (text.includes('event: delta')) onDelta();
    }
    return { status: res.status, text, endedAt: Date.now() };
  })();
  return { firstDelta, done };
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

/** The SSE-in-flight cases need a slow upstream, i.e. GENERATOR=openai (the in-process variant is in graceful-shutdown.test.ts). */
const openAiWired = await createGenerator(loadConfig({ GENERATOR: 'openai', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' })).then(
  () => true,
  () => false,
);

describe('graceful shutdown', () => {
  let t: { corpusDir: string; indexDir: string };
  beforeAll(async () => {
    t = await tempCorpus();
    await ingestInProcess(t.corpusDir, t.indexDir);
  });

  it.skipIf(!openAiWired)('SIGTERM with an SSE stream in flight: stops accepting, lets the stream finish, exits 0', async () => {
    const upstream = await slowUpstream({ pieces: ['沐曦股份', '估值已达', ' 210.71 ', '亿元 [1]', '。'], delayMs: 300 });
    try {
      const srv = await startServer({ CORPUS_DIR: t.corpusDir, INDEX_DIR: t.indexDir, GENERATOR: 'openai', OPENAI_BASE_URL: upstream.baseURL, OPENAI_API_KEY: 'sk-test', SHUTDOWN_GRACE_MS: '20000' });
      const stream = openStream(srv.base, '沐曦股份的估值是多少?');
      await within(stream.firstDelta, 20_000, 'first delta');
      srv.child.kill('SIGTERM');
      // The listener is closed in the same tick that logs this line.
      await waitUntil('the shutdown to start', () => srv.out.stdout.includes('shutting down'), 20_000);
      expect(await canConnect(srv.port)).toBe(false); // no longer accepting
      const result = await within(stream.done, 20_000, 'stream end');
      const { code } = await within(srv.exited, 20_000, 'server exit');
      const exitedAt = Date.now();
      expect(code).toBe(0);
      expect(result.status).toBe(200);
      expect(result.text).toContain('event: done');
      expect(result.text).not.toContain('event: error');
      expect(result.text).toContain('210.71');
      expect(exitedAt).toBeGreaterThanOrEqual(result.endedAt);
      expect(srv.out.stdout).toContain('shutting down');
      expect(srv.out.stdout).toContain('all connections closed');
    } finally {
      await upstream.close();
    }
  }, 60_000);

  it.skipIf(!openAiWired)('a stream that never ends is cut at SHUTDOWN_GRACE_MS, then exit 0', async () => {
    const upstream = await slowUpstream({ pieces: ['沐曦', '股份'], delayMs: 100, stall: true });
    try {
      const srv = await startServer({ CORPUS_DIR: t.corpusDir, INDEX_DIR: t.indexDir, GENERATOR: 'openai', OPENAI_BASE_URL: upstream.baseURL, OPENAI_API_KEY: 'sk-test', SHUTDOWN_GRACE_MS: '1000' });
      const stream = openStream(srv.base, '沐曦股份的估值是多少?');
      const cut = stream.done.catch(() => undefined); // this stream is meant to be cut
      await within(stream.firstDelta, 20_000, 'first delta');
      const signalledAt = Date.now();
      srv.child.kill('SIGTERM');
      const { code } = await within(srv.exited, 15_000, 'server exit');
      expect(code).toBe(0);
      expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(900);
      expect(srv.out.stdout).toContain('grace period over');
      await cut;
    } finally {
      await upstream.close();
    }
  }, 60_000);

  it('an idle server exits 0 at once on SIGTERM', async () => {
    const srv = await startServer({ CORPUS_DIR: t.corpusDir, INDEX_DIR: t.indexDir });
    expect((await fetch(`${srv.base}/api/health`)).status).toBe(200); // leaves an idle keep-alive socket
    const signalledAt = Date.now();
    srv.child.kill('SIGTERM');
    expect((await within(srv.exited, 10_000, 'server exit')).code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(3000);
  }, 60_000);
});

describe('an ingest killed half-way', () => {
  it('leaves the previous index serving (also after a reload), a restart re-ingests the changed corpus, and the next ingest completes', async () => {
    const t = await tempCorpus();
    await ingestInProcess(t.corpusDir, t.indexDir);
    const before = await readlink(t.indexDir);
    const srv = await startServer({ CORPUS_DIR: t.corpusDir, INDEX_DIR: t.indexDir });

    // A corpus big enough that the ingest runs for a few seconds.
    const article = await readFile(path.join(REPO_CORPUS, `${ARTICLE_ID}.txt`), 'utf8');
    for (let i = 1; i <= 60; i++) await writeFile(path.join(t.corpusDir, `copy-${i}.txt`), `${article}\n编号 ${i} 的附加说明。\n`);
    const env = { CORPUS_DIR: t.corpusDir, INDEX_DIR: t.indexDir };

    // Kill 1: while it embeds (before it writes anything). The ingest embeds through an OpenAI-compatible
    // server on loopback that takes the request and never answers, so it is killed while provably waiting
    // on its embeddings, whatever the machine's speed (no fixed sleep racing the ingest).
    // Kill 2: once its new version is fully written, just before the symlink swap (the ingest holds there
    // and says so: tests/helpers/ingest-held-before-commit.ts), the latest point a kill can leave debris.
    const embedRequests: string[] = [];
    let sawEmbedRequest!: () => void;
    const embedRequested = new Promise<void>((resolve) => (sawEmbedRequest = resolve));
    const silentUpstream = http.createServer((req) => {
      embedRequests.push(`${req.method} ${req.url}`);
      sawEmbedRequest();
    });
    await new Promise<void>((resolve) => silentUpstream.listen(0, '127.0.0.1', resolve));
    const upstreamPort = (silentUpstream.address() as net.AddressInfo).port;
    const early = run('ingest/cli.ts', {
      ...env,
      EMBEDDINGS: 'openai',
      OPENAI_BASE_URL: `http://127.0.0.1:${upstreamPort}/v1`,
      OPENAI_API_KEY: 'test',
      OPENAI_MAX_RETRIES: '0',
    });
    await within(embedRequested, 60_000, 'the ingest asking for embeddings');
    early.child.kill('SIGKILL');
    silentUpstream.closeAllConnections();
    silentUpstream.close();
    expect(embedRequests[0]).toMatch(/^POST .*\/embeddings$/);
    expect((await within(early.exited, 10_000, 'ingest exit')).signal).toBe('SIGKILL');

    const late = run('tests/helpers/ingest-held-before-commit.ts', env);
    await waitUntil('the ingest to hold before its commit', () => late.out.stdout.includes('held before commit'), 60_000);
    late.child.kill('SIGKILL');
    expect((await within(late.exited, 10_000, 'ingest exit')).signal).toBe('SIGKILL');

    // It died half-way: its new version directory is there, written but not linked.
    const halfWritten = (await readdir(t.dir)).filter((n) => n.startsWith('index.v') && n !== before);
    expect(halfWritten.length).toBeGreaterThan(0);
    // The link still names the previous, complete version; it loads and verifies.
    expect(await readlink(t.indexDir)).toBe(before);
    expect((await loadIndex(t.indexDir)).manifest.counts.documents).toBe(1);
    // The running server never noticed, and a reload or a fresh start still get the previous index.
    expect(await (await fetch(`${srv.base}/api/health`)).json()).toMatchObject({ status: 'ok', documents: 1 });
    const reloads = count(srv.out.stdout, 'index reloaded');
    srv.child.kill('SIGHUP');
    await waitUntil('the reload', () => count(srv.out.stdout, 'index reloaded') > reloads);
    expect(await (await fetch(`${srv.base}/api/health`)).json()).toMatchObject({ status: 'ok', documents: 1 });
    expect((await ask(srv.base, '沐曦股份的估值是多少?')).status).toBe(200);
    // A fresh start sees that corpus/ changed since the index was built (60 files added) and re-ingests it.
    const restarted = await startServer(env);
    expect(restarted.out.stdout).toContain('corpus changed since the index was built (60 added');
    expect(await (await fetch(`${restarted.base}/api/health`)).json()).toMatchObject({ status: 'ok', documents: 61 });
    restarted.child.kill('SIGTERM');
    expect((await within(restarted.exited, 15_000, 'exit')).code).toBe(0);

    // The next ingest completes, clears the half-written leftovers, and a reload serves it.
    const next = run('ingest/cli.ts', env);
    const nextExit = await within(next.exited, 90_000, 'ingest exit');
    expect(nextExit.code).toBe(0);
    expect(next.out.stdout).toContain('61 documents');
    const leftovers = (await readdir(t.dir)).filter((n) => n.startsWith('index.'));
    expect(leftovers).toEqual([await readlink(t.indexDir)]);
    srv.child.kill('SIGHUP');
    await waitUntil('the reload to serve the new index', async () => ((await (await fetch(`${srv.base}/api/health`)).json()) as { documents: number }).documents === 61, 20_000);
    expect((await fetch(`${srv.base}/api/documents/copy-7`)).status).toBe(200);
    srv.child.kill('SIGTERM');
    expect((await within(srv.exited, 15_000, 'exit')).code).toBe(0);
  }, 180_000);
});
