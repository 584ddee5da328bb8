/**
 * The event loop's CPU per stored turn (appendTurn through the repository: batching, rows, the dialect's
 * batch writer), storage alone: `WRITERS` concurrent writers, every turn a new conversation of a new owner,
 * `CITATIONS` citations per turn (default 2, as a typical answer). Prints µs of process CPU per turn,
 * median of `ROUNDS`. Run: `npx tsx tests/bench/turn-write-cost.ts [sqlite|postgres]` (postgres needs
 * TEST_DATABASE_URL; a schema of its own, dropped afterwards).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Citation } from '../../server/core/types.js';
import { openStorage } from '../../server/storage/storage.js';
import { timeOrderedId } from '../../server/core/time-ordered-id.js';

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const writers = Number(process.env.WRITERS ?? 10);
const perRound = Number(process.env.TURNS ?? 4000);
const rounds = Number(process.env.ROUNDS ?? 5);
const citationCount = Number(process.env.CITATIONS ?? 2);
const dir = await mkdtemp(path.join(os.tmpdir(), 'turn-cost-'));
const schema = `turncost_${process.pid}`;
const base = process.env.TEST_DATABASE_URL;
const storage = await openStorage(dialect === 'sqlite' ? { dialect, file: path.join(dir, 'c.sqlite') } : { dialect, url: base!, schema });
const citations: Citation[] = Array.from({ length: citationCount }, (_, i) => ({
  n: i + 1,
  docId: 'doc-1',
  source: '000_773264162972e3de.txt',
  title: '中国GPU厂商',
  start: 100 * i,
  end: 100 * i + 60,
  quote: '摩尔线程的MTT S80显卡采用了该公司的第一代MUSA架构，拥有4096个MUSA核心。',
}));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const samples: number[] = [];
try {
  for (let r = 0; r < rounds; r++) {
    let left = perRound;
    const t0 = process.cpuUsage();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (left-- > 0) {
          const owner = `anon:${timeOrderedId(Date.now())}`;
          await storage.conversations.appendTurn(owner, { id: timeOrderedId(Date.now()), title: '摩尔线程的显卡有多少个核心?', source: 'web' }, { messageId: timeOrderedId(Date.now()), question: '摩尔线程的显卡有多少个核心?', answer: 'MTT S80 拥有4096个MUSA核心 [1]。', answered: true, degraded: false, citations, createdAt: Date.now() });
        }
      }),
    );
    const u = process.cpuUsage(t0);
    samples.push((u.user + u.system) / perRound);
  }
  console.log(`${dialect}, ${writers} writers, ${citationCount} citations: ${median(samples).toFixed(1)} µs CPU per turn (rounds ${samples.map((s) => s.toFixed(1)).join(' ')}), load ${os.loadavg()[0].toFixed(2)}`);
} finally {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
  if (dialect === 'postgres') {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop schema if exists "${schema}" cascade`).finally(() => c.end());
  }
}
