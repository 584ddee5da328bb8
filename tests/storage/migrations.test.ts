/**
 * Versioned migrations carry existing data forward, on SQLite and (with TEST_DATABASE_URL) PostgreSQL:
 * a database written by the code of version 001 (citations as rows) opens with version 002 (citations
 * as a JSON column of the message) with every turn's citations intact, in marker order.
 */
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseTarget } from '../../server/storage/open-database.js';
import { migrationProvider } from '../../server/storage/migrations.js';
import { openStorage } from '../../server/storage/storage.js';
import { BACKENDS, type EmptyTarget } from '../helpers/storage-backends.js';

const T0 = Date.UTC(2026, 0, 10, 12);

/**
 * The database as version 001 left it, with two answers (one citing twice, rows stored out of order) and a
 * refusal; `extra` runs on it last (raw SQL statements).
 */
async function databaseAt001(target: DatabaseTarget, extra: string[] = []): Promise<void> {
  const opened = openDatabase(target);
  try {
    const schema = target.dialect === 'postgres' ? target.schema : undefined;
    if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(opened.db);
    const { error } = await new Migrator({ db: opened.db, provider: migrationProvider(target.dialect), migrationTableSchema: schema }).migrateTo('001_conversations_feedback_slack_events');
    expect(error).toBeUndefined();
    const db = opened.db as unknown as Kysely<any>;
    await db.insertInto('conversations').values({ id: 'c1', owner: 'alice', title: 'Q', source: 'web', created_at: T0, updated_at: T0 + 2 }).execute();
    const message = (id: string, answered: number, at: number) => ({ id, conversation_id: 'c1', question: `q ${id}`, question_norm: `q ${id}`, answer: `a ${id}`, answered, degraded: 0, created_at: at });
    await db.insertInto('messages').values([message('m1', 1, T0), message('m2', 0, T0 + 1), message('m3', 1, T0 + 2)]).execute();
    const row = (message_id: string, n: number, start: number) => ({ message_id, n, doc_id: 'doc-a', source: 'a.txt', title: 'Doc "A"', start_offset: start, end_offset: start + 5, quote: `引文 ${start}` });
    await db.insertInto('citations').values([row('m1', 2, 50), row('m1', 1, 10), row('m3', 1, 10)]).execute();
    for (const statement of extra) await sql.raw(statement).execute(db);
  } finally {
    await opened.db.destroy();
  }
}

const cite = (n: number, start: number) => ({ n, docId: 'doc-a', source: 'a.txt', title: 'Doc "A"', start, end: start + 5, quote: `引文 ${start}` });

/** Opens (and so migrates) the database and checks that c1's turns carry 001's citations, in marker order. */
async function expectCitationsCarried(target: DatabaseTarget): Promise<void> {
  const storage = await openStorage(target);
  try {
    expect((await storage.conversations.get('alice', 'c1'))?.items.map((t) => t.citations)).toEqual([[cite(1, 10), cite(2, 50)], [], [cite(1, 10)]]);
  } finally {
    await storage.close();
  }
}

describe.each(BACKENDS)('migrations on $name', (backend) => {
  const empties: EmptyTarget[] = [];
  afterAll(() => Promise.all(empties.map((e) => e.remove())));
  const emptyTarget = async () => {
    const e = await backend.empty();
    empties.push(e);
    return e.target;
  };

  it.skipIf(!backend.available)("002 folds 001's citation rows into their messages, in marker order", async () => {
    const target = await emptyTarget();
    await databaseAt001(target);
    const storage = await openStorage(target);
    try {
      const detail = await storage.conversations.get('alice', 'c1');
      expect(detail?.items.map((t) => [t.messageId, t.citations])).toEqual([
        ['m1', [cite(1, 10), cite(2, 50)]],
        ['m2', []],
        ['m3', [cite(1, 10)]],
      ]);
      const report = await storage.reports.knowledgeGapReport({ since: 0, until: T0 + 10 });
      expect(report.topPassages).toEqual([
        { docId: 'doc-a', title: 'Doc "A"', start: 10, end: 15, quote: '引文 10', count: 2 },
        { docId: 'doc-a', title: 'Doc "A"', start: 50, end: 55, quote: '引文 50', count: 1 },
      ]);
    } finally {
      await storage.close();
    }
  });

  it.skipIf(!backend.available)('002 is all or nothing: when a step fails the database is as 001 left it, and the next start migrates it', async () => {
    const target = await emptyTarget();
    // A trigger that fails the copy step (after the column was added).
    const failing =
      target.dialect === 'sqlite'
        ? ["create trigger refuse_update before update on messages begin select raise(abort, 'refused'); end"]
        : ["create function refuse_update() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$", 'create trigger refuse_update before update on messages for each row execute function refuse_update()'];
    await databaseAt001(target, failing);
    await expect(openStorage(target)).rejects.toThrow(/002_citations_in_messages.*refused/);

    const opened = openDatabase(target);
    try {
      const db = opened.db as unknown as Kysely<any>;
      expect(Number((await db.selectFrom('citations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(3);
      await expect(db.selectFrom('messages').select('citations').execute()).rejects.toThrow();
      await sql.raw(target.dialect === 'sqlite' ? 'drop trigger refuse_update' : 'drop trigger refuse_update on messages').execute(db);
    } finally {
      await opened.db.destroy();
    }
    await expectCitationsCarried(target);
  });

  it.skipIf(!backend.available)("003: on PostgreSQL messages keep no declared key to conversations (feedback keeps its key to messages); SQLite keeps both; deleting a conversation still deletes its messages and their feedback", async () => {
    const target = await emptyTarget();
    await databaseAt001(target);
    const storage = await openStorage(target);
    const opened = openDatabase(target);
    try {
      const db = opened.db as unknown as Kysely<any>;
      const keys = async (table: string) =>
        target.dialect === 'postgres'
          ? (await sql<{ to: string }>`select confrelid::regclass::text as "to" from pg_constraint where contype = 'f' and conrelid = ${table}::regclass`.execute(db)).rows.map((r) => r.to)
          : (await sql<{ to: string }>`select "table" as "to" from pragma_foreign_key_list(${table})`.execute(db)).rows.map((r) => r.to);
      expect(await keys('messages')).toEqual(target.dialect === 'postgres' ? [] : ['conversations']);
      expect(await keys('feedback')).toEqual(['messages']);
      expect(await storage.feedback.give({ messageId: 'm1', owner: 'alice', rating: 'down', at: T0 + 5 })).toBe(true);
      expect(await storage.conversations.remove('alice', 'c1')).toBe(true);
      expect((await db.selectFrom('messages').select('id').execute()).length).toBe(0);
      expect((await db.selectFrom('feedback').select('message_id').execute()).length).toBe(0);
    } finally {
      await opened.db.destroy();
      await storage.close();
    }
  });

  it.skipIf(!backend.available)('002 applied but not recorded (a crash between the two; SQLite records outside the step) runs again as a no-op', async () => {
    const target = await emptyTarget();
    await databaseAt001(target);
    await (await openStorage(target)).close();
    const opened = openDatabase(target);
    try {
      // The crash came before any later migration ran: they are not recorded either (and run again too).
      await sql`delete from kysely_migration where name >= '002_citations_in_messages'`.execute(opened.db as unknown as Kysely<any>);
    } finally {
      await opened.db.destroy();
    }
    await expectCitationsCarried(target);
  });
});
