/**
 * Issue 17: the index is validated as a whole on load and reload. Damage is built the way a hostile or
 * careless edit would make it — including edits whose checksums were recomputed, so that only the shape
 * and cross-file checks can catch them. In process (loadIndex, buildServices, the reloader behind
 * POST /api/admin/reload) plus the real server as a child process.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readlink, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../ingest/ingest.js';
import { loadConfig } from '../../server/config.js';
import { buildServices } from '../../server/build-services.js';
import { selfTestIndex } from '../../server/core/index-self-test.js';
import { INDEX_FILES, type Manifest, type Segments } from '../../server/shared/index-format/index-format.js';
import { loadIndex } from '../../server/shared/index-format/load-index.js';
import { createReloader } from '../../server/lifecycle/reload.js';
import { REPO_CORPUS } from '../helpers/build-test-services.js';
import { hardenedApp } from '../helpers/hardening.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
let pristine: { dir: string; indexDir: string; corpusDir: string };

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-validate-'));
  dirs.push(dir);
  const corpusDir = path.join(dir, 'corpus');
  await cp(REPO_CORPUS, corpusDir, { recursive: true });
  const indexDir = path.join(dir, 'index');
  await runIngest({ config: loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, LOG_LEVEL: 'silent' }) });
  pristine = { dir, indexDir, corpusDir };
}, 120_000);
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const sha256 = (buf: Buffer | string) => createHash('sha256').update(buf).digest('hex');

/** A copy of the pristine index; `damage` gets its version directory. */
async function damagedCopy(damage: (versionDir: string) => Promise<void>): Promise<{ indexDir: string; versionDir: string; corpusDir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-validate-'));
  dirs.push(dir);
  const target = await readlink(pristine.indexDir);
  await cp(path.join(pristine.dir, target), path.join(dir, target), { recursive: true });
  await cp(pristine.indexDir, path.join(dir, 'index'), { verbatimSymlinks: true });
  const versionDir = path.join(dir, target);
  await damage(versionDir);
  return { indexDir: path.join(dir, 'index'), versionDir, corpusDir: pristine.corpusDir };
}

const readManifest = async (versionDir: string) => JSON.parse(await readFile(path.join(versionDir, INDEX_FILES.manifest), 'utf8')) as Manifest;

/** Writes the manifest and, unless told not to, a matching manifest.sha256 (a "consistent" forgery). */
async function writeManifest(versionDir: string, manifest: unknown, { rechecksum = true } = {}) {
  const text = JSON.stringify(manifest, null, 1);
  await writeFile(path.join(versionDir, INDEX_FILES.manifest), text);
  if (rechecksum) await writeFile(path.join(versionDir, INDEX_FILES.manifestChecksum), `${sha256(text)}  ${INDEX_FILES.manifest}\n`);
}

/** Replaces a data file and updates its checksum and size in the manifest (and the manifest's checksum). */
async function rewriteFile(versionDir: string, name: string, content: string) {
  await writeFile(path.join(versionDir, name), content);
  const manifest = await readManifest(versionDir);
  manifest.files[name] = { sha256: sha256(content), bytes: Buffer.byteLength(content) };
  await writeManifest(versionDir, manifest);
}

const editDocuments = (edit: (d: Array<Record<string, any>>) => void) => async (versionDir: string) => {
  const d = JSON.parse(await readFile(path.join(versionDir, INDEX_FILES.documents), 'utf8')) as Array<Record<string, any>>;
  edit(d);
  await rewriteFile(versionDir, INDEX_FILES.documents, JSON.stringify(d));
};

const editManifest = (edit: (m: Record<string, any>) => void, options?: { rechecksum?: boolean }) => async (versionDir: string) => {
  const m = (await readManifest(versionDir)) as unknown as Record<string, any>;
  edit(m);
  await writeManifest(versionDir, m, options);
};

const editSegments = (edit: (s: Segments) => void) => async (versionDir: string) => {
  const s = JSON.parse(await readFile(path.join(versionDir, INDEX_FILES.segments), 'utf8')) as Segments;
  edit(s);
  await rewriteFile(versionDir, INDEX_FILES.segments, JSON.stringify(s));
};

const CASES: Array<[string, (versionDir: string) => Promise<void>, string, RegExp]> = [
  ['dimensions 1e9, checksum not updated', editManifest((m) => (m.embedder.dimensions = 1e9), { rechecksum: false }), 'manifest.json', /does not match its checksum/],
  ['dimensions 1e9, checksum recomputed', editManifest((m) => (m.embedder.dimensions = 1e9)), 'manifest.json', /invalid shape \(embedder\.dimensions/],
  ['dimensions plausible but wrong', editManifest((m) => (m.embedder.dimensions = 128)), 'vectors.hnsw', /-dimensional vectors, the manifest says 128/],
  ['a missing key (files)', editManifest((m) => delete m.files), 'manifest.json', /invalid shape \(files/],
  ['a missing key (embedder)', editManifest((m) => delete m.embedder), 'manifest.json', /invalid shape \(embedder/],
  ['counts disagree with the files', editManifest((m) => (m.counts.chunks += 1)), 'segments.json', /chunks, the manifest counts/],
  ['a document id changed in the manifest only', editManifest((m) => (m.documents[0].docId = 'other')), 'documents.json', /the manifest says "other"/],
  ['a sentence points at a missing document', editSegments((s) => (s.sentences[0][0] = 99)), 'segments.json', /sentence 0 points at document 99/],
  ['a chunk spans past its document', editSegments((s) => (s.chunks[0][2] = 10_000_000)), 'segments.json', /chunk 0 spans/],
  ['a sentence points at a missing chunk', editSegments((s) => (s.sentences[1][3] = 1_000_000)), 'segments.json', /sentence 1 points at chunk/],
  ['segments of the wrong shape', async (v) => rewriteFile(v, INDEX_FILES.segments, JSON.stringify({ chunks: [[0, 1]], sentences: [] })), 'segments.json', /invalid shape/],
  ['documents of the wrong shape', async (v) => rewriteFile(v, INDEX_FILES.documents, JSON.stringify([{ docId: 5 }])), 'documents.json', /invalid shape/],
  ['code blocks out of order', editDocuments((d) => (d[0].codeBlocks = [{ start: 50, end: 60 }, { start: 0, end: 10 }])), 'documents.json', /code block \[0, 10\) out of order/],
  ['a code block past its text', editDocuments((d) => (d[0].codeBlocks = [{ start: 0, end: 1e9 }])), 'documents.json', /code block \[0, 1000000000\) out of order or outside/],
  ['vocab shorter than the ids in terms.bin', async (v) => rewriteFile(v, INDEX_FILES.vocab, JSON.stringify(['a'])), 'terms.bin', /uses token id \d+, vocab\.json has 1 tokens/],
  ['manifest.sha256 missing', async (v) => unlink(path.join(v, INDEX_FILES.manifestChecksum)), 'manifest.sha256', /is missing/],
  ['lexicon missing', async (v) => unlink(path.join(v, INDEX_FILES.lexicon)), 'lexicon.json', /is missing/],
  ['lexicon corrupted (same size)', async (v) => flipByte(path.join(v, INDEX_FILES.lexicon)), 'lexicon.json', /does not match its checksum/],
  ['lexicon not JSON, checksum recomputed', async (v) => rewriteFile(v, INDEX_FILES.lexicon, '{"source":'), 'lexicon.json', /is not valid JSON/],
  ['lexicon id past the vocabulary', async (v) => rewriteFile(v, INDEX_FILES.lexicon, JSON.stringify({ source: 'x', alternatives: { employee: [10_000_000] }, readings: {} })), 'lexicon.json', /uses token id 10000000 for "employee"/],
  ['lexicon of the wrong shape', async (v) => rewriteFile(v, INDEX_FILES.lexicon, JSON.stringify({ source: 'x', alternatives: [] })), 'lexicon.json', /invalid shape \(alternatives/],
];

async function flipByte(file: string) {
  const buf = await readFile(file);
  buf[Math.floor(buf.length / 2)] ^= 1;
  await writeFile(file, buf);
}

describe('loading a damaged index: one clear error naming the file', () => {
  it.each(CASES)('%s', async (_what, damage, file, reason) => {
    const t = await damagedCopy(damage);
    const error = await loadIndex(t.indexDir).then(
      () => undefined,
      (e: unknown) => e as { code?: string; message: string },
    );
    expect(error, 'the damaged index loaded').toBeDefined();
    expect(error!.code).toBe('index_unavailable');
    expect(error!.message).toContain(file);
    expect(error!.message).toMatch(reason);
    expect(error!.message).toContain('npm run ingest');
    expect(error!.message).not.toContain(t.versionDir); // paths stay in the log, not in what a client can see
    expect(error!.message).not.toMatch(/Cannot read properties|undefined \(reading/);
  });

  it('the pristine index loads and passes its self-test (the checks do not reject a good index)', async () => {
    const services = await buildServices({ config: loadConfig({ INDEX_DIR: pristine.indexDir, LOG_LEVEL: 'silent' }) });
    expect(services.index.chunks.length).toBeGreaterThan(0);
  });
});

describe('reload of a damaged index keeps the old one and says why without paths', () => {
  it.each(CASES.filter(([what]) => /1e9, checksum recomputed|missing document|missing key \(files\)/.test(what)))('%s', async (_what, damage, file) => {
    const t = await damagedCopy(async () => undefined);
    const config = loadConfig({ INDEX_DIR: t.indexDir, LOG_LEVEL: 'silent' });
    const good = await buildServices({ config });
    const api = hardenedApp({
      services: good,
      env: { API_KEYS: 'k1' },
      reloadWith: (holder, logger) => createReloader({ config, holder, logger }),
    });
    await damage(t.versionDir);
    const res = await request(api.app).post('/api/admin/reload').set('Authorization', 'Bearer k1');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('index_unavailable');
    expect(res.body.error.message).toContain(file);
    expect(JSON.stringify(res.body)).not.toMatch(/\/tmp\/|corpus-qa-validate|Cannot read properties|TypeError|\bat \//);
    expect(api.holder.current).toBe(good);
    const health = await request(api.app).get('/api/health').set('Authorization', 'Bearer k1');
    expect(health.body.status).toBe('ok');
    // The server log still has the full path for the operator.
    expect(api.log.raw.join('\n')).toContain(t.versionDir);
  });
});

describe('self-test question on load', () => {
  it('an answer service that fails makes the load fail (health never says ok for it)', async () => {
    const services = await buildServices({ config: loadConfig({ INDEX_DIR: pristine.indexDir, LOG_LEVEL: 'silent' }) });
    const deps = {
      index: services.index,
      retriever: { retrieve: async () => [{ chunk: 0, score: 1 }] },
      stats: undefined as never,
      topK: 5,
      localEmbeddings: false,
      deterministicGenerator: true,
    };
    const broken = { answerQuestion: async () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'text')")) };
    await expect(selfTestIndex({ ...deps, answerService: broken })).rejects.toMatchObject({ code: 'index_unavailable' });
    await expect(selfTestIndex({ ...deps, answerService: broken })).rejects.not.toThrow(/Cannot read/);
    const hangs = { answerQuestion: () => new Promise<never>(() => undefined) };
    await expect(selfTestIndex({ ...deps, answerService: hangs, timeoutMs: 50 })).rejects.toThrow(/within 50 ms/);
    const wrongQuote = {
      answerQuestion: async () => ({ answer: 'x', answered: true, citations: [{ n: 1, docId: services.index.documents[0].docId, start: 0, end: 5, quote: 'nope!' }] }),
    };
    await expect(selfTestIndex({ ...deps, answerService: wrongQuote as never })).rejects.toThrow(/cited a passage/);
  });
});

describe('the server as a child process', () => {
  it('refuses to start on a self-consistent forgery (dimensions 1e9, checksums recomputed): exit 1, one line naming the file', async () => {
    const t = await damagedCopy(editManifest((m) => (m.embedder.dimensions = 1e9)));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: REPO,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CORPUS_DIR: t.corpusDir, INDEX_DIR: t.indexDir, LOG_LEVEL: 'silent', GENERATOR: 'extractive', EMBEDDINGS: 'local', SLACK_SIGNING_SECRET: '', SLACK_BOT_TOKEN: '', API_KEYS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    clearTimeout(killer);
    expect(code).toBe(1);
    expect(stdout).not.toContain('ready');
    expect(stderr).toMatch(/manifest\.json has an invalid shape \(embedder\.dimensions/);
    expect(stderr).toContain(t.versionDir); // the operator is told where
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 90_000);
});
