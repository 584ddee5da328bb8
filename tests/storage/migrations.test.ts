/**
 * Versioned migrations carry existing data forward, on SQLite and (with TEST_DATABASE_URL) PostgreSQL:
 * a database written by the code of version 001 (citations as rows) opens with version 002 (citations
 * as a JSON column of the message) with every turn's citations intact, in marker order.
 */
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/storage/open-database.js';
import { migrationProvider } from '../../server/storage/migrations.js';
import { openStorage } from '../../server/storage/storage.js';
import { BACKENDS, type EmptyTarget } from '../helpers/storage-backends.js';

const T0 = Date.UTC(2026, 0, 10, 12);

describe.each(BACKENDS)('migrations on $name', (backend) => {
  let empty: EmptyTarget | undefined;
  afterAll(() => empty?.remove());

  it.skipIf(!backend.available)("002 folds 001's citation rows into their messages, in marker order", async () => {
    empty = await backend.empty();
    const { target } = empty;
    // The database as version 001 left it, with two answers (one citing twice, rows stored out of order) and a refusal.
    const opened = openDatabase(target);
    try {
      const schema = target.dialect === 'postgres' ? target.schema : undefined;
      if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(opened.db);
      const { error } = await new Migrator({ db: opened.db, provider: migrationProvider(target.dialect), migrationTableSchema: schema }).migrateTo('001_conversations_feedback_slack_events');
      expect(error).toBeUndefined();
      const db = opened.db as unknown as import('kysely').Kysely<any>;
      await db.insertInto('conversations').values({ id: 'c1', owner: 'alice', title: 'Q', source: 'web', created_at: T0, updated_at: T0 + 2 }).execute();
      const message = (id: string, answered: number, at: number) => ({ id, conversation_id: 'c1', question: `q ${id}`, question_norm: `q ${id}`, answer: `a ${id}`, answered, degraded: 0, created_at: at });
      await db.insertInto('messages').values([message('m1', 1, T0), message('m2', 0, T0 + 1), message('m3', 1, T0 + 2)]).execute();
      const row = (message_id: string, n: number, start: number) => ({ message_id, n, doc_id: 'doc-a', source: 'a.txt', title: 'Doc "A"', start_offset: start, end_offset: start + 5, quote: `引文 ${start}` });
      await db.insertInto('citations').values([row('m1', 2, 50), row('m1', 1, 10), row('m3', 1, 10)]).execute();
    } finally {
      await opened.db.destroy();
    }

    const storage = await openStorage(target);
    try {
      const detail = await storage.conversations.get('alice', 'c1');
      const cite = (n: number, start: number) => ({ n, docId: 'doc-a', source: 'a.txt', title: 'Doc "A"', start, end: start + 5, quote: `引文 ${start}` });
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
});
