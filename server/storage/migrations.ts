/**
 * Versioned schema migrations, run at start-up by Kysely's Migrator (which records applied versions in
 * kysely_migration and holds a lock, so two processes starting together migrate once).
 * Never edit a released migration: add the next one.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';

const migrations: Record<string, Migration> = {
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
};

const sqlRatingCheck = sql<boolean>`rating in ('up', 'down')`;

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

/** The newest version this code knows; a database migrated past it was written by newer code. */
export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1)!;
