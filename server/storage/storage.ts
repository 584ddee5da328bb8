/**
 * The storage unit the entry points build: the repositories over one database, migrated to the newest
 * version before anything else touches it.
 */
import { Migrator, sql } from 'kysely';
import type { ConversationRepository } from './conversation-repository.js';
import type { FeedbackRepository } from './feedback-repository.js';
import type { BatchOptions } from './batched-turn-writer.js';
import { createKyselyConversations } from './kysely-conversations.js';
import { createPostgresTurnBatchWriter } from './postgres-turn-batch.js';
import { createSqliteTurnBatchWriter } from './sqlite-turn-batch.js';
import { startCheckpointsWhenBusy } from './sqlite-checkpointer.js';
import { createKyselyFeedback } from './kysely-feedback.js';
import { createKyselyReports } from './kysely-report.js';
import { createKyselySlackEvents } from './kysely-slack-events.js';
import { migrationProvider } from './migrations.js';
import { openDatabase, StorageStartupError, type DatabaseTarget, type OpenedDatabase } from './open-database.js';
import type { ReportRepository } from './report-repository.js';
import type { SlackEventRepository } from './slack-event-repository.js';

export interface Storage {
  conversations: ConversationRepository;
  feedback: FeedbackRepository;
  slackEvents: SlackEventRepository;
  reports: ReportRepository;
  dialect: 'sqlite' | 'postgres';
  /** The SQLite file or the (masked) PostgreSQL URL. */
  where: string;
  /** A trivial round trip, for /api/health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Group commit (batched-turn-writer.ts). SQLite writes synchronously on the event loop, so one batch at a
 * time, holding every turn answered since the previous one (no waiting window: the server would sit idle).
 * PostgreSQL: a commit waits for a WAL fsync (2-5 ms on the shared CI disk), and the server flushes the
 * commits that wait together with one fsync, so several batches in flight share it: with two, a turn
 * answered while both were waiting sat out a whole flush first (interleaved runs, share of the no-storage
 * throughput with the cache on: 10 connections 41% with two, 45% with four; 32 connections 52% / 75%; under
 * heavy machine load 22% / 32% at 10). Four leave six of the pool's ten connections
 * for reads (history, lists, feedback). Each batch is a single round trip.
 */
const POSTGRES_BATCHES_IN_FLIGHT = 4;
/**
 * But a batch statement costs PostgreSQL's backend ~0.4 ms of CPU whatever its size, plus ~35-80 µs per turn
 * (tests/bench/pg-turn-batch-cost.ts: 137 µs per turn in batches of 4, 78 in 16, 39 in 64), on the cores the
 * server also needs. So two batches start as soon as there are turns (light load: a turn waits for no other
 * batch), and a third or fourth only once 16 turns wait: under heavy load batches are large. (All four only
 * at 16 made each of ten clients wait for another batch's commit: 10-connection throughput fell by a fifth.)
 */
const POSTGRES_EAGER_BATCHES = 2;
const POSTGRES_MIN_BATCH_WHILE_BUSY = 16;

function batching(opened: OpenedDatabase): BatchOptions {
  return opened.dialect === 'sqlite'
    ? { concurrentBatches: 1, windowMs: 0 }
    : { concurrentBatches: POSTGRES_BATCHES_IN_FLIGHT, windowMs: 0, busyAt: POSTGRES_EAGER_BATCHES, minBatchWhileBusy: POSTGRES_MIN_BATCH_WHILE_BUSY };
}

async function migrate(opened: OpenedDatabase): Promise<void> {
  // PostgreSQL: the migration tables are named with their schema, because Kysely otherwise takes a
  // kysely_migration_lock in *any* schema of the database for its own (and then fails to find it).
  const schema = opened.dialect === 'postgres' ? await currentSchema(opened) : undefined;
  if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(opened.db).catch(() => undefined);
  const { error, results } = await new Migrator({ db: opened.db, provider: migrationProvider(opened.dialect), migrationTableSchema: schema }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const message = error instanceof Error ? error.message : String(error);
    throw new StorageStartupError(`cannot migrate the database ${opened.where}${failed ? ` (migration ${failed})` : ''}: ${message}`, { cause: error });
  }
}

/** The schema unqualified tables go to: current_schema(), or the first of search_path when it does not exist yet (tests). */
async function currentSchema(opened: OpenedDatabase): Promise<string> {
  const r = await sql<{ current: string | null; path: string }>`select current_schema() as current, current_setting('search_path') as path`.execute(opened.db);
  const row = r.rows[0];
  if (row?.current) return row.current;
  const first = (row?.path ?? '').split(',').map((p) => p.trim().replace(/^"|"$/g, '')).find((p) => p && !p.startsWith('$'));
  return first ?? 'public';
}

/** Opens, checks and migrates; a broken, locked or unreachable database is one StorageStartupError naming it. */
export async function openStorage(target: DatabaseTarget): Promise<Storage> {
  const opened = openDatabase(target);
  const { db } = opened;
  try {
    await migrate(opened);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    if (error instanceof StorageStartupError) throw error;
    const reason = (error as { code?: string }).code === 'SQLITE_BUSY' ? 'it is locked by another process' : error instanceof Error ? error.message : String(error);
    throw new StorageStartupError(`cannot open the database ${opened.where}: ${reason}`, { cause: error });
  }
  const checkpoints = opened.sqlite && target.dialect === 'sqlite' && target.file !== ':memory:' ? startCheckpointsWhenBusy(opened.sqlite, target.file, { busyTimeoutMs: target.busyTimeoutMs }) : undefined;
  return {
    conversations: createKyselyConversations(db, opened.sqlite ? createSqliteTurnBatchWriter(db, opened.sqlite) : createPostgresTurnBatchWriter(db, opened.pool), batching(opened)),
    feedback: createKyselyFeedback(db),
    slackEvents: createKyselySlackEvents(db),
    reports: createKyselyReports(db, opened.dialect),
    dialect: opened.dialect,
    where: opened.where,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await checkpoints?.stop();
      await db.destroy();
    },
  };
}
