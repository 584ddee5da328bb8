/**
 * Group commit for answered turns. Every answer is written before it is sent (a crash loses nothing that
 * was acknowledged), but a commit per answer costs more than answering from the cache does. So turns that
 * arrive while every writer is busy (or in the same tick) are written together in one transaction, with
 * multi-row inserts, and each caller is released when the transaction holding its turn has committed.
 * Under no load a batch is one turn; under load the cost per turn falls with the batch size.
 */
import type { Kysely } from 'kysely';
import type { NewConversation, NewTurn } from './conversation-repository.js';
import type { Database } from './database-schema.js';
import { normaliseQuestion } from './normalise-question.js';

const MAX_BATCH = 200;

interface Pending {
  owner: string;
  conversation: NewConversation;
  turn: NewTurn;
  resolve: (stored: boolean) => void;
  reject: (error: unknown) => void;
}

/** Writes one batch in one transaction; returns, per item, whether it was stored (false: another owner's conversation). */
async function writeBatch(db: Kysely<Database>, batch: Pending[]): Promise<boolean[]> {
  return db.transaction().execute(async (trx) => {
    const firstSeen = new Map<string, Pending>();
    for (const p of batch) if (!firstSeen.has(p.conversation.id)) firstSeen.set(p.conversation.id, p);
    // New conversations come back from the insert; only existing ones need their owner read (fewer round trips).
    const created = new Set(
      (
        await trx
          .insertInto('conversations')
          .values(
            [...firstSeen.values()].map((p) => ({
              id: p.conversation.id,
              owner: p.owner,
              title: p.conversation.title,
              source: p.conversation.source,
              created_at: p.turn.createdAt,
              updated_at: p.turn.createdAt,
            })),
          )
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .execute()
      ).map((r) => r.id),
    );
    const owners = new Map([...created].map((id) => [id, firstSeen.get(id)!.owner]));
    const existing = [...firstSeen.keys()].filter((id) => !created.has(id));
    if (existing.length > 0) {
      for (const r of await trx.selectFrom('conversations').where('id', 'in', existing).select(['id', 'owner']).execute()) owners.set(r.id, r.owner);
    }
    const stored = batch.map((p) => owners.get(p.conversation.id) === p.owner);
    const accepted = batch.filter((_, i) => stored[i]);
    if (accepted.length === 0) return stored;

    const lastUse = new Map<string, number>();
    for (const p of accepted) lastUse.set(p.conversation.id, Math.max(lastUse.get(p.conversation.id) ?? 0, p.turn.createdAt));
    // One UPDATE per distinct last-use time; in a batch that is one or very few statements.
    const byTime = new Map<number, string[]>();
    for (const [id, at] of lastUse) if (!created.has(id) || at > firstSeen.get(id)!.turn.createdAt) byTime.set(at, [...(byTime.get(at) ?? []), id]);
    for (const [at, ids] of byTime) await trx.updateTable('conversations').set({ updated_at: at }).where('id', 'in', ids).where('updated_at', '<', at).execute();

    await trx
      .insertInto('messages')
      .values(
        accepted.map(({ conversation, turn }) => ({
          id: turn.messageId,
          conversation_id: conversation.id,
          question: turn.question,
          question_norm: normaliseQuestion(turn.question),
          answer: turn.answer,
          answered: turn.answered ? 1 : 0,
          degraded: turn.degraded ? 1 : 0,
          created_at: turn.createdAt,
        })),
      )
      .execute();
    const citations = accepted.flatMap(({ turn }) =>
      turn.citations.map((c) => ({ message_id: turn.messageId, n: c.n, doc_id: c.docId, source: c.source, title: c.title, start_offset: c.start, end_offset: c.end, quote: c.quote })),
    );
    // Bounded statements: SQLite allows 32,766 parameters, PostgreSQL 65,535; 8 columns × 1,000 rows stays under both.
    for (let i = 0; i < citations.length; i += 1000) await trx.insertInto('citations').values(citations.slice(i, i + 1000)).execute();
    return stored;
  });
}

/**
 * `windowMs`: how long the first turn of a batch waits for others to join it.
 * `concurrentBatches`: how many transactions may be in flight at once. SQLite has one connection and one
 * writer, so 1; PostgreSQL commits in parallel on its pool (and groups the WAL flushes itself), so a few.
 * A batch starts as soon as a writer is free; turns queue only while every writer is busy.
 */
export function createBatchedTurnWriter(db: Kysely<Database>, { concurrentBatches = 1, windowMs = 0 }: { concurrentBatches?: number; windowMs?: number } = {}) {
  let queue: Pending[] = [];
  let active = 0;
  let scheduled = false;

  async function run(batch: Pending[]): Promise<void> {
    try {
      const stored = await writeBatch(db, batch);
      batch.forEach((p, i) => p.resolve(stored[i]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      // One bad turn must not fail the others: write them one by one.
      for (const p of batch) {
        await writeBatch(db, [p]).then(
          ([ok]) => p.resolve(ok),
          (e: unknown) => p.reject(e),
        );
      }
    }
  }

  function pump(): void {
    while (queue.length > 0 && active < concurrentBatches) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(batch.length);
      active++;
      void run(batch).finally(() => {
        active--;
        pump();
      });
    }
  }

  return (owner: string, conversation: NewConversation, turn: NewTurn): Promise<boolean> =>
    new Promise<boolean>((resolve, reject) => {
      queue.push({ owner, conversation, turn, resolve, reject });
      // Turns arriving within the window join one batch (like PostgreSQL's commit_delay): under load the
      // other in-flight requests reach this point within it; alone, an answer waits at most windowMs.
      if (!scheduled) {
        scheduled = true;
        const go = () => {
          scheduled = false;
          pump();
        };
        if (windowMs > 0) setTimeout(go, windowMs);
        else setImmediate(go);
      }
    });
}
