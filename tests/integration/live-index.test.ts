import type { ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, readlink, rm, symlink, unlink, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../ingest/ingest.js';
import { loadConfig } from '../../server/config.js';
import { INDEX_FILES } from '../../server/index-store/index-format.js';
import { ARTICLE_ID, REPO_CORPUS } from '../helpers/build-test-services.js';
import { eventually, runEntry, startServer } from '../helpers/child-server.js';

/** The running server follows the corpus and the index by itself: no restart, no signal. */
const children = new Set<ChildProcess>();
const dirs: string[] = [];
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function tempCorpus() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'live-index-'));
  dirs.push(dir);
  const corpusDir = path.join(dir, 'corpus');
  await cp(REPO_CORPUS, corpusDir, { recursive: true });
  const indexDir = path.join(dir, 'index');
  await runIngest({ config: loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, LOG_LEVEL: 'silent' }) });
  return { dir, corpusDir, indexDir, env: { CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, INDEX_POLL_MS: '200' } };
}

const listIds = async (base: string): Promise<string[]> => ((await (await fetch(`${base}/api/documents`)).json()) as Array<{ docId: string }>).map((d) => d.docId);
const ask = async (base: string, question: string) =>
  (await (await fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) })).json()) as {
    answered: boolean;
    citations: Array<{ docId: string; quote: string }>;
  };

const HARBOUR = '# Harbour notes\n\nThe Lindøy ferry carries 40 cars on each crossing.\n';

describe('live index', () => {
  it('an `npm run ingest` in another process is served by the running server by itself', async () => {
    const t = await tempCorpus();
    const server = await startServer(t.env, children);
    expect(await listIds(server.base)).toEqual([ARTICLE_ID]);

    await writeFile(path.join(t.corpusDir, 'harbour.md'), HARBOUR);
    const ingest = runEntry('ingest/cli.ts', t.env, children);
    expect((await ingest.exited).code).toBe(0);
    expect(ingest.out.stdout).toMatch(/ingest: 2 documents/);

    await eventually(async () => ((await listIds(server.base)).includes('harbour') ? true : undefined), 'the server to serve the new index');
    const answer = await ask(server.base, 'What does the Lindøy ferry carry?');
    expect(answer.citations.some((c) => c.docId === 'harbour' && c.quote.includes('40 cars'))).toBe(true);
    expect(server.out.stdout).toMatch(/new index version on disk/);
  });

  it('an upload to the running server is answerable when the 201 arrives; a delete is gone when the 204 arrives', async () => {
    const t = await tempCorpus();
    const server = await startServer(t.env, children);
    const form = new FormData();
    form.append('file', new Blob([HARBOUR]), 'harbour.md');
    const res = await fetch(`${server.base}/api/documents`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const answer = await ask(server.base, 'What does the Lindøy ferry carry?');
    expect(answer.citations.some((c) => c.docId === 'harbour')).toBe(true);
    expect((await fetch(`${server.base}/api/documents/harbour`, { method: 'DELETE' })).status).toBe(204);
    expect((await ask(server.base, 'What does the Lindøy ferry carry?')).citations.some((c) => c.docId === 'harbour')).toBe(false);
  });

  it('a new index version that fails to load leaves the old one serving; the next good one is picked up', async () => {
    const t = await tempCorpus();
    const server = await startServer(t.env, children);
    // A broken version made current by hand: a copy of the current one with documents.json damaged.
    const current = await readlink(t.indexDir);
    const broken = `${current}-broken`;
    await cp(path.join(t.dir, current), path.join(t.dir, broken), { recursive: true });
    await writeFile(path.join(t.dir, broken, INDEX_FILES.documents), '[]');
    await symlink(broken, `${t.indexDir}.tmp`);
    await rename(`${t.indexDir}.tmp`, t.indexDir);

    await eventually(async () => (/index reload failed/.test(server.out.stdout) ? true : undefined), 'the failed reload to be logged');
    expect((await ask(server.base, '摩尔线程有多少名员工?')).answered).toBe(true);
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);

    await writeFile(path.join(t.corpusDir, 'harbour.md'), HARBOUR);
    await runIngest({ config: loadConfig({ CORPUS_DIR: t.corpusDir, INDEX_DIR: t.indexDir, LOG_LEVEL: 'silent' }) });
    await eventually(async () => ((await listIds(server.base)).includes('harbour') ? true : undefined), 'the next good index to be served');
  });

  it('`npm start` re-ingests when corpus/ changed since the index was built, and says what changed', async () => {
    const t = await tempCorpus();
    await writeFile(path.join(t.corpusDir, 'harbour.md'), HARBOUR);
    const article = path.join(t.corpusDir, `${ARTICLE_ID}.txt`);
    const text = await readFile(article);
    await unlink(article);
    await writeFile(path.join(t.corpusDir, 'article-copy.txt'), text);
    await writeFile(path.join(t.corpusDir, 'broken.pdf'), '%PDF-1.4 nothing');

    const server = await startServer(t.env, children);
    expect(server.out.stdout).toContain(
      'corpus changed since the index was built (3 added (article-copy.txt, broken.pdf, harbour.md), 1 removed (china-gpu-makers-burning-cash-2025-07-12.txt))',
    );
    expect(server.out.stdout).toMatch(/skipped broken\.pdf: not a readable PDF/);
    expect((await listIds(server.base)).sort()).toEqual(['article-copy', 'harbour']);
    server.child.kill('SIGTERM');
    await server.exited;

    // Unchanged since (the unreadable file included): no re-ingest on the next start.
    const again = await startServer(t.env, children);
    expect(again.out.stdout).not.toMatch(/corpus changed/);
  });
});
