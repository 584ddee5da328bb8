import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestServices, type TestServices } from '../helpers/build-test-services.js';

/**
 * What the compiled entry points load (the memory and start-up budget): a preloaded hook records every
 * module the process resolves (ES modules through a resolve hook, CommonJS from require.cache) and
 * writes the list at exit. Heavy packages must appear only when what they serve is used.
 */
const REPO = path.resolve(import.meta.dirname, '../..');
const HOOK = `
import { createRequire, register } from 'node:module';
import { writeFileSync } from 'node:fs';
const { port1, port2 } = new MessageChannel();
const seen = [];
port1.on('message', (url) => seen.push(url));
port1.unref();
register('data:text/javascript,' + encodeURIComponent('let port; export function initialize(d) { port = d.port } export async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r }'), { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
const require = createRequire(import.meta.url);
process.on('exit', () => writeFileSync(process.env.TRACE_FILE, JSON.stringify([...seen, ...Object.keys(require.cache)])));
`;
let t: TestServices;
let dir: string;

beforeAll(async () => {
  t = await buildTestServices();
  dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-trace-'));
  await writeFile(path.join(dir, 'hook.mjs'), HOOK);
});
afterAll(async () => {
  await t.cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** Our own compiled modules a run loaded, as paths under dist/ ("ingest/ingest.js"). */
async function ownModulesLoaded(traceFile: string): Promise<string[]> {
  const urls = JSON.parse(await readFile(traceFile, 'utf8')) as string[];
  return urls.flatMap((u) => /\/dist\/(.*)$/.exec(u)?.[1] ?? []);
}

/** Packages (node_modules names, plus opencc's converter build) a run loaded. */
async function packagesLoaded(traceFile: string): Promise<Set<string>> {
  const urls = JSON.parse(await readFile(traceFile, 'utf8')) as string[];
  const names = new Set<string>();
  for (const u of urls) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(u);
    if (!m) continue;
    names.add(m[1]);
    if (m[1] === 'opencc-js' && /dist\/(umd|esm)\//.test(m[2])) names.add('opencc-js converter');
    if (m[1] === '@langchain/core' && /dist\/(prompts|output_parsers)\//.test(m[2])) names.add('langchain prompts');
    if (m[1] === 'stopword' && !/stopwords_(?:eng|zho)\.js$/.test(m[2]) && m[2] !== 'package.json') names.add('stopword-other-languages');
  }
  return names;
}

function runTraced(args: string[], env: Record<string, string>, traceFile: string) {
  const child = spawn(process.execPath, ['--import', path.join(dir, 'hook.mjs'), ...args], {
    cwd: REPO,
    env: { ...process.env, CORPUS_DIR: t.config.corpusDir, INDEX_DIR: t.config.indexDir, TRACE_FILE: traceFile, HOST: '127.0.0.1', API_KEYS: '', SLACK_SIGNING_SECRET: '', SLACK_BOT_TOKEN: '', GENERATOR: 'extractive', EMBEDDINGS: 'local', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out };
}

const HEAVY_UNUSED = ['@langchain/openai', 'openai', '@slack/bolt', '@slack/web-api', 'opencc-js converter', 'langchain prompts'];
/** Document parsers, the PostgreSQL driver, upload and CSV helpers: loaded when a file is read, a replica starts, an upload or export comes. */
const NOT_FOR_ANSWERING = ['mammoth', 'pdfjs-dist', 'markdown-it', 'htmlparser2', 'chardet', 'pg', 'busboy', 'csv-stringify', 'stopword-other-languages'];
/** Ingest's own modules beyond the start-up check: CC-CEDICT is read at ingest only (the index holds lexicon.json). */
const INGEST_ONLY = /^ingest\/(ingest|load-corpus|lexicon\/.*|formats\/.*-format)\.js$/;

describe('lean loading (compiled entry points)', () => {
  it('the CLI answering in-process loads no HTTP stack, logger, LLM client, Slack or Chinese converter', async () => {
    const trace = path.join(dir, 'cli.json');
    const p = runTraced(['server/cli/corpus-ask.mjs', '--local', '沐曦股份的估值是多少?'], {}, trace);
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain('210.71');
    const loaded = await packagesLoaded(trace);
    expect(loaded).toContain('@node-rs/jieba'); // answering needs the dictionary…
    for (const name of [...HEAVY_UNUSED, ...NOT_FOR_ANSWERING, 'express', 'pino', 'pino-http', 'helmet', 'langchain prompts', 'kysely', 'better-sqlite3']) expect(loaded).not.toContain(name);
    expect((await ownModulesLoaded(trace)).filter((m) => INGEST_ONLY.test(m) || m.startsWith('server/storage/') || m.startsWith('vendor/kysely'))).toEqual([]);
    expect([...loaded].some((n) => n.includes('tsx') || n === 'esbuild')).toBe(false); // plain JavaScript, no compiler
  }, 60_000);

  it('the server loads OpenCC only once a traditional question arrives, and never Slack or the LLM client when unconfigured', async () => {
    const runServer = async (questions: string[], traceFile: string) => {
      const p = runTraced(['server/build/launch.mjs', 'start'], { PORT: '0', LOG_LEVEL: 'warn' }, traceFile);
      const deadline = Date.now() + 60_000;
      let m: RegExpExecArray | null;
      while (!(m = /ready: http:\/\/[^:]+:(\d+)/.exec(p.output()))) {
        if (Date.now() > deadline || p.child.exitCode !== null) throw new Error(`server not ready:\n${p.output()}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      for (const question of questions) {
        const res = await fetch(`http://127.0.0.1:${m[1]}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
        expect(res.status).toBe(200);
      }
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      return packagesLoaded(traceFile);
    };
    const simplified = await runServer(['沐曦股份的估值是多少?', '摩尔线程有多少名员工?'], path.join(dir, 'server-simplified.json'));
    expect(simplified).toContain('express');
    expect(simplified).toContain('better-sqlite3'); // conversation storage is on by default (SQLite)…
    for (const name of [...HEAVY_UNUSED, ...NOT_FOR_ANSWERING, 'kysely']) expect(simplified).not.toContain(name); // …through the bundled kysely
    const own = await ownModulesLoaded(path.join(dir, 'server-simplified.json'));
    expect(own).toContain('vendor/kysely.js');
    expect(own.filter((m) => INGEST_ONLY.test(m))).toEqual([]);
    const traditional = await runServer(['摩爾線程有多少員工?'], path.join(dir, 'server-traditional.json'));
    expect(traditional).toContain('opencc-js converter');
  }, 90_000);
});
