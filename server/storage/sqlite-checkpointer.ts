/**
 * WAL checkpoints off the event loop. In WAL mode with synchronous=NORMAL a commit only appends to the WAL
 * (no fsync); the fsyncs happen when the WAL is copied back into the database file (a checkpoint). SQLite
 * runs that checkpoint inside whichever commit crosses 1000 WAL pages, so on the server it would stall the
 * event loop, and every request with it, for two fsyncs and a few MB of writes. Here a worker thread with a
 * connection of its own checkpoints (PASSIVE: it never blocks the writer or readers) every `intervalMs`, and
 * the server's connection stops checkpointing by itself (wal_autocheckpoint=0) only once the worker runs; if
 * the worker fails or stops, automatic checkpoints come back. Durability is unchanged: a commit is in the WAL
 * file before the answer is sent either way; checkpoints only decide when the WAL is fsynced and recycled.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

/**
 * Run by the worker from this string: no build step or TypeScript loader needed in the thread. It reaches
 * modules through process.getBuiltinModule, so it runs whether Node evaluates it as CommonJS or (under
 * --input-type=module) as an ES module.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const Database = process.getBuiltinModule('node:module').createRequire(workerData.driver)(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
db.pragma('synchronous = NORMAL');
parentPort.postMessage({ ready: true });
const timer = setInterval(() => {
  try {
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    // Under sustained writes a PASSIVE checkpoint never catches up with the last frame, so the WAL is never
    // reset and the file grows without bound (hundreds of MB in seconds of load). Past restartPages, TRUNCATE:
    // it waits for the current write, holds new ones while it copies the few frames PASSIVE left, and
    // empties the file.
    if (log >= workerData.restartPages) db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export interface BackgroundCheckpoints {
  /** Stops the worker (after its current checkpoint) and gives checkpoints back to the connection. */
  stop(): Promise<void>;
}

export function startBackgroundCheckpoints(
  sqlite: SqliteDatabase.Database,
  file: string,
  {
    intervalMs = 250,
    busyTimeoutMs = 5000,
    restartPages = 4 * DEFAULT_AUTOCHECKPOINT_PAGES,
    onError = () => undefined,
  }: { intervalMs?: number; busyTimeoutMs?: number; restartPages?: number; onError?: (message: string) => void } = {},
): BackgroundCheckpoints {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs, busyTimeoutMs, restartPages } });
  worker.unref();
  let handedOver = false;
  const takeBack = () => {
    if (handedOver && sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    handedOver = false;
  };
  worker.on('message', (m: { ready?: true; error?: string }) => {
    if (m.ready && sqlite.open) {
      sqlite.pragma('wal_autocheckpoint = 0');
      handedOver = true;
    } else if (m.error) {
      onError(m.error);
    }
  });
  worker.on('error', (error) => {
    takeBack();
    onError(error.message);
  });
  // Not events.once: that rejects on an 'error' event, and a failed worker must not crash the server.
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  void exited.then(takeBack);
  return {
    async stop() {
      takeBack();
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The worker only once writes are sustained. A worker thread is a V8 isolate of its own, ~10–15 MB of RSS,
 * which a server answering a few questions an hour never needs. Until it starts, nobody checkpoints: the
 * connection's own checkpoints stay off (wal_autocheckpoint=0) from the start, as with the eager worker, so no
 * commit ever stalls the event loop on one. The WAL grows to a
 * checkpoint's worth of pages (1000) and then the worker starts; the -wal file is stat'ed every
 * `checkEveryMs` (unref'd: it keeps nothing alive). If the worker fails, automatic checkpoints come back.
 */
export function startCheckpointsWhenBusy(
  sqlite: SqliteDatabase.Database,
  file: string,
  options: { intervalMs?: number; busyTimeoutMs?: number; restartPages?: number; onError?: (message: string) => void; checkEveryMs?: number; walBytes?: number } = {},
): BackgroundCheckpoints & { started(): boolean } {
  const { checkEveryMs = 2000, walBytes = DEFAULT_AUTOCHECKPOINT_PAGES * (sqlite.pragma('page_size', { simple: true }) as number), ...rest } = options;
  let running: BackgroundCheckpoints | undefined;
  sqlite.pragma('wal_autocheckpoint = 0');
  const walSize = () => {
    try {
      return statSync(`${file}-wal`).size;
    } catch {
      return 0; // no WAL yet
    }
  };
  const timer = setInterval(() => {
    if (!sqlite.open || walSize() < walBytes) return;
    clearInterval(timer);
    running = startBackgroundCheckpoints(sqlite, file, rest);
  }, checkEveryMs);
  timer.unref();
  return {
    started: () => running !== undefined,
    async stop() {
      clearInterval(timer);
      if (running) await running.stop();
      else if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    },
  };
}
