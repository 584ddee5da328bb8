import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import type { FeedbackRepository } from './feedback-repository.js';

export function createKyselyFeedback(db: Kysely<Database>): FeedbackRepository {
  return {
    // One statement (insert … select … on conflict), not a transaction that reads and then writes: on SQLite
    // the answered turns are committed by another connection (the worker thread, sqlite-checkpointer.ts), and
    // a read transaction that then wants to write fails at once (SQLITE_BUSY_SNAPSHOT) when that connection
    // committed in between, where a single statement waits for the lock like any other write.
    async give(f, { conversationOwner } = {}) {
      const values = {
        rating: f.rating,
        comment: f.comment ?? null,
        slack_user: f.slackUser ?? null,
        slack_channel: f.slackChannel ?? null,
        updated_at: f.at,
      };
      const result = await db
        .insertInto('feedback')
        .columns(['message_id', 'owner', 'rating', 'comment', 'slack_user', 'slack_channel', 'created_at', 'updated_at'])
        .expression((eb) => {
          let q = eb
            .selectFrom('messages as m')
            .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
            // A WHERE clause is required here: SQLite cannot otherwise tell the upsert's ON from a join's.
            .where('m.id', '=', f.messageId);
          if (conversationOwner !== undefined) q = q.where('c.owner', '=', conversationOwner);
          // PostgreSQL types a bare parameter in a select list as text: the numbers are cast.
          return q.select([
            'm.id',
            eb.val(f.owner).as('owner'),
            eb.val(f.rating).as('rating'),
            eb.cast<string | null>(eb.val(values.comment), 'text').as('comment'),
            eb.cast<string | null>(eb.val(values.slack_user), 'text').as('slack_user'),
            eb.cast<string | null>(eb.val(values.slack_channel), 'text').as('slack_channel'),
            eb.cast<number>(eb.val(f.at), 'bigint').as('created_at'),
            eb.cast<number>(eb.val(f.at), 'bigint').as('updated_at'),
          ]);
        })
        .onConflict((oc) => oc.columns(['message_id', 'owner']).doUpdateSet(values))
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
  };
}
