import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A throwaway PostgreSQL database per test file, for the scale-out tests. SCALE_TEST_DATABASE_URL names a
 * role allowed to create databases (.ci/run creates it); each run gets `corpusqa_13_<random>` and drops it
 * afterwards, so parallel runs and other people's databases are never touched.
 * Outside CI without the variable these tests are skipped with a notice; under CI=true they must run.
 */
export const SCALE_TEST_DATABASE_URL = process.env.SCALE_TEST_DATABASE_URL?.trim() || undefined;

export function scaleDatabaseAvailable(what: string): boolean {
  if (SCALE_TEST_DATABASE_URL) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true needs SCALE_TEST_DATABASE_URL for ${what} (.ci/run starts PostgreSQL and sets it)`);
  console.warn(`[${what}] SCALE_TEST_DATABASE_URL is not set: skipped (see .ci/run for how CI provides PostgreSQL).`);
  return false;
}

export interface ThrowawayDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createThrowawayDatabase(adminUrl = SCALE_TEST_DATABASE_URL): Promise<ThrowawayDatabase> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const name = `corpusqa_13_${randomBytes(5).toString('hex')}`;
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
