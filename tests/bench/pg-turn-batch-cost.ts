/**
 * What one PostgreSQL turn batch costs, by batch size: the CPU of the backend that runs the statement, of
 * every PostgreSQL process together (WAL writer, checkpointer included) and of this Node process, per batch
 * and per turn. One connection, batches written back to back (the writer of postgres-turn-batch.ts), every
 * turn a new conversation of a new owner with two citations, as in the persistence bench; the batch sizes
 * alternate round by round. CPU from /proc (clock ticks), so each cell writes a few hundred turns at least.
 * Run: TEST_DATABASE_URL=postgres://… npx tsx tests/bench/pg-turn-batch-cost.ts [sizes, e.g. 1,4,16,64] [rounds]
 * (COMPARE_WITH=path/to/another/postgres-turn-batch.ts: that writer too, interleaved)
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { timeOrderedId } from '../../server/core/time-ordered-id.js';
import { openDatabase } from '../../server/storage/open-database.js';
import { createPostgresTurnBatchWriter } from '../../server/storage/postgres-turn-batch.js';
import { openStorage } from '../../server/storage/storage.js';
import type { TurnToStore } from '../../server/storage/turn-rows.js';

const url = process.env.BENCH_DATABASE_URL?.trim() || process.env.TEST_DATABASE_URL?.trim();
if (!url) throw new Error('set TEST_DATABASE_URL');
const sizes = (process.argv[2] ?? '1,4,16,64').split(',').map(Number);
const rounds = Number(process.argv[3] ?? 5);
const TICK_MS = 10; // USER_HZ = 100

/** utime + stime of a process, in ms. */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0; // gone
  }
}

/** Every PostgreSQL process on this machine (the cluster's processes and backends). */
function postgresCpuMs(): number {
  let total = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (!readFileSync(`/proc/${d}/comm`, 'utf8').startsWith('postgres')) continue;
    } catch {
      continue;
    }
    total += cpuMs(Number(d));
  }
  return total;
}

const quote = '某公司在2023年的营收达到了42亿元，同比增长了百分之三十。';
function turn(): TurnToStore {
  const id = timeOrderedId(Date.now());
  return {
    owner: `anon:${randomBytes(16).toString('base64url')}`,
    conversation: { id, title: '某公司在2023年的营收是多少？', source: 'web', minted: true },
    turn: {
      messageId: timeOrderedId(Date.now()),
      question: '某公司在2023年的营收是多少？',
      answer: '某公司在2023年的营收为42亿元 [1][2]。',
      answered: true,
      degraded: false,
      citations: [1, 2].map((n) => ({ n, docId: 'doc-1', source: 'doc-1.txt', title: 'Doc', start: 100 * n, end: 100 * n + 30, quote })),
      createdAt: Date.now(),
    },
  };
}

const schema = `bench_${randomBytes(4).toString('hex')}`;
await (await openStorage({ dialect: 'postgres', url, schema })).close(); // migrates
const opened = openDatabase({ dialect: 'postgres', url, schema, poolSize: 1 });
// COMPARE_WITH=<another postgres-turn-batch.ts, e.g. an older tree's>: both writers, each on its own
// connection, alternating cell by cell, so a change of the machine's load hits both alike.
const other = process.env.COMPARE_WITH ? openDatabase({ dialect: 'postgres', url, schema, poolSize: 1 }) : undefined;
const backendPid = async (pool: pg.Pool) => (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
const variants = [{ name: 'this tree', write: createPostgresTurnBatchWriter(opened.db, opened.pool), pool: opened.pool! }];
if (other) {
  const { createPostgresTurnBatchWriter: otherWriter } = (await import(path.resolve(process.env.COMPARE_WITH!))) as typeof import('../../server/storage/postgres-turn-batch.js');
  variants.push({ name: 'compared', write: otherWriter(other.db, other.pool), pool: other.pool! });
}
const cells = new Map<string, Array<{ backend: number; all: number; node: number; wall: number; turns: number; batches: number }>>();
try {
  for (const v of variants) await v.write(Array.from({ length: 64 }, turn)); // warm: the named statement is prepared
  for (let r = 0; r < rounds; r++) {
    for (const size of r % 2 ? [...sizes].reverse() : sizes) for (const { name, write, pool } of r % 2 ? [...variants].reverse() : variants) {
      // Read at each cell: the pool closes a connection idle for 10 s (while the other variant ran), and its
      // next query starts a new backend.
      const backend = await backendPid(pool);
      const turns = Math.max(Number(process.env.TURNS ?? 512), size * 16);
      const batches = turns / size;
      const b0 = cpuMs(backend);
      const a0 = postgresCpuMs();
      const n0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < batches; i++) await write(Array.from({ length: size }, turn));
      const n = process.cpuUsage(n0);
      const cell = { backend: cpuMs(backend) - b0, all: postgresCpuMs() - a0, node: (n.user + n.system) / 1000, wall: performance.now() - t0, turns, batches };
      cells.set(`${name} ${size}`, [...(cells.get(`${name} ${size}`) ?? []), cell]);
    }
  }
} finally {
  await opened.db.destroy();
  await other?.db.destroy();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`).finally(() => client.end());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const us = (x: number) => `${Math.round(x * 1000)} µs`;
console.log(`| batch size | backend CPU per batch | per turn | all PostgreSQL processes per turn | Node per turn | wall per batch | (medians of ${rounds} rounds) |`);
console.log('|---|---|---|---|---|---|---|');
for (const size of sizes) for (const { name } of variants) {
  const c = cells.get(`${name} ${size}`)!;
  const per = (f: (x: (typeof c)[number]) => number) => median(c.map(f));
  console.log(
    `| ${name} ${size} | ${us(per((x) => x.backend / x.batches))} | ${us(per((x) => x.backend / x.turns))} | ${us(per((x) => x.all / x.turns))} | ${us(per((x) => x.node / x.turns))} | ${us(per((x) => x.wall / x.batches))} | |`,
  );
}
