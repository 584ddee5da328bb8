/**
 * Where a stored answer's CPU goes: servers with and without persistence (answer cache on) under the same
 * autocannon load, one at a time, interleaved for `ROUNDS` rounds; prints each one's event-loop and
 * whole-process CPU per answer. PROFILE_DIR=<dir>: each server also writes a V8 CPU profile there.
 * OTHER_TREE=<another checkout>: its stored servers run too, interleaved with these (before/after in one run;
 * on PostgreSQL in a schema of their own, as that tree migrates it).
 * Run: `TEST_DATABASE_URL=… npx tsx tests/bench/persistence-profile.ts [connections] [seconds]`.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runIngest } from '../../ingest/ingest.js';
import { loadConfig } from '../../server/config.js';
import { benchAsk, startServer } from './http.js';
import { loadDevCases } from './latency.js';
import { REPO_ROOT } from './stats.js';

const connections = Number(process.argv[2] ?? 32);
const seconds = Number(process.argv[3] ?? 4);
const rounds = Number(process.env.ROUNDS ?? 5);
const workDir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-prof-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const config = loadConfig({ CORPUS_DIR: path.join(REPO_ROOT, 'corpus'), INDEX_DIR: path.join(workDir, 'index'), LOG_LEVEL: 'silent' });
  await runIngest({ config, full: true });
  const dev = [path.resolve(REPO_ROOT, '../shared/eval/qa-dev.json'), path.join(REPO_ROOT, 'tests/fixtures/own-questions.json')].find(existsSync)!;
  const questions = (await loadDevCases(dev)).filter((c) => !c.history?.length).map((c) => c.q);
  const base = process.env.BENCH_DATABASE_URL?.trim() || process.env.TEST_DATABASE_URL?.trim();
  const schema = `prof_${process.pid}`;
  const url = base;
  const inSchema = (name: string) => {
    const u = new URL(url!);
    u.searchParams.set('options', `-c search_path=${name}`);
    return u.toString();
  };
  const other = process.env.OTHER_TREE;
  const stored = (tag: string, root: string): Array<[string, Record<string, string>, string]> => [
    [`sqlite${tag}`, { PERSISTENCE: 'on', DATABASE_FILE: path.join(workDir, `p${tag}.sqlite`), DATABASE_URL: '' }, root],
    ...(url ? ([[`postgres${tag}`, { PERSISTENCE: 'on', DATABASE_URL: inSchema(`${schema}${tag.replace(/\W/g, '')}`) }, root]] as Array<[string, Record<string, string>, string]>) : []),
  ];
  const configs: Array<[string, Record<string, string>, string]> = [['none', { PERSISTENCE: 'off' }, REPO_ROOT], ...stored('', REPO_ROOT), ...(other ? stored(' (other tree)', other) : [])];
  if (process.env.PROFILE_DIR) process.env.BENCH_SERVER_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${process.env.PROFILE_DIR}`;
  const servers = [];
  for (const [, env, root] of configs) servers.push(await startServer(config.indexDir, 60_000, env, root));
  const results: Record<string, { main: number[]; all: number[]; rps: number[] }> = {};
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < configs.length; j++) {
      const i = (j + r) % configs.length;
      const res = await benchAsk(servers[i], questions, seconds, 1, connections);
      const o = (results[configs[i][0]] ??= { main: [], all: [], rps: [] });
      o.main.push(res.mainThreadCpuMs ?? NaN);
      o.all.push(res.serverCpuMs ?? NaN);
      o.rps.push(res.reqPerSec);
      console.error(`round ${r + 1} ${configs[i][0]}: ${res.reqPerSec} req/s, event loop ${res.mainThreadCpuMs} ms, process ${res.serverCpuMs} ms per answer, load ${os.loadavg()[0].toFixed(2)}`);
    }
  }
  for (const [name, o] of Object.entries(results)) console.log(`${name}: req/s ${median(o.rps)}, event loop ${(median(o.main) * 1000).toFixed(0)} µs/answer (${o.main.join(' ')}), process ${(median(o.all) * 1000).toFixed(0)} µs/answer`);
  // A server leaves on disconnect and writes its CPU profile as it exits: wait for each exit before the
  // schemas go (and before the profiles are read), not for a fixed time.
  await Promise.all(servers.map((s) => leave(s.child)));
  if (base) {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade; drop schema if exists "${schema}othertree" cascade`).finally(() => client.end());
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}

/** Disconnects a server and resolves when it has exited (at once if it already has). */
async function leave(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.disconnect();
  await exited;
}
