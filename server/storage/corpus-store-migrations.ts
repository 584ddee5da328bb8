/**
 * Versioned migrations of the shared corpus tables, run at start-up by Kysely's Migrator under its own
 * migration table (so they are independent of the conversation tables' numbering, and two replicas
 * starting together migrate once). Never edit a released migration: add the next one.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const migrations: Record<string, Migration> = {
  '001_corpus_files_index_versions': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('corpus_files')
        .addColumn('source', 'text', (c) => c.primaryKey())
        .addColumn('content', 'bytea', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('corpus_state')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('revision', 'bigint', (c) => c.notNull())
        .addColumn('failed_revision', 'bigint')
        .addColumn('failed_reason', 'text')
        .execute();
      await db.insertInto('corpus_state').values({ id: 1, revision: 0 }).execute();
      await db.schema
        .createTable('index_versions')
        .addColumn('version', 'bigserial', (c) => c.primaryKey())
        .addColumn('corpus_revision', 'bigint', (c) => c.notNull())
        .addColumn('manifest_sha256', 'text', (c) => c.notNull())
        .addColumn('documents', 'integer', (c) => c.notNull())
        .addColumn('chunks', 'integer', (c) => c.notNull())
        .addColumn('built_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('index_files')
        .addColumn('version', 'bigint', (c) => c.notNull().references('index_versions.version').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content', 'bytea', (c) => c.notNull())
        .addPrimaryKeyConstraint('index_files_pk', ['version', 'name'])
        .execute();
    },
  },
};

export const corpusMigrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

export const CORPUS_MIGRATION_TABLE = 'corpus_store_migration';
export const CORPUS_MIGRATION_LOCK_TABLE = 'corpus_store_migration_lock';
