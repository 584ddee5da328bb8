/**
 * Group commit: which turns share a batch, that nobody is released before the batch holding its turn has
 * been written, and how failures reach each waiting caller (an outage fails them all at once, so every
 * answer goes out degraded without waiting out one timeout per turn; a bad row fails only itself).
 */
import { describe, expect, it } from 'vitest';
import { createBatchedTurnWriter, isRowError } from '../../server/storage/batched-turn-writer.js';
import type { TurnToStore } from '../../server/storage/turn-rows.js';
import { timeOrderedId } from '../../server/core/time-ordered-id.js';

/** A batch writer whose calls wait until the test settles them. */
function scriptedWriter() {
  const calls: Array<{ batch: TurnToStore[]; settle: (result: boolean[] | Error) => void }> = [];
  const write = (batch: TurnToStore[]) =>
    new Promise<boolean[]>((resolve, reject) => {
      calls.push({ batch, settle: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
    });
  return { calls, write };
}

const tick = () => new Promise((r) => setImmediate(r));
const turn = (q: string) => ({ messageId: `m-${q}`, question: q, answer: 'a', answered: true, degraded: false, citations: [], createdAt: 1 });
const conv = (id: string) => ({ id, title: 't', source: 'web' as const });
/** Which of the promises have settled so far, and how. */
function track<T>(ps: Promise<T>[]) {
  const state: Array<'pending' | 'ok' | 'failed'> = ps.map(() => 'pending');
  ps.forEach((p, i) => p.then(() => (state[i] = 'ok'), () => (state[i] = 'failed')));
  return state;
}

describe('batched turn writer', () => {
  it('writes the turns of one tick as one batch and releases each only after that batch is written', async () => {
    const w = scriptedWriter();
    const append = createBatchedTurnWriter(w.write);
    const ps = ['a', 'b', 'c'].map((q) => append('o', conv(`c-${q}`), turn(q)));
    const state = track(ps);
    await tick();
    expect(w.calls).toHaveLength(1);
    expect(w.calls[0].batch.map((t) => t.turn.question)).toEqual(['a', 'b', 'c']);
    await tick();
    expect(state).toEqual(['pending', 'pending', 'pending']); // not acknowledged before the commit
    w.calls[0].settle([true, false, true]);
    expect(await Promise.all(ps)).toEqual([true, false, true]);
  });

  it('queues turns while every writer is busy and writes them all in the next batch', async () => {
    const w = scriptedWriter();
    const append = createBatchedTurnWriter(w.write, { concurrentBatches: 1 });
    const first = append('o', conv('c1'), turn('1'));
    await tick();
    const later = ['2', '3', '4'].map((q) => append('o', conv('c1'), turn(q)));
    await tick();
    expect(w.calls).toHaveLength(1); // still busy with the first
    w.calls[0].settle([true]);
    await first;
    await tick();
    await tick(); // the next batch starts from the event loop, not from the settled batch's callback
    expect(w.calls).toHaveLength(2);
    expect(w.calls[1].batch.map((t) => t.turn.question)).toEqual(['2', '3', '4']);
    w.calls[1].settle([true, true, true]);
    expect(await Promise.all(later)).toEqual([true, true, true]);
  });

  it('keeps up to concurrentBatches batches in flight', async () => {
    const w = scriptedWriter();
    const append = createBatchedTurnWriter(w.write, { concurrentBatches: 2 });
    const ps: Promise<boolean>[] = [];
    for (const q of ['1', '2', '3']) {
      ps.push(append('o', conv('c'), turn(q)));
      await tick();
    }
    expect(w.calls.map((c) => c.batch.length)).toEqual([1, 1]);
    w.calls[0].settle([true]);
    await tick();
    await tick();
    expect(w.calls.map((c) => c.batch.length)).toEqual([1, 1, 1]);
    w.calls[1].settle([true]);
    w.calls[2].settle([true]);
    expect(await Promise.all(ps)).toEqual([true, true, true]);
  });

  it('with minBatchWhileBusy, starts a batch at once when no writer is busy, and another only once that many turns wait', async () => {
    const w = scriptedWriter();
    const append = createBatchedTurnWriter(w.write, { concurrentBatches: 3, minBatchWhileBusy: 3 });
    const ps: Promise<boolean>[] = [append('o', conv('c'), turn('1'))];
    await tick();
    expect(w.calls.map((c) => c.batch.length)).toEqual([1]); // a lone turn does not wait
    for (const q of ['2', '3']) {
      ps.push(append('o', conv('c'), turn(q)));
      await tick();
    }
    expect(w.calls.map((c) => c.batch.length)).toEqual([1]); // two waiting: not enough for a second batch
    ps.push(append('o', conv('c'), turn('4')));
    await tick();
    expect(w.calls.map((c) => c.batch.map((t) => t.turn.question))).toEqual([['1'], ['2', '3', '4']]);
    ps.push(append('o', conv('c'), turn('5')));
    await tick();
    expect(w.calls).toHaveLength(2); // busy again: '5' waits
    w.calls[0].settle([true]);
    await tick();
    await tick();
    expect(w.calls.map((c) => c.batch.length)).toEqual([1, 3]); // one writer still busy, one turn waiting
    w.calls[1].settle([true, true, true]);
    await tick();
    await tick();
    expect(w.calls.map((c) => c.batch.map((t) => t.turn.question))).toEqual([['1'], ['2', '3', '4'], ['5']]); // no writer busy: at once
    w.calls[2].settle([true]);
    expect(await Promise.all(ps)).toEqual([true, true, true, true, true]);
  });

  it('with busyAt, the first busyAt batches start at once and the minimum applies only beyond them', async () => {
    const w = scriptedWriter();
    const append = createBatchedTurnWriter(w.write, { concurrentBatches: 3, busyAt: 2, minBatchWhileBusy: 2 });
    const ps: Promise<boolean>[] = [];
    for (const q of ['1', '2', '3']) {
      ps.push(append('o', conv('c'), turn(q)));
      await tick();
    }
    expect(w.calls.map((c) => c.batch.map((t) => t.turn.question))).toEqual([['1'], ['2']]); // '3' alone waits
    ps.push(append('o', conv('c'), turn('4')));
    await tick();
    expect(w.calls.map((c) => c.batch.map((t) => t.turn.question))).toEqual([['1'], ['2'], ['3', '4']]);
    w.calls.forEach((c) => c.settle(c.batch.map(() => true)));
    expect(await Promise.all(ps)).toEqual([true, true, true, true]);
  });

  it('lets the event loop run between batches while callers keep appending (issue 12: no batch chained from a promise callback)', async () => {
    // Callers that append their next turn as soon as the previous one is stored (the killed-writer test's
    // child; a server under load), over a writer that settles without I/O, as SQLite's synchronous one does.
    // Before the fix each batch started the next from its promise callback: every batch ran in one microtask
    // chain and no timer, immediate or I/O callback ran until all 4 × 50 turns were written.
    let batches = 0;
    const append = createBatchedTurnWriter(async (batch) => {
      batches++;
      return batch.map(() => true);
    });
    const callers = Array.from({ length: 4 }, async (_, c) => {
      for (let i = 0; i < 50; i++) await append('o', conv(`c${c}`), turn(`${c}-${i}`));
    });
    const batchesBeforeTheLoopRan = await new Promise<number>((resolve) => setImmediate(() => resolve(batches)));
    await Promise.all(callers);
    expect(batchesBeforeTheLoopRan).toBeLessThanOrEqual(2);
    expect(batches).toBe(50); // still one batch per round of the 4 callers: nothing lost in batching
  });

  it('fails every turn of a batch at once when the database is down (one attempt, no retries one by one)', async () => {
    const w = scriptedWriter();
    const append = createBatchedTurnWriter(w.write);
    const ps = ['a', 'b', 'c', 'd'].map((q) => append('o', conv(q), turn(q)));
    const state = track(ps);
    await tick();
    w.calls[0].settle(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    await tick();
    expect(state).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(w.calls).toHaveLength(1);
  });

  it('retries a batch that failed on a bad row one turn at a time, so only that turn fails', async () => {
    const w = scriptedWriter();
    const append = createBatchedTurnWriter(w.write);
    const ps = ['a', 'bad', 'c'].map((q) => append('o', conv(q), turn(q)));
    const state = track(ps);
    await tick();
    w.calls[0].settle(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }));
    for (let i = 1; i <= 3; i++) {
      await tick();
      expect(w.calls).toHaveLength(i + 1);
      const single = w.calls[i];
      single.settle(single.batch[0].turn.question === 'bad' ? Object.assign(new Error('bad'), { code: '22021' }) : [true]);
    }
    await tick();
    expect(state).toEqual(['ok', 'failed', 'ok']);
  });

  it('tells row errors from outages', () => {
    expect(isRowError(Object.assign(new Error(), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }))).toBe(true);
    expect(isRowError(Object.assign(new Error(), { code: '23505' }))).toBe(true);
    for (const code of ['SQLITE_BUSY', 'SQLITE_IOERR', '08006', '57P01', '57014', 'ECONNREFUSED', undefined]) {
      expect(isRowError(Object.assign(new Error(), { code }))).toBe(false);
    }
    expect(isRowError(new Error('Connection terminated unexpectedly'))).toBe(false);
  });
});

describe('time-ordered ids', () => {
  it('are UUID version 7: ordered by their millisecond, unique within one', () => {
    const ids = [timeOrderedId(1_000), timeOrderedId(2_000), timeOrderedId(Date.UTC(2026, 11, 1))];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[2].replace(/-/g, '').slice(0, 12)).toBe(Date.UTC(2026, 11, 1).toString(16).padStart(12, '0'));
    const same = Array.from({ length: 1000 }, () => timeOrderedId(5_000));
    expect(new Set(same).size).toBe(1000);
  });
});
