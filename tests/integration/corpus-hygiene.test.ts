import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanCorpus, type SkippedFile } from '../../ingest/load-corpus.js';
import { REPO } from '../helpers/child-server.js';

/** Garbage in is refused loudly (issue 17's corpus hygiene): binary, oversized, empty, unsupported files; safe ids. */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hygiene-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function corpus(name: string, files: Record<string, string | Buffer>): Promise<string> {
  const root = path.join(dir, name);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  return root;
}

describe('corpus hygiene', () => {
  it('skips 5 MB of random bytes named .txt with one warning, indexing the rest', async () => {
    const root = await corpus('random', { 'noise.txt': randomBytes(5 * 1024 * 1024), 'real.txt': '真实文档\n这是一份正常的文档。' });
    const warned: SkippedFile[] = [];
    const scan = await scanCorpus(root, { onSkip: (s) => warned.push(s) });
    expect(scan.documents.map((d) => d.source)).toEqual(['real.txt']);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ source: 'noise.txt', failure: 'binary' });
  });

  it('skips a document over MAX_DOCUMENT_MB without reading it', async () => {
    const root = await corpus('large', { 'big.md': `# Big\n\n${'A long sentence of text. '.repeat(50_000)}`, 'small.md': '# Small\n\nSmall.' });
    const scan = await scanCorpus(root, { maxDocumentBytes: 1024 * 1024 });
    expect(scan.documents.map((d) => d.source)).toEqual(['small.md']);
    expect(scan.skipped).toEqual([expect.objectContaining({ source: 'big.md', failure: 'too_large', reason: expect.stringMatching(/1\.2 MB is over the 1\.0 MB limit \(MAX_DOCUMENT_MB\)/) })]);
  });

  it('gives every document a non-empty, unique, URL-safe id (a hash when the name has nothing usable)', async () => {
    const root = await corpus('ids', { '!!!.txt': 'Bang\nOne.', '???.txt': 'Question\nTwo.', 'a b.txt': 'Space\nThree.', 'a-b.txt': 'Dash\nFour.', 'sub/报告.md': '# 报告\n\n五。' });
    const ids = (await scanCorpus(root)).documents.map((d) => d.docId);
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) {
      expect(id).not.toBe('');
      expect(encodeURIComponent(id)).not.toMatch(/%2F|%3F|%23|%25|%20/);
    }
    expect(ids).toContain('sub--报告');
    expect(ids.filter((id) => /^doc-[0-9a-f]{12}$/.test(id))).toHaveLength(2);
  });

  it('reuses the extraction of a file whose bytes the previous index already holds (no second parse)', async () => {
    const root = await corpus('reuse', { 'a.md': '# A\n\nFirst *file*.', 'b.md': '# B\n\nSecond file.' });
    const first = await scanCorpus(root);
    const byKey = new Map(first.documents.map((d) => [`${d.source}\0${d.hash}`, { ...d, text: `${d.text} (from the index)` }]));
    const asked: string[] = [];
    await writeFile(path.join(root, 'b.md'), '# B\n\nSecond file, changed.');
    const second = await scanCorpus(root, { reuse: (source, hash) => (asked.push(source), byKey.get(`${source}\0${hash}`)) });
    expect(asked).toEqual(['a.md', 'b.md']);
    expect(second.documents.find((d) => d.source === 'a.md')!.text).toBe('A\n\nFirst file. (from the index)');
    expect(second.documents.find((d) => d.source === 'b.md')!.text).toBe('B\n\nSecond file, changed.');
  });

  it('`npm run ingest -- --help` prints the usage and builds nothing; an unknown option is an error', async () => {
    const root = await corpus('help', { 'a.txt': 'A\nB.' });
    const indexDir = path.join(dir, 'help-index');
    const env = { ...process.env, CORPUS_DIR: root, INDEX_DIR: indexDir };
    const help = await run(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run ingest/);
    expect(help.stdout).toContain('--full');
    expect(existsSync(indexDir)).toBe(false);
    const wrong = await run(['--fulll'], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/unknown option --fulll/);
    expect(existsSync(indexDir)).toBe(false);
  });
});

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'ingest/cli.ts', ...args], { cwd: REPO, env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
