/**
 * The event loop's CPU per stored turn (appendTurn through the repository: batching, rows, the dialect's
 * batch writer), storage alone: `WRITERS` concurrent writers, every turn a new conversation of a new owner,
 * `CITATIONS` citations per turn (default 2, as a typical answer), owners random (OWNERS=ordered: time-ordered). Prints µs of process CPU per turn,
 * median of `ROUNDS`; on PostgreSQL also the CPU of every postgres process per turn (/proc, so other users of
 * the server count too). Run: `npx tsx tests/bench/turn-write-cost.ts [sqlite|postgres]` (postgres needs
 * TEST_DATABASE_URL; a schema of its own, dropped afterwards).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Request, Response } from 'express';
import { createConversationService } from '../../server/core/conversation-service.js';
import type { AnswerService, AskResult, Citation } from '../../server/core/types.js';
import { ownerResolver } from '../../server/http/middleware/request-owner.js';
import { silentLogger } from '../../server/logger.js';
import { createPersistenceHealth } from '../../server/storage/persistence-health.js';
import { openStorage } from '../../server/storage/storage.js';
import { timeOrderedId } from '../../server/core/time-ordered-id.js';

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const writers = Number(process.env.WRITERS ?? 10);
const perRound = Number(process.env.TURNS ?? 4000);
const rounds = Number(process.env.ROUNDS ?? 5);
const citationCount = Number(process.env.CITATIONS ?? 2);
/** OWNERS=ordered: owner keys that sort by creation time; default random (a new browser's hashed cookie). */
const ordered = process.env.OWNERS === 'ordered';
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
/** CPU seconds of every PostgreSQL process on this machine (its backends and WAL writer; other users' too). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1].split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
/** CPU seconds of this process's main thread (the event loop). */
function mainThreadCpuSeconds(): number {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const samples: number[] = [];
const mainSamples: number[] = [];
const pgSamples: number[] = [];
const viaRequest = process.env.PATH_MODE === 'request';
const resolveOwner = ownerResolver(false);
const conversations = createConversationService({ conversations: storage.conversations, health: createPersistenceHealth(), logger: silentLogger() });
const result: AskResult = { answer: 'MTT S80 拥有4096个MUSA核心 [1]。', answered: true, citations };
const answerService = { answerQuestion: async () => result } as unknown as AnswerService;
const fakeReq = { headers: {}, secure: false } as unknown as Request;
const fakeRes = { append: () => undefined } as unknown as Response;
try {
  for (let r = 0; r < rounds; r++) {
    let left = perRound;
    const t0 = process.cpuUsage();
    const main0 = mainThreadCpuSeconds();
    const pg0 = dialect === 'postgres' ? postgresCpuSeconds() : 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (left-- > 0) {
          if (viaRequest) {
            await conversations.ask({ owner: resolveOwner(fakeReq, fakeRes), question: '摩尔线程的显卡有多少个核心?', source: 'web' }, answerService);
            continue;
          }
          const owner = ordered ? `anon:${timeOrderedId(Date.now())}` : `anon:${createHash('sha256').update(randomUUID()).digest('hex')}`;
          await storage.conversations.appendTurn(owner, { id: timeOrderedId(Date.now()), title: '摩尔线程的显卡有多少个核心?', source: 'web', minted: true }, { messageId: timeOrderedId(Date.now()), question: '摩尔线程的显卡有多少个核心?', answer: 'MTT S80 拥有4096个MUSA核心 [1]。', answered: true, degraded: false, citations, createdAt: Date.now() });
        }
      }),
    );
    const u = process.cpuUsage(t0);
    samples.push((u.user + u.system) / perRound);
    mainSamples.push(((mainThreadCpuSeconds() - main0) * 1e6) / perRound);
    if (dialect === 'postgres') pgSamples.push(((postgresCpuSeconds() - pg0) * 1e6) / perRound);
  }
  console.log(`${dialect}, ${writers} writers, ${citationCount} citations, ${viaRequest ? "the request path's owners" : `${ordered ? 'time-ordered' : 'random'} owners`}: ${median(samples).toFixed(1)} µs process CPU per turn (rounds ${samples.map((s) => s.toFixed(1)).join(' ')}), event loop ${median(mainSamples).toFixed(1)} µs (rounds ${mainSamples.map((s) => s.toFixed(0)).join(' ')})${pgSamples.length ? `; PostgreSQL processes ${median(pgSamples).toFixed(1)} µs per turn (rounds ${pgSamples.map((s) => s.toFixed(0)).join(' ')})` : ''}, load ${os.loadavg()[0].toFixed(2)}`);
} finally {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
  if (dialect === 'postgres') {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop schema if exists "${schema}" cascade`).finally(() => c.end());
  }
}
