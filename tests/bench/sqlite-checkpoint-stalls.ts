/**
 * How long SQLite writes block the event loop with checkpoints inside commits (SQLite's default) against
 * checkpoints in the worker thread (sqlite-checkpointer.ts). Batches of 10 answered turns (the rows
 * sqlite-turn-batch.ts writes, UUID v7 ids, a new owner each) every 5 ms for 8 s, like a server answering
 * ~2,000 questions/s; prints the time spent inside the write transactions and its tail.
 * Run: npx tsx tests/bench/sqlite-checkpoint-stalls.ts
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { timeOrderedId } from '../../server/core/time-ordered-id.js';
import { startBackgroundCheckpoints } from '../../server/storage/sqlite-checkpointer.js';
import { openStorage } from '../../server/storage/storage.js';

async function run(mode: 'in commits' | 'worker', dir: string): Promise<string> {
  const file = path.join(dir, `${mode === 'worker' ? 'worker' : 'auto'}.sqlite`);
  await (await openStorage({ dialect: 'sqlite', file })).close(); // the schema
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const checkpoints = mode === 'worker' ? startBackgroundCheckpoints(db, file) : undefined;
  await new Promise((r) => setTimeout(r, 500));
  const insertConversation = db.prepare('insert into conversations (id, owner, title, source, created_at, updated_at) values (?, ?, ?, ?, ?, ?)');
  const insertMessage = db.prepare('insert into messages (id, conversation_id, question, question_norm, answer, answered, degraded, created_at, citations) values (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const q = '某公司在2023年的营收是多少？';
  const quote = '某公司在2023年的营收达到了42亿元，同比增长了百分之三十。';
  const write = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) {
      const c = timeOrderedId();
      const m = timeOrderedId();
      const now = Date.now();
      insertConversation.run(c, `anon:${createHash('sha256').update(randomUUID()).digest('hex')}`, q, 'web', now, now);
      const citations = JSON.stringify([1, 2].map((n) => ({ n, docId: 'doc-1', source: 'a.txt', title: 'Title', start: n * 100, end: n * 100 + 80, quote })));
      insertMessage.run(m, c, q, q, '某公司在2023年的营收达到了42亿元 [1]，同比增长 [2]。', 1, 0, now, citations);
    }
  });
  const blocked: number[] = [];
  const t0 = performance.now();
  while (performance.now() - t0 < 8000) {
    const a = performance.now();
    write(10);
    blocked.push(performance.now() - a);
    await new Promise((r) => setTimeout(r, 5));
  }
  await checkpoints?.stop();
  db.close();
  blocked.sort((x, y) => x - y);
  const ms = (x: number) => x.toFixed(2);
  return `| checkpoints ${mode} | ${blocked.length} | ${Math.round(blocked.reduce((x, y) => x + y, 0))} ms | ${ms(blocked[blocked.length >> 1])} ms | ${ms(blocked[Math.floor(blocked.length * 0.99)])} ms | ${ms(blocked.at(-1)!)} ms | ${blocked.filter((x) => x > 5).length} |`;
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-stalls-'));
try {
  console.log('| SQLite writes, 10 turns every 5 ms for 8 s | batches | event loop blocked | p50 | p99 | max | > 5 ms |');
  console.log('|---|---|---|---|---|---|---|');
  for (const mode of ['in commits', 'worker', 'in commits', 'worker'] as const) console.log(await run(mode, dir));
} finally {
  await rm(dir, { recursive: true, force: true });
}
