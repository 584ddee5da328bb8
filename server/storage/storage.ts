/**
 * The storage unit the entry points build: the repositories over one database, migrated to the newest
 * version before anything else touches it.
 */
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { ConversationRepository } from './conversation-repository.js';
import type { FeedbackRepository } from './feedback-repository.js';
import { createKyselyConversations } from './kysely-conversations.js';
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

async function migrate(opened: OpenedDatabase): Promise<void> {
  if (opened.dialect === 'postgres') {
    // Kysely expects the target schema to exist; a test run gets a schema of its own.
    await sql`create schema if not exists ${sql.id(await currentSchema(opened))}`.execute(opened.db).catch(() => undefined);
  }
  const { error, results } = await new Migrator({ db: opened.db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const message = error instanceof Error ? error.message : String(error);
    throw new StorageStartupError(`cannot migrate the database ${opened.where}${failed ? ` (migration ${failed})` : ''}: ${message}`, { cause: error });
  }
}

async function currentSchema(opened: OpenedDatabase): Promise<string> {
  const r = await sql<{ s: string }>`select current_setting('search_path') as s`.execute(opened.db);
  return (r.rows[0]?.s ?? 'public').split(',')[0].trim().replace(/^"|"$/g, '') || 'public';
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
  return {
    conversations: createKyselyConversations(db),
    feedback: createKyselyFeedback(db),
    slackEvents: createKyselySlackEvents(db),
    reports: createKyselyReports(db),
    dialect: opened.dialect,
    where: opened.where,
    async ping() {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
