/**
 * One Kysely instance over SQLite (better-sqlite3, a file under data/, WAL) or PostgreSQL (pg Pool).
 * Everything above this file is dialect-free except the few spots that name `dialect`.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import type { Database } from './database-schema.js';

// Only the configured dialect's driver is loaded: pg (~15 MB) is never needed by a SQLite server, nor
// better-sqlite3 by a PostgreSQL replica. Both are CommonJS, so a synchronous require keeps openDatabase synchronous.
const require = createRequire(import.meta.url);

export type DatabaseTarget =
  | {
      dialect: 'sqlite';
      file: string;
      busyTimeoutMs?: number;
      /** 'normal' (default): durable against a killed process, not against power loss; 'full': an fsync per commit. */
      synchronous?: 'normal' | 'full';
    }
  | { dialect: 'postgres'; url: string; schema?: string; poolSize?: number; connectTimeoutMs?: number; statementTimeoutMs?: number };

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  /** Where the data lives, for logs and errors (the PostgreSQL password is masked). */
  where: string;
  /** SQLite only: the connection under `db`, for the synchronous batch writer (sqlite-turn-batch.ts). */
  sqlite?: SqliteDatabase.Database;
  /** PostgreSQL only: the pool under `db`, for the batch writer's named (prepared once per connection) statement. */
  pool?: pg.Pool;
}

/** A start-up problem with the database that the operator must fix; the message names the file or server. */
export class StorageStartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageStartupError';
  }
}

const INT8_OID = 20;

export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/** Prepared statements kept per SQL text; the writes and reads repeat the same few dozen shapes. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query anew, and parsing SQL is a large share of a small write's cost. The same SQL
 * text always gets the same prepared statement here (safe: we never stream, so no statement is ever busy).
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property !== 'prepare') return Reflect.get(target, property, receiver);
      return (source: string) => {
        let statement = cache.get(source);
        if (statement) {
          cache.delete(source); // re-inserted below: the Map's order is least recently used first
        } else {
          statement = target.prepare(source);
          if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        }
        cache.set(source, statement);
        return statement;
      };
    },
  });
}

function openSqlite(file: string, busyTimeoutMs: number, synchronous: 'normal' | 'full'): OpenedDatabase {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let sqlite: SqliteDatabase.Database | undefined;
  try {
    const Sqlite = require('better-sqlite3') as typeof SqliteDatabase;
    sqlite = new Sqlite(file, { timeout: busyTimeoutMs });
    // WAL: readers never block the writer, and a committed transaction survives a killed process.
    // synchronous=NORMAL is durable against process crashes in WAL mode (only power loss can drop the last
    // commits); FULL (SQLITE_SYNCHRONOUS=full) fsyncs the WAL at every commit, surviving power loss too.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    sqlite.pragma('foreign_keys = ON');
    // Reading the schema fails here, not on the first request, when the file is not a database.
    sqlite.prepare('select count(*) from sqlite_master').get();
  } catch (error) {
    sqlite?.close();
    const reason = (error as { code?: string }).code === 'SQLITE_BUSY' ? 'it is locked by another process' : (error as Error).message;
    throw new StorageStartupError(`cannot open the database file ${path.resolve(file)}: ${reason}`, { cause: error });
  }
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }), dialect: 'sqlite', where: path.resolve(file), sqlite };
}

function openPostgres(target: Extract<DatabaseTarget, { dialect: 'postgres' }>): OpenedDatabase {
  const { Pool, types } = require('pg') as typeof pg;
  const pool = new Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    // An outage must fail a query quickly (the answer is still sent), never hang a request.
    connectionTimeoutMillis: target.connectTimeoutMs ?? 2000,
    statement_timeout: target.statementTimeoutMs ?? 5000,
    // A schema of its own (tests); otherwise the URL decides (it may carry ?options=-c search_path=…).
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
    // bigint columns hold ms timestamps and counts, all far below 2^53.
    types: { getTypeParser: ((oid: number, format?: string) => (oid === INT8_OID ? Number : types.getTypeParser(oid, format as 'text'))) as typeof types.getTypeParser },
  });
  // An idle client losing its server (restart, outage) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', where: maskUrl(target.url), pool };
}

export function openDatabase(target: DatabaseTarget): OpenedDatabase {
  return target.dialect === 'sqlite' ? openSqlite(target.file, target.busyTimeoutMs ?? 5000, target.synchronous ?? 'normal') : openPostgres(target);
}
