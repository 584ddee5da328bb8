/**
 * Exactly-once Slack deliveries across processes: the first process to insert an event_id into the
 * database answers it; every other copy (a retry delivered to another process, a duplicate) gets 200 and
 * is dropped. If the database is unreachable the in-memory claim (event-dedupe.ts) still protects this
 * process, so an outage can at worst duplicate, never lose, an answer.
 */
import type { Logger } from 'pino';
import type { SlackEventRepository } from '../storage/slack-event-repository.js';
import type { TtlCache } from './ttl-cache.js';

/** Claims `key` in the database, falling back to this process's memory when the database fails. */
export function createDeliveryClaimer(events: SlackEventRepository, seen: TtlCache<true>, logger: Logger, clock: () => number) {
  return async (key: string): Promise<boolean> => {
    try {
      const first = await events.claim(key, clock());
      if (first) seen.set(key, true);
      return first;
    } catch (err) {
      logger.error({ err }, 'slack: could not record the delivery in the database; deduplicating in memory only');
      return seen.claim(key, true);
    }
  };
}
