/**
 * `npm run ask -- --chat` as a user runs it: a child process with questions written to its stdin, a
 * follow-up resolved from the stored conversation; then `npm run report` reads the same database.
 */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../server/storage/storage.js';
import { buildTestServices, type TestServices } from '../helpers/build-test-services.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let t: TestServices;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  t = await buildTestServices();
  env = { ...process.env, CORPUS_DIR: t.config.corpusDir, INDEX_DIR: t.config.indexDir, DATABASE_FILE: path.join(t.dir, 'chat.sqlite'), LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
});
afterAll(() => t.cleanup());

/**
 * Runs the chat with the questions written to its stdin, one line each, then end of input (Ctrl-D).
 * The session reads line by line and answers each before reading the next, as a user typing would see.
 */
function chat(questions: string[]): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/cli/ask.ts'), '--chat'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  for (const q of questions) child.stdin.write(`${q}\n`);
  child.stdin.end();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`chat timed out; output so far:\n${out}`));
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`chat exited ${code}:\n${out}`));
    });
  });
}

describe('npm run ask -- --chat', () => {
  it('answers a question and its follow-up in one stored conversation', async () => {
    const out = await chat(['摩尔线程三年累计亏损多少?', '那沐曦呢?']);
    expect(out).toContain('50 亿元');
    expect(out).toContain('32.90'); // the follow-up resolved against the first question
    expect(out).toMatch(/Sources:\n {2}\[1\] china-gpu-makers-burning-cash-2025-07-12\.txt @\d+-\d+/);
    const id = /Conversation (\S+) \(resume with/.exec(out)![1];
    const storage = await openStorage({ dialect: 'sqlite', file: env.DATABASE_FILE! });
    try {
      const owner = (await storage.conversations.list(`cli:${(await import('node:os')).userInfo().username}`))[0];
      expect(owner.id).toBe(id);
      expect(owner.turns).toBe(2);
    } finally {
      await storage.close();
    }
  });

  it('npm run report reads the same database (text, --json, --csv)', async () => {
    await chat(['摩尔线程的股票代码是多少?']);
    const run = promisify(execFile);
    const report = (args: string[]) => run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/cli/report.ts'), ...args], { cwd: ROOT, env, timeout: 60_000 });
    const json = JSON.parse((await report(['--since', '1d', '--json'])).stdout);
    expect(json.totals).toMatchObject({ questions: 3, unanswered: 1 });
    expect(json.unanswered[0]).toMatchObject({ question: '摩尔线程的股票代码是多少?', count: 1 });
    const text = (await report(['--since', '7d'])).stdout;
    expect(text).toMatch(/1×\s+摩尔线程的股票代码是多少\?/);
    const csv = (await report(['--csv'])).stdout;
    expect(csv).toContain('unanswered,摩尔线程的股票代码是多少?,1');
    await expect(report(['--since', 'yesterday'])).rejects.toThrow(/since must be a duration/);
  });
});
