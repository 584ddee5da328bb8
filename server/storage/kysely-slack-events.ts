import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import type { SlackEventRepository } from './slack-event-repository.js';

export function createKyselySlackEvents(db: Kysely<Database>): SlackEventRepository {
  return {
    async claim(key, at) {
      // The primary key decides: of two processes inserting the same key, exactly one inserts a row.
      const r = await db
        .insertInto('slack_events')
        .values({ event_key: key, claimed_at: at })
        .onConflict((oc) => oc.column('event_key').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async pruneOlderThan(cutoff) {
      const r = await db.deleteFrom('slack_events').where('claimed_at', '<', cutoff).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
