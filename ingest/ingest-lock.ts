/**
 * One ingest at a time per index: `<index>.lock` next to the index link, created exclusively (O_EXCL),
 * holding the owner's pid, host and start time. Two ingests 0.6 s apart used to delete each other's
 * version directories (issue 17); now the second waits for the first, or says who holds the lock.
 *
 * A lock whose owner is gone (killed, crashed) is stale and taken over: the owner is checked with
 * signal 0 when it ran on this host. Another host's lock is never taken over automatically.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  /** Tells this owner's lock from a later one with the same pid. */
  token: string;
}

export class IngestLockedError extends Error {
  constructor(
    readonly owner: LockOwner | undefined,
    readonly lockPath: string,
  ) {
    super(
      owner
        ? `another ingest (pid ${owner.pid}${owner.host === os.hostname() ? '' : ` on ${owner.host}`}, started ${owner.startedAt}) is running on this index; ` +
          `wait for it to finish, or stop it. Lock: ${lockPath}`
        : `another ingest is starting on this index (lock ${lockPath}); try again in a moment`,
    );
    this.name = 'IngestLockedError';
  }
}

export interface IngestLock {
  path: string;
  owner: LockOwner;
  /** When the lock was taken: version directories younger than this belong to someone else's run. */
  acquiredAtMs: number;
  release(): Promise<void>;
}

export interface AcquireOptions {
  /** How long to wait for another ingest to finish; 0 = fail at once. */
  waitMs?: number;
  /** Called once when we start waiting, with who we wait for. */
  onWait?: (owner: LockOwner | undefined) => void;
  pollMs?: number;
  /** Test seam: is this pid alive on this host? */
  isAlive?: (pid: number) => boolean;
}

/** A lock file being written by a racing acquirer can be read empty; give it this long before calling it stale. */
const UNREADABLE_GRACE_MS = 5_000;

export const lockPathFor = (indexDir: string) => `${path.resolve(indexDir)}.lock`;

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(lockPath: string): Promise<{ owner?: LockOwner; raw: string } | undefined> {
  let raw: string;
  try {
    raw = await readFile(lockPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const o = JSON.parse(raw) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.token === 'string') return { owner: o as LockOwner, raw };
  } catch {
    /* partly written */
  }
  return { raw };
}

/**
 * Moves a stale lock aside and deletes it, but only if what was moved is the lock judged stale: a
 * racing acquirer may have replaced it in between, and its fresh lock is put back.
 */
async function breakStaleLock(lockPath: string, staleRaw: string): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}-${randomUUID()}`;
  try {
    await rename(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = await readFile(aside, 'utf8').catch(() => '');
  if (moved === staleRaw) await unlink(aside).catch(() => undefined);
  else await rename(aside, lockPath).catch(() => undefined);
}

export async function acquireIngestLock(indexDir: string, options: AcquireOptions = {}): Promise<IngestLock> {
  const lockPath = lockPathFor(indexDir);
  const { waitMs = 0, pollMs = 100, isAlive = processIsAlive } = options;
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), token: randomUUID() };
  const content = JSON.stringify(owner);
  const deadline = Date.now() + waitMs;
  let unreadableSince: number | undefined;
  let waiting = false;

  for (;;) {
    try {
      await writeFile(lockPath, content, { flag: 'wx' });
      return {
        path: lockPath,
        owner,
        acquiredAtMs: Date.now(),
        async release() {
          // Only our own lock: after a takeover (we were judged dead) the file is someone else's.
          const current = await readOwner(lockPath).catch(() => undefined);
          if (current?.owner?.token === owner.token) await unlink(lockPath).catch(() => undefined);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const held = await readOwner(lockPath);
    if (!held) continue; // released in between: try again at once
    const holder = held.owner;
    if (holder) {
      unreadableSince = undefined;
      const stale = holder.host === os.hostname() && !isAlive(holder.pid);
      if (stale) {
        await breakStaleLock(lockPath, held.raw);
        continue;
      }
    } else {
      unreadableSince ??= Date.now();
      if (Date.now() - unreadableSince > UNREADABLE_GRACE_MS) {
        await breakStaleLock(lockPath, held.raw);
        continue;
      }
    }
    if (Date.now() >= deadline) throw new IngestLockedError(holder, lockPath);
    if (!waiting) {
      waiting = true;
      options.onWait?.(holder);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(1, deadline - Date.now()))));
  }
}
