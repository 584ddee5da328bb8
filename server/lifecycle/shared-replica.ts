import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { PgRateLimitStore } from '../http/middleware/pg-rate-limit-store.js';
import { openPgCorpusStore, type PgCorpusStore } from '../storage/pg-corpus-store.js';
import { createIndexSync, type IndexSync, type IngestDirectory } from './index-sync.js';
import type { Reload } from './reload.js';

export interface SharedReplicaOptions {
  databaseUrl: string;
  pollMs: number;
  corpusDir: string;
  indexDir: string;
  reload: Reload;
  ingest: IngestDirectory;
  logger: Logger;
  /** How long start-up waits for a first index version (built here or by another replica). */
  firstIndexTimeoutMs?: number;
}

export interface SharedReplica {
  store: PgCorpusStore;
  sync: IndexSync;
  rateLimitStore: PgRateLimitStore;
  close(): Promise<void>;
}

/** Every regular, non-hidden file under `dir`, as corpus-relative paths with forward slashes. */
async function readCorpusDir(dir: string): Promise<Array<{ source: string; content: Buffer }>> {
  const out: Array<{ source: string; content: Buffer }> = [];
  const walk = async (sub: string): Promise<void> => {
    const entries = await readdir(path.join(dir, sub), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(rel);
      else if (e.isFile()) out.push({ source: rel, content: await readFile(path.join(dir, rel)) });
    }
  };
  await walk('');
  return out.sort((a, b) => a.source.localeCompare(b.source));
}

/**
 * A stateless replica (DATABASE_URL set): opens the shared store, seeds it once from CORPUS_DIR when it
 * is empty (so a fresh cluster answers about the bundled corpus), serves the newest index version —
 * building it when this replica is the first — and follows every later change.
 */
export async function startSharedReplica(options: SharedReplicaOptions): Promise<SharedReplica> {
  const { logger } = options;
  const store = await openPgCorpusStore({ url: options.databaseUrl, onWatchError: (e) => logger.warn({ err: String(e) }, 'index sync: LISTEN connection lost; reconnecting (polling meanwhile)') });
  try {
    const seeded = await store.importIfEmpty(await readCorpusDir(options.corpusDir));
    if (seeded) logger.info({ corpusDir: options.corpusDir }, 'shared store was empty: imported the corpus directory');
    const sync = createIndexSync({ store, indexDir: options.indexDir, reload: options.reload, ingest: options.ingest, logger, pollMs: options.pollMs });
    sync.start();
    const { revision } = await store.state();
    await sync.waitForRevision(Math.min(revision, 1), options.firstIndexTimeoutMs ?? 300_000);
    const rateLimitStore = new PgRateLimitStore(store.pool);
    return {
      store,
      sync,
      rateLimitStore,
      async close() {
        sync.stop();
        rateLimitStore.shutdown();
        await store.close();
      },
    };
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}
