import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestServices, type TestServices } from '../helpers/build-test-services.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
let t: TestServices;

beforeAll(async () => {
  t = await buildTestServices();
});
afterAll(() => t.cleanup());

const cli = (script: string, args: string[]) =>
  run(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, CORPUS_DIR: t.config.corpusDir, INDEX_DIR: t.config.indexDir, LOG_LEVEL: 'silent' },
    timeout: 60_000,
  });

describe('terminal look-ups', () => {
  it('npm run ask prints the answer and its sources', async () => {
    const { stdout } = await cli('server/cli/ask.ts', ['摩尔线程有多少名员工?']);
    expect(stdout).toContain('1126');
    expect(stdout).toMatch(/Sources:\n {2}\[1\] china-gpu-makers-burning-cash-2025-07-12\.txt @\d+-\d+: .*1126/);
  });

  it('--json prints the /api/ask response', async () => {
    const { stdout } = await cli('server/cli/ask.ts', ['--json', '摩尔线程的股票代码是多少?']);
    const body = JSON.parse(stdout);
    expect(body).toMatchObject({ answer: '文档中没有提到这一点。', answered: false });
    expect(body.citations.every((c: { kind?: string }) => c.kind === 'passage')).toBe(true);
  });

  it('npm run eval scores a question file and exits 0 when every required case passes', async () => {
    const { stdout } = await cli('server/cli/eval.ts', [path.join(ROOT, 'tests/fixtures/own-questions.json')]);
    expect(stdout).toMatch(/eval: 34 passed, 0 failed/);
  });
});
