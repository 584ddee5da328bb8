/**
 * Versioned schema migrations, run at start-up by Kysely's Migrator (which records applied versions in
 * kysely_migration and holds a lock, so two processes starting together migrate once).
 * Never edit a released migration: add the next one.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** The legacy citations table's columns, JSON keys as in the API's Citation (migration 002 folds them into messages). */
const citationObject = {
  sqlite: sql`json_object('n', c.n, 'docId', c.doc_id, 'source', c.source, 'title', c.title, 'start', c.start_offset, 'end', c.end_offset, 'quote', c.quote)`,
  postgres: sql`json_build_object('n', c.n, 'docId', c.doc_id, 'source', c.source, 'title', c.title, 'start', c.start_offset, 'end', c.end_offset, 'quote', c.quote)`,
};
const citationArray = {
  sqlite: sql`(select json_group_array(${citationObject.sqlite} order by c.n) from citations c where c.message_id = messages.id)`,
  postgres: sql`(select json_agg(${citationObject.postgres} order by c.n)::text from citations c where c.message_id = messages.id)`,
};

export type MigrationDialect = 'sqlite' | 'postgres';

/**
 * Runs a migration's steps all or nothing. Kysely's migrator already wraps each migration in a transaction
 * on PostgreSQL, not on SQLite (its adapter declares no transactional DDL, though SQLite has it): there `db`
 * is the migrator's one connection, so a BEGIN on it holds every step.
 */
async function atomically(dialect: MigrationDialect, db: Kysely<any>, steps: () => Promise<void>): Promise<void> {
  if (dialect === 'postgres') return steps();
  await sql`begin immediate`.execute(db);
  try {
    await steps();
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
}

/** Whether `table` has `column` (table and column names are this file's own constants, never input). */
async function hasColumn(dialect: MigrationDialect, db: Kysely<any>, table: string, column: string): Promise<boolean> {
  const found =
    dialect === 'postgres'
      ? await sql`select 1 from information_schema.columns where table_schema = current_schema() and table_name = ${table} and column_name = ${column}`.execute(db)
      : await sql`select 1 from pragma_table_info(${table}) where name = ${column}`.execute(db);
  return found.rows.length > 0;
}

const migrationsFor = (dialect: MigrationDialect): Record<string, Migration> => ({
  '001_conversations_feedback_slack_events': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('conversations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('conversations_owner_updated').on('conversations').columns(['owner', 'updated_at']).execute();
      // No index on updated_at alone: only the hourly retention prune reads it, and every index costs each answer a write.

      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('question_norm', 'text', (c) => c.notNull())
        .addColumn('answer', 'text', (c) => c.notNull())
        .addColumn('answered', 'integer', (c) => c.notNull())
        .addColumn('degraded', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('messages_conversation').on('messages').columns(['conversation_id', 'created_at']).execute();
      await db.schema.createIndex('messages_created').on('messages').columns(['created_at', 'answered']).execute();

      await db.schema
        .createTable('citations')
        .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
        .addColumn('n', 'integer', (c) => c.notNull())
        .addColumn('doc_id', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('start_offset', 'integer', (c) => c.notNull())
        .addColumn('end_offset', 'integer', (c) => c.notNull())
        .addColumn('quote', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('citations_pk', ['message_id', 'n'])
        .execute();

      await db.schema
        .createTable('feedback')
        .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('rating', 'text', (c) => c.notNull().check(sqlRatingCheck))
        .addColumn('comment', 'text')
        .addColumn('slack_user', 'text')
        .addColumn('slack_channel', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('feedback_pk', ['message_id', 'owner'])
        .execute();
      await db.schema.createIndex('feedback_updated').on('feedback').columns(['updated_at', 'rating']).execute();

      await db.schema
        .createTable('slack_events')
        .addColumn('event_key', 'text', (c) => c.primaryKey())
        .addColumn('claimed_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('slack_events_claimed').on('slack_events').column('claimed_at').execute();
    },
  },
  /**
   * A turn's citations become one JSON column of its message (the API's Citation objects, as the answer
   * sent them: page and headings included, which the rows never kept), instead of a row each. Per stored
   * answer that is one insert instead of 1 + n: no citation b-tree entries and no foreign-key check per
   * citation (issue 12: the write is a large share of a cached answer's cost). Existing rows are copied in
   * marker order, then the table goes.
   */
  '002_citations_in_messages': {
    async up(db: Kysely<any>) {
      // Applied but not recorded: on SQLite Kysely records a migration after, and outside, the step's own
      // transaction, so a crash between the two (or a second process starting on the same file) would run it
      // again. The step is all or nothing, so the column being there means all of it was done.
      if (await hasColumn(dialect, db, 'messages', 'citations')) return;
      await atomically(dialect, db, async () => {
        await db.schema.alterTable('messages').addColumn('citations', 'text', (c) => c.notNull().defaultTo('[]')).execute();
        await sql`update messages set citations = ${citationArray[dialect]} where exists (select 1 from citations c where c.message_id = messages.id)`.execute(db);
        await db.schema.dropTable('citations').execute();
      });
    },
  },
  /**
   * PostgreSQL: messages.conversation_id loses its declared foreign key. PostgreSQL checks one per inserted row
   * with a trigger that runs a locking look-up of the conversation (a query, a row lock and its WAL record),
   * which cost a stored answer about a third of the backend's CPU in batches of four, though the writer inserts a
   * message only next to its conversation (created in the same statement, or locked FOR KEY SHARE there, as the
   * trigger did). Deleting a conversation deletes its messages in the same transaction (kysely-conversations.ts);
   * feedback keeps its key to messages. SQLite keeps the key: its check is one index probe inside the writer's
   * synchronous transaction, and dropping it would mean rebuilding the table.
   */
  '003_messages_conversation_key_in_code': {
    async up(db: Kysely<any>) {
      if (dialect !== 'postgres') return;
      const found = await sql<{ name: string }>`
        select conname as name from pg_constraint
        where contype = 'f' and conrelid = 'messages'::regclass and confrelid = 'conversations'::regclass`.execute(db);
      for (const { name } of found.rows) await sql`alter table messages drop constraint ${sql.id(name)}`.execute(db);
    },
  },
});

const sqlRatingCheck = sql<boolean>`rating in ('up', 'down')`;

/** The migrations for one dialect (the same versions for both; a data-moving step may need its own SQL). */
export const migrationProvider = (dialect: MigrationDialect): MigrationProvider => ({
  getMigrations: async () => migrationsFor(dialect),
});

/** The newest version this code knows; a database migrated past it was written by newer code. */
export const LATEST_MIGRATION = Object.keys(migrationsFor('sqlite')).sort().at(-1)!;
