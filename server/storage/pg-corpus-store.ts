import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { CorpusDatabase } from './corpus-store-schema.js';
import { CORPUS_MIGRATION_LOCK_TABLE, CORPUS_MIGRATION_TABLE, corpusMigrationProvider } from './corpus-store-migrations.js';
import { isSafeSource, type CorpusStore, type IndexVersion, type IngestWriter } from './corpus-store.js';

/** NOTIFY channel: a file changed or an index version was published. */
export const CORPUS_CHANNEL = 'corpus_qa_index';
/** Versions whose files are kept (the newest serves; older ones let a slow replica finish its download). */
const KEEP_VERSIONS = 3;
const INT8_OID = 20;

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

export interface PgCorpusStoreOptions {
  url: string;
  /** Names this replica in index_versions.built_by and the logs. */
  replicaName?: string;
  poolSize?: number;
  /** Reconnect delay of the LISTEN connection after it drops. */
  relistenMs?: number;
  /** How long opening a connection may take before the query fails (default CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
  onWatchError?: (error: unknown) => void;
}

export interface PgCorpusStore extends CorpusStore {
  /** The pool, for other shared state on the same database (the rate-limit store). */
  pool: pg.Pool;
}

// An outage must fail a query quickly (answers keep being served from memory), never hang a request.
const CONNECT_TIMEOUT_MS = 2000;

export function createPgPool(url: string, max = 10, connectTimeoutMs = CONNECT_TIMEOUT_MS): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: connectTimeoutMs,
    // bigint columns hold ms timestamps, revisions and versions, all far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: string) => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // Nor may a checked-out one (pg-pool drops its own listener on checkout): the ingest writer holds a
  // connection for its advisory lock while it works, and a restarted server or a killed session must
  // fail that writer's next query, not take the replica down with an unhandled 'error' event.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** Opens the pool, migrates the corpus tables, and returns the store. */
export async function openPgCorpusStore(options: PgCorpusStoreOptions): Promise<PgCorpusStore> {
  const pool = createPgPool(options.url, options.poolSize ?? 5, options.connectTimeoutMs);
  const db = new Kysely<CorpusDatabase>({ dialect: new PostgresDialect({ pool }) });
  const { error } = await new Migrator({
    db,
    provider: corpusMigrationProvider,
    migrationTableName: CORPUS_MIGRATION_TABLE,
    migrationLockTableName: CORPUS_MIGRATION_LOCK_TABLE,
  }).migrateToLatest();
  if (error) {
    await db.destroy().catch(() => undefined);
    throw new Error(`cannot migrate the shared corpus tables: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return createStore(db, pool, options);
}

const toVersion = (r: {
  version: number;
  corpus_revision: number;
  manifest_sha256: string;
  documents: number;
  chunks: number;
  built_by: string;
  created_at: number;
}): IndexVersion => ({
  version: Number(r.version),
  corpusRevision: Number(r.corpus_revision),
  manifestSha256: r.manifest_sha256,
  documents: r.documents,
  chunks: r.chunks,
  builtBy: r.built_by,
  createdAt: Number(r.created_at),
});

function createStore(db: Kysely<CorpusDatabase>, pool: pg.Pool, options: PgCorpusStoreOptions): PgCorpusStore {
  const replicaName = options.replicaName ?? `${hostname()}:${process.pid}`;
  const listeners = new Set<() => void>();
  let listenClient: pg.Client | undefined;
  let relistenTimer: NodeJS.Timeout | undefined;
  let closed = false;

  // Bumps the revision in the caller's transaction; NOTIFY inside a transaction is delivered at commit.
  const bump = async (trx: Kysely<CorpusDatabase>): Promise<number> => {
    const row = await trx
      .updateTable('corpus_state')
      .set((eb) => ({ revision: eb('revision', '+', 1), failed_revision: null, failed_reason: null }))
      .where('id', '=', 1)
      .returning('revision')
      .executeTakeFirstOrThrow();
    await sql`select pg_notify(${CORPUS_CHANNEL}, ${`revision:${row.revision}`})`.execute(trx);
    return Number(row.revision);
  };

  const listen = async (): Promise<void> => {
    if (closed || listenClient) return;
    const client = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS });
    const retry = (error: unknown) => {
      if (listenClient !== client) return;
      listenClient = undefined;
      client.end().catch(() => undefined);
      if (!closed) {
        options.onWatchError?.(error);
        relistenTimer = setTimeout(() => void listen(), options.relistenMs ?? 1000);
        relistenTimer.unref();
      }
    };
    listenClient = client;
    client.on('error', retry);
    client.on('end', () => retry(new Error('LISTEN connection ended')));
    client.on('notification', () => {
      for (const l of listeners) l();
    });
    try {
      await client.connect();
      await client.query(`listen ${CORPUS_CHANNEL}`);
      // Anything that happened while the connection was down is caught up now.
      for (const l of listeners) l();
    } catch (error) {
      retry(error);
    }
  };

  const writer = (conn: Kysely<CorpusDatabase>): IngestWriter => ({
    async snapshot() {
      return conn
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const state = await trx.selectFrom('corpus_state').select('revision').where('id', '=', 1).executeTakeFirstOrThrow();
          const files = await trx.selectFrom('corpus_files').select(['source', 'content', 'sha256']).orderBy('source').execute();
          return { revision: Number(state.revision), files };
        });
    },
    async publish(corpusRevision, files, meta) {
      return conn.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('index_versions')
          .values({
            corpus_revision: corpusRevision,
            manifest_sha256: meta.manifestSha256,
            documents: meta.documents,
            chunks: meta.chunks,
            built_by: replicaName,
            created_at: Date.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        for (const f of files) await trx.insertInto('index_files').values({ version: row.version, name: f.name, content: f.content }).execute();
        await trx
          .deleteFrom('index_files')
          .where('version', '<=', Number(row.version) - KEEP_VERSIONS)
          .execute();
        await sql`select pg_notify(${CORPUS_CHANNEL}, ${`version:${row.version}`})`.execute(trx);
        return toVersion(row);
      });
    },
    async recordFailure(corpusRevision, reason) {
      await conn
        .updateTable('corpus_state')
        .set({ failed_revision: corpusRevision, failed_reason: reason.slice(0, 2000) })
        .where('id', '=', 1)
        .where('revision', '=', corpusRevision)
        .execute();
    },
  });

  return {
    pool,
    async putFile(source, content, { replace = true } = {}) {
      if (!isSafeSource(source)) throw new Error(`unsafe corpus path "${source}"`);
      const digest = sha256(content);
      return db.transaction().execute(async (trx) => {
        const row = { source, content, sha256: digest, bytes: content.length, updated_at: Date.now() };
        const inserted = await trx.insertInto('corpus_files').values(row).onConflict((oc) => oc.column('source').doNothing()).returning('source').executeTakeFirst();
        if (inserted) return { outcome: 'created' as const, revision: await bump(trx) };
        // The name exists: lock its row so a concurrent replacement of the same name waits for this one.
        const existing = await trx.selectFrom('corpus_files').select(['sha256', 'content']).where('source', '=', source).forUpdate().executeTakeFirstOrThrow();
        const revision = async () => Number((await trx.selectFrom('corpus_state').select('revision').where('id', '=', 1).executeTakeFirstOrThrow()).revision);
        if (existing.sha256 === digest) return { outcome: 'unchanged' as const, revision: await revision() };
        if (!replace) return { outcome: 'conflict' as const, revision: await revision() };
        await trx.updateTable('corpus_files').set(row).where('source', '=', source).execute();
        return { outcome: 'replaced' as const, revision: await bump(trx), previous: existing.content };
      });
    },
    async deleteFile(source) {
      return db.transaction().execute(async (trx) => {
        const gone = await trx.deleteFrom('corpus_files').where('source', '=', source).executeTakeFirst();
        return Number(gone.numDeletedRows) > 0 ? bump(trx) : undefined;
      });
    },
    async listFiles() {
      const rows = await db.selectFrom('corpus_files').select(['source', 'sha256', 'bytes', 'updated_at']).orderBy('source').execute();
      return rows.map((r) => ({ source: r.source, sha256: r.sha256, bytes: r.bytes, updatedAt: Number(r.updated_at) }));
    },
    async importIfEmpty(files) {
      for (const f of files) if (!isSafeSource(f.source)) throw new Error(`unsafe corpus path "${f.source}"`);
      return db.transaction().execute(async (trx) => {
        // Row lock on the state: a second replica seeding at the same moment waits, then sees revision > 0.
        const state = await trx.selectFrom('corpus_state').select('revision').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
        if (Number(state.revision) > 0 || files.length === 0) return false;
        const now = Date.now();
        for (const f of files) {
          await trx.insertInto('corpus_files').values({ source: f.source, content: f.content, sha256: sha256(f.content), bytes: f.content.length, updated_at: now }).execute();
        }
        await bump(trx);
        return true;
      });
    },
    async state() {
      const r = await db.selectFrom('corpus_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
      return {
        revision: Number(r.revision),
        failedRevision: r.failed_revision === null ? null : Number(r.failed_revision),
        failedReason: r.failed_reason,
      };
    },
    async latestVersion() {
      const r = await db.selectFrom('index_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
      return r ? toVersion(r) : undefined;
    },
    async versionFiles(version) {
      return db.selectFrom('index_files').select(['name', 'content']).where('version', '=', version).execute();
    },
    async asWriter(work) {
      // A session-level advisory lock on one pinned connection: if this process dies, PostgreSQL ends the
      // session and frees the lock, and the unbuilt revision is picked up by the next replica that looks.
      return db.connection().execute(async (conn) => {
        const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(hashtext('corpus-qa ingest writer')) as locked`.execute(conn);
        if (!rows[0]?.locked) return undefined;
        try {
          return { result: await work(writer(conn)) };
        } finally {
          await sql`select pg_advisory_unlock(hashtext('corpus-qa ingest writer'))`.execute(conn).catch(() => undefined);
        }
      });
    },
    watch(listener) {
      listeners.add(listener);
      void listen();
      return () => listeners.delete(listener);
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      closed = true;
      clearTimeout(relistenTimer);
      const c = listenClient;
      listenClient = undefined;
      await c?.end().catch(() => undefined);
      await db.destroy();
    },
  };
}
