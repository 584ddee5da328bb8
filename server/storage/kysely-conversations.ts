import type { DeleteQueryBuilder, DeleteResult, Kysely } from 'kysely';
import type { ConversationDetail, ConversationRepository, ConversationSummary, StoredTurn } from './conversation-repository.js';
import type { Database } from './database-schema.js';
import { createBatchedTurnWriter, type BatchOptions } from './batched-turn-writer.js';
import { parseCitations, type TurnBatchWriter } from './turn-rows.js';

/** `writeBatch`: the dialect's batch writer; `batching`: how answered turns are grouped (see batched-turn-writer.ts). */
export function createKyselyConversations(db: Kysely<Database>, writeBatch: TurnBatchWriter, batching: BatchOptions = {}): ConversationRepository {
  const summaries = (owner: string) =>
    db
      .selectFrom('conversations as c')
      .where('c.owner', '=', owner)
      .select((eb) => [
        'c.id',
        'c.title',
        'c.source',
        'c.created_at',
        'c.updated_at',
        eb.selectFrom('messages as m').whereRef('m.conversation_id', '=', 'c.id').select((e) => e.fn.countAll<number>().as('n')).as('turns'),
      ]);

  const toSummary = (r: { id: string; title: string; source: string; created_at: number; updated_at: number; turns: number | null }): ConversationSummary => ({
    id: r.id,
    title: r.title,
    source: r.source,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    turns: Number(r.turns ?? 0),
  });

  /**
   * Deletes conversations and then, in a second statement of the same transaction, their messages (their
   * feedback goes with them): on PostgreSQL messages carry no declared key to conversations (migration 003).
   * The order matters: the first statement locks each conversation, so a turn being appended to one commits
   * first, and the second statement's new snapshot sees it; a later turn finds the conversation gone (see
   * postgres-turn-batch.ts). That second snapshot exists only under READ COMMITTED, so the transaction asks for it
   * rather than inheriting a server or role default of REPEATABLE READ. On SQLite the key's cascade has already
   * deleted them (and Kysely's SQLite driver ignores the isolation level).
   */
  const deleteConversations = (where: (q: DeleteQueryBuilder<Database, 'conversations', DeleteResult>) => DeleteQueryBuilder<Database, 'conversations', DeleteResult>) =>
    db.transaction().setIsolationLevel('read committed').execute(async (trx) => {
      const gone = (await where(trx.deleteFrom('conversations')).returning('id').execute()).map((r) => r.id);
      for (let i = 0; i < gone.length; i += 1000) await trx.deleteFrom('messages').where('conversation_id', 'in', gone.slice(i, i + 1000)).execute();
      return gone.length;
    });

  return {
    appendTurn: createBatchedTurnWriter(writeBatch, batching),

    async list(owner, { limit = 50, before } = {}) {
      let q = summaries(owner);
      if (before !== undefined) q = q.where('c.updated_at', '<', before);
      const rows = await q.orderBy('c.updated_at', 'desc').orderBy('c.id').limit(limit).execute();
      return rows.map(toSummary);
    },

    async get(owner, id, { lastTurns } = {}) {
      const row = await summaries(owner).where('c.id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      let mq = db
        .selectFrom('messages as m')
        .leftJoin('feedback as f', (j) => j.onRef('f.message_id', '=', 'm.id').on('f.owner', '=', owner))
        .where('m.conversation_id', '=', id)
        .select(['m.id', 'm.question', 'm.answer', 'm.answered', 'm.degraded', 'm.created_at', 'm.citations', 'f.rating', 'f.comment'])
        .orderBy('m.created_at', 'desc')
        .orderBy('m.id', 'desc');
      if (lastTurns !== undefined) mq = mq.limit(lastTurns);
      const messages = (await mq.execute()).reverse();
      const items: StoredTurn[] = messages.map((m) => ({
        messageId: m.id,
        question: m.question,
        answer: m.answer,
        answered: Boolean(m.answered),
        degraded: Boolean(m.degraded),
        citations: parseCitations(m.citations),
        createdAt: Number(m.created_at),
        ...(m.rating ? { feedback: { rating: m.rating, comment: m.comment ?? null } } : {}),
      }));
      const detail: ConversationDetail = { ...toSummary(row), items };
      return detail;
    },

    async history(owner, id, lastTurns) {
      const rows = await db
        .selectFrom('messages as m')
        .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
        .where('c.id', '=', id)
        .where('c.owner', '=', owner)
        .select(['m.question', 'm.answer'])
        .orderBy('m.created_at', 'desc')
        .orderBy('m.id', 'desc')
        .limit(lastTurns)
        .execute();
      if (rows.length > 0) return rows.reverse();
      // No turns: an unknown or foreign id (404), or a conversation whose turns are all gone.
      const own = await db.selectFrom('conversations').select('id').where('id', '=', id).where('owner', '=', owner).executeTakeFirst();
      return own ? [] : undefined;
    },

    async rename(owner, id, title, at) {
      const r = await db.updateTable('conversations').set({ title, updated_at: at }).where('id', '=', id).where('owner', '=', owner).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async remove(owner, id) {
      return (await deleteConversations((q) => q.where('id', '=', id).where('owner', '=', owner))) > 0;
    },

    async pruneOlderThan(cutoff) {
      const pruned = await deleteConversations((q) => q.where('updated_at', '<', cutoff));
      // Messages left without a conversation by a deleter that relied on the key migration 003 removed from
      // PostgreSQL (an instance still on an older build, an operator's hand-written delete): old ones go with
      // the retention window (messages_created keeps this a range scan). On SQLite the key makes it a no-op.
      await db
        .deleteFrom('messages')
        .where('created_at', '<', cutoff)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('conversations as c').select('c.id').whereRef('c.id', '=', 'messages.conversation_id'))))
        .execute();
      return pruned;
    },
  };
}
