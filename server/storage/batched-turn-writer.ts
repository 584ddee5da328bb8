/**
 * Group commit for answered turns. Every answer is written before it is sent (a crash loses nothing that
 * was acknowledged), but a commit per answer costs more than answering from the cache does. So turns that
 * arrive while every writer is busy (or in the same tick) are written together by one batch writer call
 * (one transaction: see sqlite-turn-batch.ts and postgres-turn-batch.ts), and each caller is released when
 * the transaction holding its turn has committed. Under no load a batch is one turn; under load the cost
 * per turn falls with the batch size.
 */
import type { NewConversation, NewTurn } from './conversation-repository.js';
import type { TurnBatchWriter, TurnToStore } from './turn-rows.js';

const MAX_BATCH = 200;

interface Pending extends TurnToStore {
  resolve: (stored: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * True for an error the database raised because of the rows themselves (a bad value, a constraint), which
 * other turns of the batch do not share; false for outages, timeouts and locks, which they all would.
 */
export function isRowError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  if (/^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/.test(code)) return true;
  // PostgreSQL SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation).
  return /^2[23][0-9A-Z]{3}$/.test(code);
}

export interface BatchOptions {
  /** How many batches may be in flight at once (SQLite writes synchronously: 1). */
  concurrentBatches?: number;
  /** How long the first turn of a batch waits for others to join it; 0: only those of the same tick. */
  windowMs?: number;
  /**
   * Once `busyAt` batches are in flight (default 1), another starts only when this many turns wait (default 1:
   * at once); until then they wait for a writer to finish and join the next batch. Under heavy load a batch's
   * fixed cost (a statement, a commit) is then shared by at least this many turns, while under light load the
   * first `busyAt` batches still start at once.
   */
  minBatchWhileBusy?: number;
  busyAt?: number;
}

export function createBatchedTurnWriter(writeBatch: TurnBatchWriter, { concurrentBatches = 1, windowMs = 0, minBatchWhileBusy = 1, busyAt = 1 }: BatchOptions = {}) {
  let queue: Pending[] = [];
  let active = 0;
  let scheduled = false;

  async function run(batch: Pending[]): Promise<void> {
    try {
      const stored = await writeBatch(batch);
      batch.forEach((p, i) => p.resolve(stored[i]));
    } catch (error) {
      if (batch.length === 1 || !isRowError(error)) {
        // An outage fails every waiting turn at once (each answer is still sent, degraded), rather than
        // one timeout after another.
        for (const p of batch) p.reject(error);
        return;
      }
      // One bad turn must not fail the others: write them one by one.
      for (const p of batch) {
        await writeBatch([p]).then(
          ([ok]) => p.resolve(ok),
          (e: unknown) => p.reject(e),
        );
      }
    }
  }

  function pump(): void {
    while (queue.length > 0 && active < concurrentBatches && (active < busyAt || queue.length >= minBatchWhileBusy)) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(batch.length);
      active++;
      void run(batch).finally(() => {
        active--;
        // The next batch starts from the event loop, never from this promise callback. Started here, it
        // would be a microtask chain: callers released by this batch queue their next turn in the same
        // microtask pass, so the queue is never empty when a batch ends, and with a synchronous driver
        // (SQLite) no timer or I/O callback runs until the callers stop: requests, sockets and stdout starve
        // while turns are committed back to back (issue 12: the killed-writer test's child "stopped
        // acknowledging"; tests/unit/batched-turn-writer.test.ts).
        if (queue.length > 0) schedule(0);
      });
    }
  }

  function schedule(delayMs: number): void {
    if (scheduled) return;
    scheduled = true;
    const go = () => {
      scheduled = false;
      pump();
    };
    if (delayMs > 0) setTimeout(go, delayMs);
    else setImmediate(go);
  }

  return (owner: string, conversation: NewConversation, turn: NewTurn): Promise<boolean> =>
    new Promise<boolean>((resolve, reject) => {
      queue.push({ owner, conversation, turn, resolve, reject });
      // Turns arriving within the window (or this tick) join one batch; while every writer is busy they
      // queue, and the next batch takes them all.
      schedule(windowMs);
    });
}
