import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import { loadConfig } from '../../server/config.js';
import type { Services } from '../../server/core/services.js';
import { silentLogger } from '../../server/logger.js';
import { buildTestServices, type TestServices } from '../helpers/build-test-services.js';

/**
 * The terminal look-up as users run it: the `corpus-ask` bin (plain JavaScript from dist/, compiled first
 * if stale), in-process when no server answers, through the running server when one does.
 */
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
let t: TestServices;

beforeAll(async () => {
  t = await buildTestServices();
});
afterAll(() => t.cleanup());

const cliEnv = (extra: Record<string, string> = {}) => ({
  ...process.env,
  CORPUS_DIR: t.config.corpusDir,
  INDEX_DIR: t.config.indexDir,
  LOG_LEVEL: 'silent',
  HOST: '127.0.0.1',
  API_KEYS: '',
  ...extra,
});

const cli = (script: string, args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [path.join(ROOT, script), ...args], { cwd: ROOT, env: cliEnv(env), timeout: 60_000 });
const ask = (args: string[], env: Record<string, string> = {}) => cli('server/cli/corpus-ask.mjs', args, env);

/** A port where nothing listens (taken from the OS, then released). */
async function closedPort(): Promise<number> {
  const server = createApp({ services: { current: undefined }, logger: silentLogger(), config: loadConfig({}) }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** The real app on loopback over the test services; `asked` records the questions that reached it. */
async function serve(services: Services, env: Record<string, string> = {}): Promise<{ port: number; asked: string[]; close(): Promise<void> }> {
  const asked: string[] = [];
  const recording: Services = {
    ...services,
    answerService: { answerQuestion: (q, h, o) => (asked.push(q), services.answerService.answerQuestion(q, h, o)) },
  };
  const app = createApp({ services: { current: recording }, logger: silentLogger(), config: loadConfig({ RATE_LIMIT_PER_MINUTE: '0', ...env }) });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    port: (server.address() as AddressInfo).port,
    asked,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

describe('terminal look-ups, no server running', () => {
  it('prints the answer and its sources, answered in-process', async () => {
    const { stdout } = await ask(['摩尔线程有多少名员工?'], { PORT: String(await closedPort()) });
    expect(stdout).toContain('1126');
    expect(stdout).toMatch(/Sources:\n {2}\[1\] china-gpu-makers-burning-cash-2025-07-12\.txt @\d+-\d+: .*1126/);
  });

  it('--json prints the /api/ask response', async () => {
    const { stdout } = await ask(['--json', '摩尔线程的股票代码是多少?'], { PORT: String(await closedPort()) });
    const body = JSON.parse(stdout);
    expect(body).toMatchObject({ answer: '文档中没有提到这一点。', answered: false });
    expect(body.citations.every((c: { kind?: string }) => c.kind === 'passage')).toBe(true);
  });

  it('without a question prints the usage and exits 2', async () => {
    await expect(ask([])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage:') });
  });

  it('npm run eval scores a question file and exits 0 when every required case passes', async () => {
    const { stdout } = await cli('server/build/launch.mjs', ['eval', path.join(ROOT, 'tests/fixtures/own-questions.json')]);
    expect(stdout).toMatch(/eval: 34 passed, 0 failed/);
  });
});

describe('terminal look-ups with the server running', () => {
  it('asks the server on HOST:PORT (one HTTP round trip) and prints the same answer', async () => {
    const srv = await serve(t.services);
    try {
      const { stdout } = await ask(['--json', '沐曦股份的估值是多少?'], { PORT: String(srv.port) });
      expect(srv.asked).toEqual(['沐曦股份的估值是多少?']);
      expect(JSON.parse(stdout)).toEqual(await t.services.answerService.answerQuestion('沐曦股份的估值是多少?', []));
    } finally {
      await srv.close();
    }
  });

  it('sends the first of API_KEYS; without a key it answers in-process instead', async () => {
    const srv = await serve(t.services, { API_KEYS: 'k-test-1,k-test-2' });
    try {
      const withKey = await ask(['摩尔线程有多少名员工?'], { PORT: String(srv.port), API_KEYS: 'k-test-1' });
      expect(srv.asked).toHaveLength(1);
      expect(withKey.stdout).toContain('1126');
      const without = await ask(['摩尔线程有多少名员工?', '--verbose'], { PORT: String(srv.port) });
      expect(srv.asked).toHaveLength(1);
      expect(without.stdout).toContain('1126');
      expect(without.stderr).toContain('answered 401');
    } finally {
      await srv.close();
    }
  });

  it('does not ask a server that serves another index (answers from the index it was pointed at)', async () => {
    const other: Services = { ...t.services, index: { ...t.services.index, dir: '/elsewhere/index.v1-1' } };
    const srv = await serve(other);
    try {
      const { stdout, stderr } = await ask(['摩尔线程有多少名员工?', '--verbose'], { PORT: String(srv.port) });
      expect(srv.asked).toEqual([]);
      expect(stdout).toContain('1126');
      expect(stderr).toContain('serves another index');
    } finally {
      await srv.close();
    }
  });

  it('--local never asks the server', async () => {
    const srv = await serve(t.services);
    try {
      const { stdout } = await ask(['--local', '摩尔线程有多少名员工?'], { PORT: String(srv.port) });
      expect(srv.asked).toEqual([]);
      expect(stdout).toContain('1126');
    } finally {
      await srv.close();
    }
  });
});
