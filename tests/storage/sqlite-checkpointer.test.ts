/**
 * WAL checkpoints run in a worker thread, not inside a commit on the event loop: the server's connection
 * stops checkpointing by itself while the worker runs, the worker copies the WAL into the database file,
 * and stopping it hands checkpoints back.
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBackgroundCheckpoints, startCheckpointsWhenBusy } from '../../server/storage/sqlite-checkpointer.js';
import { waitUntil } from '../helpers/wait-until.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-ckpt-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A database file in WAL mode with synchronous=NORMAL, as the server opens it (open-database.ts). */
function openWal(name: string): { file: string; sqlite: SqliteDatabase.Database } {
  const file = path.join(dir, name);
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  return { file, sqlite };
}

describe('background WAL checkpoints', () => {
  it('keep the WAL bounded under writes that never pause: past restartPages the worker truncates it', async () => {
    const { file, sqlite } = openWal('sustained.sqlite');
    sqlite.exec('create table t (x text)');
    const insert = sqlite.prepare('insert into t values (?)');
    const write = sqlite.transaction(() => {
      for (let i = 0; i < 50; i++) insert.run('x'.repeat(500));
    });
    const walSize = () => statSync(`${file}-wal`).size;
    const restartPages = 200;
    const restartBytes = restartPages * (sqlite.pragma('page_size', { simple: true }) as number);
    const checkpoints = startBackgroundCheckpoints(sqlite, file, { intervalMs: 20, restartPages });
    try {
      await waitUntil('the worker to take over checkpoints', () => sqlite.pragma('wal_autocheckpoint', { simple: true }) === 0);
      // A writer that commits again as soon as the event loop lets it: PASSIVE checkpoints alone never reach
      // the WAL's end, so without the truncation the file only grows. Ends when the WAL shrank after passing
      // the limit, or fails after 20 s.
      let peak = 0;
      let shrank = false;
      const deadline = Date.now() + 20_000;
      while (!shrank && Date.now() < deadline) {
        write();
        const size = walSize();
        if (peak > restartBytes && size < peak / 2) shrank = true;
        peak = Math.max(peak, size);
        await new Promise((r) => setImmediate(r));
      }
      expect(shrank).toBe(true);
      expect(sqlite.prepare('select count(*) from t').pluck().get()).toBeGreaterThan(0);
    } finally {
      await checkpoints.stop();
      sqlite.close();
    }
  });

  it('take over from the connection, move committed pages into the database file, and hand back on stop', async () => {
    const { file, sqlite } = openWal('c.sqlite');
    const autocheckpoint = () => sqlite.pragma('wal_autocheckpoint', { simple: true });
    expect(autocheckpoint()).toBe(1000);

    const checkpoints = startBackgroundCheckpoints(sqlite, file, { intervalMs: 20 });
    try {
      await waitUntil('the worker to take over checkpoints', () => autocheckpoint() === 0);
      sqlite.exec('create table t (x text)');
      const insert = sqlite.prepare('insert into t values (?)');
      sqlite.transaction(() => {
        for (let i = 0; i < 2000; i++) insert.run('x'.repeat(500));
      })();
      const before = statSync(file).size; // the new pages are in the WAL only
      await waitUntil('the worker to checkpoint the WAL into the database file', () => statSync(file).size > before + 500_000);
      expect(sqlite.prepare('select count(*) from t').pluck().get()).toBe(2000);
    } finally {
      await checkpoints.stop();
    }
    expect(autocheckpoint()).toBe(1000);
    sqlite.close();
  });

  it('leaves checkpoints with the connection, without crashing, when the worker cannot start', async () => {
    const { sqlite } = openWal('d.sqlite');
    const errors: string[] = [];
    const checkpoints = startBackgroundCheckpoints(sqlite, path.join(dir, 'missing-folder', 'd.sqlite'), { onError: (m) => errors.push(m) });
    await waitUntil('the worker to report its failure', () => errors.length > 0);
    await checkpoints.stop();
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    sqlite.close();
  });

  it("start their worker only once the WAL has grown to a checkpoint's worth of pages", async () => {
    const { file, sqlite } = openWal('e.sqlite');
    // The WAL checks run on a faked interval, stepped by hand: each step is one check, whatever the machine's speed.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const checkpoints = startCheckpointsWhenBusy(sqlite, file, { intervalMs: 20, checkEveryMs: 10, walBytes: 200_000 });
    try {
      sqlite.exec('create table t (x text)');
      sqlite.prepare('insert into t values (?)').run('small');
      // Five checks with a small WAL: no worker yet (and no checkpoints by the connection either).
      vi.advanceTimersByTime(50);
      expect(checkpoints.started()).toBe(false);
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const insert = sqlite.prepare('insert into t values (?)');
      sqlite.transaction(() => {
        for (let i = 0; i < 1000; i++) insert.run('x'.repeat(500));
      })();
      const before = statSync(file).size;
      // The next check sees the grown WAL and starts the worker (whose own timer runs in its thread).
      vi.advanceTimersByTime(10);
      vi.useRealTimers();
      expect(checkpoints.started()).toBe(true);
      await waitUntil('the worker to start and checkpoint the WAL into the database file', () => checkpoints.started() && statSync(file).size > before + 200_000);
    } finally {
      vi.useRealTimers();
      await checkpoints.stop();
    }
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    sqlite.close();
  });
});
