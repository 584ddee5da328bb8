/**
 * The database backends a storage or HTTP suite runs against: SQLite (a temporary file) always, and the
 * PostgreSQL server named by TEST_DATABASE_URL (which .ci/run starts and creates). Outside CI, without
 * TEST_DATABASE_URL, the PostgreSQL runs are skipped with a notice; under CI=true they must run.
 * Each opened PostgreSQL storage lives in a schema of its own, so test files can run in parallel.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStorage, type Storage } from '../../server/storage/storage.js';
import type { DatabaseTarget } from '../../server/storage/open-database.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

if (!TEST_DATABASE_URL) {
  if (process.env.CI === 'true') throw new Error('CI=true needs TEST_DATABASE_URL (.ci/run starts PostgreSQL and sets it)');
  console.warn('[storage tests] TEST_DATABASE_URL is not set: the PostgreSQL runs are skipped (SQLite runs as usual).');
}

export interface OpenedBackend {
  storage: Storage;
  /** What openStorage was given; a second process can open the same database with it. */
  target: DatabaseTarget;
  cleanup(): Promise<void>;
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  available: boolean;
  open(): Promise<OpenedBackend>;
}

/** An empty database of this backend (a new file, or a new schema that does not exist yet), not opened. */
export interface EmptyTarget {
  target: DatabaseTarget;
  /** Removes the file or drops the schema. */
  remove(): Promise<void>;
}

async function emptySqliteTarget(): Promise<EmptyTarget> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-db-'));
  return { target: { dialect: 'sqlite', file: path.join(dir, 'test.sqlite') }, remove: () => rm(dir, { recursive: true, force: true }) };
}

async function emptyPostgresTarget(): Promise<EmptyTarget> {
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    target: { dialect: 'postgres', url: TEST_DATABASE_URL!, schema },
    async remove() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

const openOn = (empty: () => Promise<EmptyTarget>) => async (): Promise<OpenedBackend> => {
  const { target, remove } = await empty();
  const storage = await openStorage(target);
  return {
    storage,
    target,
    async cleanup() {
      await storage.close().catch(() => undefined);
      await remove();
    },
  };
};

export const BACKENDS: Array<Backend & { empty(): Promise<EmptyTarget> }> = [
  { name: 'sqlite', available: true, open: openOn(emptySqliteTarget), empty: emptySqliteTarget },
  { name: 'postgres', available: Boolean(TEST_DATABASE_URL), open: openOn(emptyPostgresTarget), empty: emptyPostgresTarget },
];
