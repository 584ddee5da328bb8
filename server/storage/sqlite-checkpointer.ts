/**
 * The SQLite worker thread: WAL checkpoints and, when given the turn statements, the writes of answered
 * turns, both off the event loop.
 *
 * Checkpoints: in WAL mode with synchronous=NORMAL a commit only appends to the WAL (no fsync); the fsyncs
 * happen when the WAL is copied back into the database file (a checkpoint). SQLite runs that checkpoint
 * inside whichever commit crosses 1000 WAL pages, so on the server it would stall the event loop, and every
 * request with it, for two fsyncs and a few MB of writes. Here the worker's connection checkpoints (PASSIVE:
 * it never blocks the writer or readers) every `intervalMs`, and the server's connection stops checkpointing
 * by itself (wal_autocheckpoint=0) only once the worker runs; if the worker fails or stops, automatic
 * checkpoints come back. Durability is unchanged: a commit is in the WAL file before the answer is sent
 * either way; checkpoints only decide when the WAL is fsynced and recycled.
 *
 * Turn writes (sqlite-turn-batch.ts): the worker runs the same transaction the event loop would
 * (sqlite-turn-transaction.ts) on its own connection and replies once it has committed, so the event loop
 * only hands rows over. Writes and checkpoints share the worker's thread and never overlap.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';
import { TURN_TRANSACTION_SOURCE, type TurnStatements, type TurnValues } from './sqlite-turn-transaction.js';

/**
 * Run by the worker from this string: no build step or TypeScript loader needed in the thread. It reaches
 * modules through process.getBuiltinModule, so it runs whether Node evaluates it as CommonJS or (under
 * --input-type=module) as an ES module.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const Database = process.getBuiltinModule('node:module').createRequire(workerData.driver)(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
db.pragma('synchronous = ' + workerData.synchronous);
db.pragma('foreign_keys = ON');
const writeTurns = workerData.turns ? new Function('sqlite', 'sql', workerData.turns.source)(db, workerData.turns.statements) : undefined;
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
parentPort.on('message', (m) => {
  if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: m.id, stored: writeTurns(m.turns) });
  } catch (error) {
    parentPort.postMessage({ id: m.id, failed: { message: String((error && error.message) || error), code: error && error.code } });
  }
});
`;

const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export interface BackgroundCheckpoints {
  /**
   * With `turns`: stores a batch in the worker's transaction, resolved once it has committed; undefined once
   * the worker stops or fails (the caller then writes on its own connection).
   */
  writeTurns(): ((turns: TurnValues[]) => Promise<boolean[]>) | undefined;
  /** Stops the worker (after its current checkpoint and the writes already sent) and gives checkpoints back to the connection. */
  stop(): Promise<void>;
}

export interface CheckpointOptions {
  intervalMs?: number;
  busyTimeoutMs?: number;
  restartPages?: number;
  onError?: (message: string) => void;
  /** The server connection's synchronous setting, which the worker's commits must keep (open-database.ts). */
  synchronous?: 'normal' | 'full';
  /** The turn transaction's statements: the worker writes turns too (sqlite-turn-batch.ts). */
  turns?: TurnStatements;
}

export function startBackgroundCheckpoints(
  sqlite: SqliteDatabase.Database,
  file: string,
  { intervalMs = 250, busyTimeoutMs = 5000, restartPages = 4 * DEFAULT_AUTOCHECKPOINT_PAGES, onError = () => undefined, synchronous = 'normal', turns }: CheckpointOptions = {},
): BackgroundCheckpoints {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, file, intervalMs, busyTimeoutMs, restartPages, synchronous: synchronous === 'full' ? 'FULL' : 'NORMAL', turns: turns && { source: TURN_TRANSACTION_SOURCE, statements: turns } },
  });
  // Idle, the worker keeps nothing alive; while a write waits for its reply, it does (a CLI awaiting its
  // last answer's write must not exit before the commit).
  worker.unref();
  let handedOver = false;
  // Writes are posted from the start: the thread's port queues them until its code listens.
  let alive = true;
  let nextId = 0;
  const pending = new Map<number, { resolve: (stored: boolean[]) => void; reject: (error: unknown) => void }>();
  const settle = (id: number) => {
    const p = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return p;
  };
  const failAll = (message: string) => {
    for (const id of [...pending.keys()]) settle(id)?.reject(new Error(`SQLite worker: ${message}`));
  };
  const takeBack = () => {
    if (handedOver && sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    handedOver = false;
  };
  worker.on('message', (m: { ready?: true; error?: string; id?: number; stored?: boolean[]; failed?: { message: string; code?: string } }) => {
    if (m.id !== undefined) {
      const p = settle(m.id);
      if (m.failed) p?.reject(Object.assign(new Error(m.failed.message), { code: m.failed.code }));
      else p?.resolve(m.stored!);
    } else if (m.ready && sqlite.open) {
      sqlite.pragma('wal_autocheckpoint = 0');
      handedOver = true;
    } else if (m.error) {
      onError(m.error);
    }
  });
  worker.on('error', (error) => {
    alive = false;
    takeBack();
    failAll(error.message);
    onError(error.message);
  });
  // Not events.once: that rejects on an 'error' event, and a failed worker must not crash the server.
  const done = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      alive = false;
      failAll('stopped before replying');
      resolve();
    }),
  );
  void done.then(takeBack);
  const write = (batch: TurnValues[]) =>
    new Promise<boolean[]>((resolve, reject) => {
      const id = nextId++;
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, turns: batch });
    });
  let stopping = false;
  return {
    writeTurns: () => (turns && alive && !stopping ? write : undefined),
    async stop() {
      stopping = true;
      takeBack();
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await done;
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
  options: CheckpointOptions & { checkEveryMs?: number; walBytes?: number } = {},
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
    writeTurns: () => running?.writeTurns(),
    async stop() {
      clearInterval(timer);
      if (running) await running.stop();
      else if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    },
  };
}
