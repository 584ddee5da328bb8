import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { INDEX_FILES } from '../shared/index-format/index-format.js';
import { installIndexFiles } from '../shared/index-format/install-index-files.js';
import type { CorpusStore, IndexVersion } from '../storage/corpus-store.js';
import { isSafeSource } from '../storage/corpus-store.js';
import type { Reload } from './reload.js';

/** Builds an index from a corpus directory into an index directory: ingest/, injected by the entry point. */
export type IngestDirectory = (corpusDir: string, indexDir: string) => Promise<{ documents: number; chunks: number }>;

export interface IndexSyncOptions {
  store: CorpusStore;
  /** This replica's local copy of the served version (a cache: the shared store is the truth). */
  indexDir: string;
  /** Loads `indexDir` into memory and swaps it in, keeping the old one serving until then (lifecycle/reload.ts). */
  reload: Reload;
  ingest: IngestDirectory;
  logger: Logger;
  /** Safety net under LISTEN/NOTIFY: how often the version is polled. */
  pollMs: number;
}

export interface ServedVersion {
  version: number;
  corpusRevision: number;
}

export interface IndexSync {
  /** Runs one sync now (coalesced with any running one). */
  syncNow(): Promise<void>;
  /** Resolves once the served index includes corpus revision `revision`; rejects on timeout or when that revision cannot be built. */
  waitForRevision(revision: number, timeoutMs: number): Promise<ServedVersion>;
  served(): ServedVersion | undefined;
  /** Starts polling and listening. */
  start(): void;
  stop(): void;
}

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

async function localManifestSha(indexDir: string): Promise<string | undefined> {
  return readFile(path.join(indexDir, INDEX_FILES.manifest)).then(sha256, () => undefined);
}

async function readIndexFiles(indexDir: string): Promise<Array<{ name: string; content: Buffer }>> {
  const dir = await realpath(indexDir);
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  return Promise.all(names.map(async (name) => ({ name, content: await readFile(path.join(dir, name)) })));
}

/** Writes the snapshot's files as a plain corpus directory for ingest (whatever was there before is replaced). */
async function materialize(corpusDir: string, files: Array<{ source: string; content: Buffer }>): Promise<void> {
  await rm(corpusDir, { recursive: true, force: true });
  await mkdir(corpusDir, { recursive: true });
  for (const f of files) {
    if (!isSafeSource(f.source)) continue; // never written past the directory (rejected on upload anyway)
    const file = path.join(corpusDir, ...f.source.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, f.content);
  }
}

/**
 * A stateless replica's view of the shared corpus. On every change (NOTIFY, or the poll catching a lost
 * notification) it:
 *  1. serves the newest published index version: downloads its files unless the local copy is that
 *     version, then reloads — requests keep the old index until the new one is loaded;
 *  2. when the files have moved past the newest version, tries to become the one writer (an advisory
 *     lock): builds the index from a snapshot of the files and publishes it. A writer killed mid-ingest
 *     loses its lock with its session; the revision stays unbuilt and the next replica to look builds it.
 */
export function createIndexSync({ store, indexDir, reload, ingest, logger, pollMs }: IndexSyncOptions): IndexSync {
  const corpusDir = `${path.resolve(indexDir)}.corpus`;
  let served: ServedVersion | undefined;
  let failedVersion: number | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let unwatch: (() => void) | undefined;
  let lastError = '';
  const waiters = new Set<{ revision: number; resolve: (v: ServedVersion) => void; reject: (e: Error) => void }>();

  const settleWaiters = (failed?: { revision: number; reason: string }) => {
    for (const w of waiters) {
      if (served && served.corpusRevision >= w.revision) {
        waiters.delete(w);
        w.resolve(served);
      } else if (failed && failed.revision >= w.revision) {
        waiters.delete(w);
        w.reject(new Error(failed.reason));
      }
    }
  };

  const serve = async (v: IndexVersion): Promise<void> => {
    if ((await localManifestSha(indexDir)) !== v.manifestSha256) {
      const files = await store.versionFiles(v.version);
      const manifest = files.find((f) => f.name === INDEX_FILES.manifest);
      if (!manifest) return; // pruned meanwhile: a newer version exists, the next pass takes it
      if (sha256(manifest.content) !== v.manifestSha256) throw new Error(`index version ${v.version} does not match its recorded manifest checksum`);
      await installIndexFiles(indexDir, files);
    }
    try {
      await reload(`index version ${v.version}`);
    } catch (error) {
      failedVersion = v.version; // not retried until a newer version is published
      throw error;
    }
    served = { version: v.version, corpusRevision: v.corpusRevision };
    logger.info({ version: v.version, corpusRevision: v.corpusRevision, documents: v.documents, chunks: v.chunks, builtBy: v.builtBy }, 'serving index version');
  };

  const build = async (): Promise<IndexVersion | undefined> => {
    const outcome = await store.asWriter(async (writer) => {
      const [state, latest] = await Promise.all([store.state(), store.latestVersion()]);
      if (latest && latest.corpusRevision >= state.revision) return undefined; // another writer just published it
      const snapshot = await writer.snapshot();
      const started = performance.now();
      logger.info({ corpusRevision: snapshot.revision, files: snapshot.files.length }, 'ingest writer: building the index for the shared corpus');
      await materialize(corpusDir, snapshot.files);
      let summary;
      try {
        // Into this replica's own index directory: the previous version there lets ingest reuse vectors.
        summary = await ingest(corpusDir, indexDir);
      } catch (error) {
        const reason = `ingest of corpus revision ${snapshot.revision} failed: ${(error as Error)?.message ?? String(error)}`;
        await writer.recordFailure(snapshot.revision, reason);
        settleWaiters({ revision: snapshot.revision, reason });
        throw new Error(reason, { cause: error });
      }
      const files = await readIndexFiles(indexDir);
      const manifest = files.find((f) => f.name === INDEX_FILES.manifest)!;
      const version = await writer.publish(snapshot.revision, files, { ...summary, manifestSha256: sha256(manifest.content) });
      logger.info({ version: version.version, corpusRevision: snapshot.revision, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) }, 'ingest writer: published');
      return version;
    });
    return outcome?.result;
  };

  const pass = async (): Promise<void> => {
    let latest = await store.latestVersion();
    if (latest && latest.version !== served?.version && latest.version !== failedVersion) await serve(latest);
    const state = await store.state();
    if (state.failedRevision === state.revision && state.failedReason) settleWaiters({ revision: state.revision, reason: state.failedReason });
    const unbuilt = !latest || latest.corpusRevision < state.revision;
    if (unbuilt && state.failedRevision !== state.revision) {
      latest = await build();
      if (latest) await serve(latest);
    }
    settleWaiters();
  };

  const syncNow = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await pass();
          lastError = '';
        } catch (error) {
          const message = (error as Error)?.message ?? String(error);
          // One line per distinct problem, not one per poll while the database is down.
          if (message !== lastError) logger.warn({ err: message }, 'index sync: still serving the current index');
          lastError = message;
        }
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    syncNow,
    served: () => served,
    waitForRevision(revision, timeoutMs) {
      if (served && served.corpusRevision >= revision) return Promise.resolve(served);
      return new Promise<ServedVersion>((resolve, reject) => {
        const waiter = {
          revision,
          resolve: (v: ServedVersion) => {
            clearTimeout(deadline);
            resolve(v);
          },
          reject: (e: Error) => {
            clearTimeout(deadline);
            reject(e);
          },
        };
        const deadline = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`corpus revision ${revision} was not served within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
        void syncNow();
      });
    },
    start() {
      unwatch = store.watch(() => void syncNow());
      if (pollMs > 0) {
        timer = setInterval(() => void syncNow(), pollMs);
        timer.unref();
      }
    },
    stop() {
      clearInterval(timer);
      unwatch?.();
    },
  };
}
