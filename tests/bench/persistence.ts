/**
 * Persistence benchmark (issue 12):
 *  1. POST /api/ask throughput with conversations stored (SQLite file; PostgreSQL when BENCH_DATABASE_URL or
 *     TEST_DATABASE_URL is set) against the same server without storage, answer cache on (default) and off.
 *     Every request starts a new conversation, so every answer is written (conversation + message + citations).
 *  2. The knowledge-gap report over 100k stored messages (20k conversations, 30 days, 30% unanswered,
 *     ~100k citations, 10k ratings), median of 5 runs, on each database.
 * Run alone with `npx tsx tests/bench/persistence.ts [--smoke] [--no-report] [--cache=on|off]` (--no-report: the
 * throughput part only; --cache: one answer-cache setting only),
 * or as part of `npm run bench`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql, type Insertable } from 'kysely';
import pg from 'pg';
import type { Citation } from '../../server/core/types.js';
import type { ConversationsTable, FeedbackTable, MessagesTable } from '../../server/storage/database-schema.js';
import { normaliseQuestion } from '../../server/storage/normalise-question.js';
import { openDatabase, type DatabaseTarget } from '../../server/storage/open-database.js';
import { openStorage, type Storage } from '../../server/storage/storage.js';
import { benchAsk, startServer } from './http.js';
import { round, summarize } from './stats.js';

const DAY = 86_400_000;

/** One autocannon run's figures. */
interface Run {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  serverCpuMs?: number;
  mainThreadCpuMs?: number;
}

/** One database against the no-storage server, with one answer-cache setting. */
export interface ThroughputComparison {
  database: string;
  cache: 'on' | 'off';
  /** Capacity: each round's highest req/s over the connection counts, stored and without; ratio = median of the rounds' ratios. */
  capacity: { reqPerSec: number; baselineReqPerSec: number; ratio: number; ratios: number[]; peakConnections: number[]; baselinePeakConnections: number[] };
  /** At each connection count: median req/s and latencies over the rounds, and the median per-round ratio. */
  byConnections: Array<{ connections: number; stored: Run; baseline: Run; ratio: number; ratios: number[] }>;
  errors: number;
  non2xx: number;
}

export interface PersistenceBench {
  connections: number[];
  durationSeconds: number;
  rounds: number;
  throughput: ThroughputComparison[];
  report: Array<{ database: string; messages: number; seedSeconds: number; medianMs: number; maxMs: number }>;
  notes: string[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median of each figure over the rounds (each figure on its own). */
function medianRun(runs: Run[]): Run {
  const m = (key: keyof Run) => (runs.every((r) => r[key] !== undefined) ? median(runs.map((r) => r[key]!)) : undefined);
  return { reqPerSec: m('reqPerSec')!, p50Ms: m('p50Ms')!, p99Ms: m('p99Ms')!, errors: m('errors')!, non2xx: m('non2xx')!, serverCpuMs: m('serverCpuMs'), mainThreadCpuMs: m('mainThreadCpuMs') };
}

const pgUrl = () => process.env.BENCH_DATABASE_URL?.trim() || process.env.TEST_DATABASE_URL?.trim() || undefined;

/** A fresh PostgreSQL schema for one bench run, dropped afterwards. */
async function pgSchema(url: string): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`).finally(() => client.end());
    },
  };
}

export async function seed(target: DatabaseTarget, messages: number, now: number): Promise<number> {
  const storage = await openStorage(target); // migrates
  await storage.close();
  const { db } = openDatabase(target);
  const t0 = performance.now();
  const questions = Array.from({ length: 3000 }, (_, i) => `问题 ${i}: 某公司 ${i % 97} 年的某项数据是多少?`);
  let rng = 42;
  const rand = () => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const zipf = (n: number) => Math.min(n - 1, Math.floor(n * rand() ** 3));
  const TURNS = 5;
  const BATCH = 500;
  try {
    for (let start = 0; start < messages; start += BATCH * TURNS) {
      const convs: Insertable<ConversationsTable>[] = [];
      const msgs: Insertable<MessagesTable>[] = [];
      const ratings: Insertable<FeedbackTable>[] = [];
      for (let c = 0; c < BATCH && start + c * TURNS < messages; c++) {
        const convId = `conv-${start + c * TURNS}`;
        const created = now - Math.floor(rand() * 30 * DAY);
        convs.push({ id: convId, owner: `anon:${(start + c) % 5000}`, title: 't', source: 'web', created_at: created, updated_at: created + TURNS * 60_000 });
        for (let k = 0; k < TURNS; k++) {
          const id = `msg-${start + c * TURNS + k}`;
          const answered = rand() > 0.3;
          const question = questions[zipf(questions.length)];
          const cites: Citation[] = [];
          if (answered) {
            for (let n = 1; n <= 1 + (rand() > 0.5 ? 1 : 0); n++) {
              const passage = zipf(800);
              cites.push({ n, docId: `doc-${passage % 40}`, source: `doc-${passage % 40}.txt`, title: 'Doc', start: passage * 100, end: passage * 100 + 80, quote: `passage ${passage}` });
            }
          }
          msgs.push({ id, conversation_id: convId, question, question_norm: normaliseQuestion(question), answer: answered ? '某数据为 42 [1]' : '文章没有提到这一点。', answered: answered ? 1 : 0, degraded: 0, created_at: created + k * 60_000, citations: JSON.stringify(cites) });
          if (rand() < 0.1) {
            const down = rand() < 0.3;
            ratings.push({ message_id: id, owner: `anon:${(start + c) % 5000}`, rating: down ? ('down' as const) : ('up' as const), comment: down ? '数字不对' : null, slack_user: null, slack_channel: null, created_at: created + k * 60_000 + 1000, updated_at: created + k * 60_000 + 1000 });
          }
        }
      }
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('conversations').values(convs).execute();
        for (let i = 0; i < msgs.length; i += 1000) await trx.insertInto('messages').values(msgs.slice(i, i + 1000)).execute();
        if (ratings.length) await trx.insertInto('feedback').values(ratings).execute();
      });
    }
    // Fresh statistics, as autovacuum would have them on a database that grew over 30 days.
    if (target.dialect === 'postgres') await sql`analyze`.execute(db);
  } finally {
    await db.destroy();
  }
  return (performance.now() - t0) / 1000;
}

export async function timeReport(storage: Storage, now: number, runs: number): Promise<{ medianMs: number; maxMs: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await storage.reports.knowledgeGapReport({ since: now - 30 * DAY, until: now + 1, limit: 50 });
    samples.push(performance.now() - t0);
  }
  const s = summarize(samples);
  return { medianMs: round(s.p50, 1), maxMs: round(Math.max(...samples), 1) };
}

export async function benchPersistence(
  indexDir: string,
  workDir: string,
  questions: string[],
  opts: { smoke: boolean; log: (s: string) => void; report?: boolean; caches?: Array<'on' | 'off'> },
): Promise<PersistenceBench> {
  const { smoke, log, report: withReport = true, caches = ['on', 'off'] } = opts;
  const durationSeconds = smoke ? 2 : 4;
  const roundCount = smoke ? 1 : 5;
  const notes: string[] = [];
  const url = pgUrl();
  if (!url) notes.push('PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL');

  // 1. Throughput: three servers run side by side (no storage, SQLite, PostgreSQL) and are measured in turn,
  // round after round, so a change in machine load hits all three alike; every run has its own 1 s warm-up
  // (JIT, answer cache, pool) at its connection count, and the order of the three rotates from round to round.
  // Each round sweeps the connection counts. The target compares capacities: a server's capacity is the most
  // it serves, here its highest req/s over the sweep, and a stored answer that waits for a commit needs more
  // requests in flight to reach it (Little's law: in flight = throughput × latency), so a closed loop of 10
  // clients measures the commit's latency, not what the server can serve. The fixed 10-connection ratio and
  // the latency a stored answer adds are reported next to it. See tests/bench/README.md (issue 12).
  const connectionCounts = smoke ? [10, 64] : [10, 32, 64];
  const throughput: ThroughputComparison[] = [];
  for (const cache of caches) {
    const cacheEnv: Record<string, string> = cache === 'off' ? { ANSWER_CACHE_SIZE: '0' } : {};
    const pgTarget = url ? await pgSchema(url) : undefined;
    const configs: Array<[string, Record<string, string>]> = [
      ['none', { PERSISTENCE: 'off' }],
      ['sqlite', { PERSISTENCE: 'on', DATABASE_FILE: path.join(workDir, `bench-${cache}.sqlite`), DATABASE_URL: '' }],
      ...(pgTarget ? ([['postgres', { PERSISTENCE: 'on', DATABASE_URL: pgTarget.url }]] as Array<[string, Record<string, string>]>) : []),
    ];
    const servers = [];
    // runs[config][round][connection index]
    const runs: Run[][][] = configs.map(() => []);
    try {
      for (const [, env] of configs) servers.push(await startServer(indexDir, 60_000, { ...cacheEnv, ...env }));
      for (let r = 0; r < roundCount; r++) {
        for (const row of runs) row.push([]);
        for (const [k, connections] of connectionCounts.entries()) {
          for (let j = 0; j < configs.length; j++) {
            const i = (j + r) % configs.length;
            const res = await benchAsk(servers[i], questions, durationSeconds, 1, connections);
            runs[i][r][k] = res;
            log(`persistence: cache ${cache}, ${connections} connections, ${configs[i][0]}, round ${r + 1}: ${res.reqPerSec} req/s, p50 ${res.p50Ms} ms, p99 ${res.p99Ms} ms (errors ${res.errors}, non-2xx ${res.non2xx})`);
          }
        }
      }
    } finally {
      for (const server of servers) server.stop();
      await pgTarget?.drop();
    }
    const peakOf = (round: Run[]) => round.reduce((best, run, k) => (run.reqPerSec > round[best].reqPerSec ? k : best), 0);
    const [baseline, ...stored] = runs;
    for (const [s, db] of stored.entries()) {
      const ratios = db.map((round, r) => round[peakOf(round)].reqPerSec / Math.max(1, baseline[r][peakOf(baseline[r])].reqPerSec));
      const all = db.flat();
      throughput.push({
        database: configs[s + 1][0],
        cache,
        capacity: {
          reqPerSec: median(db.map((round) => round[peakOf(round)].reqPerSec)),
          baselineReqPerSec: median(baseline.map((round) => round[peakOf(round)].reqPerSec)),
          ratio: round(median(ratios), 3),
          ratios: ratios.map((x) => round(x, 3)),
          peakConnections: db.map((round) => connectionCounts[peakOf(round)]),
          baselinePeakConnections: baseline.map((round) => connectionCounts[peakOf(round)]),
        },
        byConnections: connectionCounts.map((connections, k) => {
          const perRound = db.map((round, r) => round[k].reqPerSec / Math.max(1, baseline[r][k].reqPerSec));
          return { connections, stored: medianRun(db.map((round) => round[k])), baseline: medianRun(baseline.map((round) => round[k])), ratio: round(median(perRound), 3), ratios: perRound.map((x) => round(x, 3)) };
        }),
        errors: all.reduce((n, x) => n + x.errors, 0),
        non2xx: all.reduce((n, x) => n + x.non2xx, 0),
      });
    }
  }

  // 2. The report over 100k messages.
  const messages = 100_000;
  const now = Date.now();
  const report: PersistenceBench['report'] = [];
  const targets: Array<[string, DatabaseTarget, (() => Promise<void>) | undefined]> = withReport ? [['sqlite', { dialect: 'sqlite', file: path.join(workDir, 'report.sqlite') }, undefined]] : [];
  if (url && withReport) {
    const s = await pgSchema(url);
    targets.push(['postgres', { dialect: 'postgres', url, schema: s.schema }, s.drop]);
  }
  for (const [name, target, drop] of targets) {
    try {
      const seedSeconds = await seed(target, messages, now);
      const storage = await openStorage(target);
      try {
        const t = await timeReport(storage, now, 5);
        report.push({ database: name, messages, seedSeconds: round(seedSeconds, 1), ...t });
        log(`persistence: report over ${messages} messages on ${name}: median ${t.medianMs} ms (seeded in ${round(seedSeconds, 1)} s)`);
      } finally {
        await storage.close();
      }
    } finally {
      await drop?.();
    }
  }
  return { connections: connectionCounts, durationSeconds, rounds: roundCount, throughput, report, notes };
}

export function persistenceMarkdown(p: PersistenceBench): string[] {
  const ok = (met: boolean) => (met ? 'met' : '**missed**');
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const range = (xs: number[]) => (xs.length > 1 ? ` (${pct(Math.min(...xs))}–${pct(Math.max(...xs))})` : '');
  const ms = (x: number) => `${round(x, 2)} ms`;
  const added = (a: number, b: number) => `${a - b >= 0 ? '+' : ''}${round(a - b, 2)}`;
  const at10 = (t: ThroughputComparison) => t.byConnections.find((c) => c.connections === 10) ?? t.byConnections[0];
  const name = (t: ThroughputComparison) => `${t.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, answer cache ${t.cache}`;
  return [
    `| POST /api/ask with conversations stored (autocannon, ${p.durationSeconds} s per run after 1 s of warm-up, connections ${p.connections.join(' / ')}, ${p.rounds} interleaved rounds, medians; range of the rounds in brackets) | capacity: peak req/s stored / without | capacity ratio (target) | at 10 connections: req/s stored / without | ratio at 10 connections | latency added at 10 connections, p50 / p99 | server CPU per answer at 10, stored / without: all threads; event loop | errors / non-2xx | capacity ≥ 80% |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...p.throughput.map((t) => {
      const c = at10(t);
      const cpu = c.stored.serverCpuMs !== undefined && c.baseline.serverCpuMs !== undefined ? `${c.stored.serverCpuMs} / ${c.baseline.serverCpuMs} ms; ${c.stored.mainThreadCpuMs} / ${c.baseline.mainThreadCpuMs} ms` : '–';
      return `| ${name(t)} | ${t.capacity.reqPerSec} / ${t.capacity.baselineReqPerSec} (peaks at ${t.capacity.peakConnections.join(',')} / ${t.capacity.baselinePeakConnections.join(',')} conn.) | ${pct(t.capacity.ratio)}${range(t.capacity.ratios)} | ${c.stored.reqPerSec} / ${c.baseline.reqPerSec} | ${pct(c.ratio)}${range(c.ratios)} | ${added(c.stored.p50Ms, c.baseline.p50Ms)} / ${added(c.stored.p99Ms, c.baseline.p99Ms)} ms (${ms(c.stored.p50Ms)} / ${ms(c.stored.p99Ms)} stored) | ${cpu} | ${t.errors}/${t.non2xx} | ${ok(t.capacity.ratio >= 0.8)} |`;
    }),
    '',
    '| The sweep (medians over the rounds) | req/s stored / without | ratio (rounds) | p50 stored / without | p99 stored / without | event-loop CPU per answer stored / without |',
    '|---|---|---|---|---|---|',
    ...p.throughput.flatMap((t) =>
      t.byConnections.map(
        (c) =>
          `| ${name(t)}, ${c.connections} connections | ${c.stored.reqPerSec} / ${c.baseline.reqPerSec} | ${pct(c.ratio)}${range(c.ratios)} | ${ms(c.stored.p50Ms)} / ${ms(c.baseline.p50Ms)} | ${ms(c.stored.p99Ms)} / ${ms(c.baseline.p99Ms)} | ${c.stored.mainThreadCpuMs ?? '–'} / ${c.baseline.mainThreadCpuMs ?? '–'} ms |`,
      ),
    ),
    '',
    '| Knowledge-gap report (30 days, limit 50) | messages | median | max of 5 | ≤ 2 s |',
    '|---|---|---|---|---|',
    ...p.report.map((r) => `| ${r.database} | ${r.messages} | ${r.medianMs} ms | ${r.maxMs} ms | ${ok(r.medianMs <= 2000)} |`),
    ...p.notes.map((n) => `\n_${n}_`),
  ];
}

// Standalone: npx tsx tests/bench/persistence.ts [--smoke] [--no-report] [--cache=on|off]
if (import.meta.url === `file://${process.argv[1]}`) {
  const { runIngest } = await import('../../ingest/ingest.js');
  const { loadConfig } = await import('../../server/config.js');
  const { REPO_ROOT } = await import('./stats.js');
  const { loadDevCases } = await import('./latency.js');
  const { existsSync } = await import('node:fs');
  const smoke = process.argv.includes('--smoke');
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-bench-db-'));
  try {
    const config = loadConfig({ CORPUS_DIR: path.join(REPO_ROOT, 'corpus'), INDEX_DIR: path.join(workDir, 'index'), LOG_LEVEL: 'silent' });
    await runIngest({ config, full: true });
    const dev = [path.resolve(REPO_ROOT, '../shared/eval/qa-dev.json'), path.join(REPO_ROOT, 'tests/fixtures/own-questions.json')].find(existsSync)!;
    const questions = (await loadDevCases(dev)).filter((c) => !c.history?.length).map((c) => c.q);
    const cache = process.argv.find((a) => a.startsWith('--cache='))?.slice('--cache='.length);
    const caches = cache === 'on' || cache === 'off' ? [cache as 'on' | 'off'] : undefined;
    const result = await benchPersistence(config.indexDir, workDir, questions, { smoke, caches, report: !process.argv.includes('--no-report'), log: (s) => console.error(`[bench] ${s}`) });
    console.log(persistenceMarkdown(result).join('\n'));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
