/** A corrupt or locked SQLite file (or an unreachable PostgreSQL) is one clear start-up error naming it; a killed writer loses nothing committed. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../server/storage/storage.js';
import { openDatabase, StorageStartupError } from '../../server/storage/open-database.js';
import { loadConfig } from '../../server/config.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-sqlite-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('SQLite start-up', () => {
  it('creates the file (and its folder) in WAL mode', async () => {
    const file = path.join(dir, 'nested', 'db.sqlite');
    const storage = await openStorage({ dialect: 'sqlite', file });
    await storage.close();
    const raw = new SqliteDatabase(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('commits with synchronous=NORMAL by default and FULL when asked (SQLITE_SYNCHRONOUS=full)', () => {
    const level = (synchronous?: 'normal' | 'full') => {
      const opened = openDatabase({ dialect: 'sqlite', file: path.join(dir, `sync-${synchronous}.sqlite`), synchronous });
      const value = opened.sqlite!.pragma('synchronous', { simple: true });
      opened.sqlite!.close();
      return value;
    };
    expect([level(), level('normal'), level('full')]).toEqual([1, 1, 2]);
    expect(loadConfig({ SQLITE_SYNCHRONOUS: 'full' }).storage?.target).toMatchObject({ dialect: 'sqlite', synchronous: 'full' });
    expect(loadConfig({}).storage?.target).toMatchObject({ dialect: 'sqlite', synchronous: 'normal' });
    expect(() => loadConfig({ SQLITE_SYNCHRONOUS: 'off' })).toThrow(/SQLITE_SYNCHRONOUS/);
  });

  it('names a corrupt file', async () => {
    const file = path.join(dir, 'corrupt.sqlite');
    await writeFile(file, 'this is not a database '.repeat(200));
    const error = await openStorage({ dialect: 'sqlite', file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageStartupError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/not a database/);
  });

  it('names a file locked by another process', async () => {
    const file = path.join(dir, 'locked.sqlite');
    const holder = new SqliteDatabase(file);
    holder.pragma('journal_mode = WAL');
    holder.exec('create table t(x)');
    holder.exec('begin exclusive');
    try {
      const error = await openStorage({ dialect: 'sqlite', file, busyTimeoutMs: 50 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageStartupError);
      expect((error as Error).message).toContain(file);
      expect((error as Error).message).toMatch(/locked/);
    } finally {
      holder.exec('rollback');
      holder.close();
    }
  });

  it('names an unreachable PostgreSQL server, with the password masked', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const error = await openStorage({ dialect: 'postgres', url: 'postgres://app:hunter2@127.0.0.1:1/corpus' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageStartupError);
    expect((error as Error).message).toContain('postgres://app:***@127.0.0.1:1/corpus');
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('keeps every acknowledged turn when the writing process is SIGKILLed', async () => {
    const file = path.join(dir, 'killed.sqlite');
    // The child stores turns and reports each one after its commit; it is killed mid-stream of writes.
    const script = `
      const { openStorage } = await import(${JSON.stringify(path.resolve('server/storage/storage.ts'))});
      const s = await openStorage({ dialect: 'sqlite', file: ${JSON.stringify(file)} });
      for (let i = 0; ; i++) {
        await s.conversations.appendTurn('o', { id: 'c', title: 't', source: 'cli' }, { messageId: 'm' + i, question: 'q' + i, answer: 'a', answered: true, degraded: false, citations: [], createdAt: i });
        process.stdout.write('ack ' + i + '\\n');
      }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = -1;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        const last = d.toString().trim().split('\n').at(-1)!;
        acked = Number(last.split(' ')[1]);
        if (acked >= 200) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => child.once('exit', r));
    const storage = await openStorage({ dialect: 'sqlite', file });
    try {
      const stored = (await storage.conversations.get('o', 'c'))!.items.length;
      expect(stored).toBeGreaterThanOrEqual(acked + 1);
    } finally {
      await storage.close();
    }
  });
});
