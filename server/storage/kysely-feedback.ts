import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import type { FeedbackRepository } from './feedback-repository.js';

export function createKyselyFeedback(db: Kysely<Database>): FeedbackRepository {
  return {
    async give(f, { conversationOwner } = {}) {
      return db.transaction().execute(async (trx) => {
        let q = trx.selectFrom('messages as m').innerJoin('conversations as c', 'c.id', 'm.conversation_id').where('m.id', '=', f.messageId).select('m.id');
        if (conversationOwner !== undefined) q = q.where('c.owner', '=', conversationOwner);
        if (!(await q.executeTakeFirst())) return false;
        const values = {
          rating: f.rating,
          comment: f.comment ?? null,
          slack_user: f.slackUser ?? null,
          slack_channel: f.slackChannel ?? null,
          updated_at: f.at,
        };
        await trx
          .insertInto('feedback')
          .values({ message_id: f.messageId, owner: f.owner, created_at: f.at, ...values })
          .onConflict((oc) => oc.columns(['message_id', 'owner']).doUpdateSet(values))
          .execute();
        return true;
      });
    },
  };
}
