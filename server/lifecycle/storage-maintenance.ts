/**
 * Housekeeping for the database, at start-up and then hourly: conversations unused for
 * CONVERSATION_RETENTION_DAYS are deleted (with their answers and feedback), and Slack delivery claims
 * older than a day are forgotten (Slack stops retrying after about 30 minutes).
 */
import type { Logger } from 'pino';
import type { Storage } from '../storage/storage.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export async function pruneStorage(storage: Storage, retentionDays: number, now: number): Promise<{ conversations: number; slackEvents: number }> {
  const conversations = retentionDays > 0 ? await storage.conversations.pruneOlderThan(now - retentionDays * DAY_MS) : 0;
  const slackEvents = await storage.slackEvents.pruneOlderThan(now - DAY_MS);
  return { conversations, slackEvents };
}

/** Runs pruneStorage now and every hour; the timer never keeps the process alive. Returns a stop function. */
export function scheduleStorageMaintenance(storage: Storage, retentionDays: number, logger: Logger, clock: () => number = Date.now): () => void {
  const run = () =>
    pruneStorage(storage, retentionDays, clock()).then(
      (pruned) => {
        if (pruned.conversations > 0 || pruned.slackEvents > 0) logger.info(pruned, 'storage: pruned old conversations and Slack claims');
      },
      (err: unknown) => logger.warn({ err }, 'storage: pruning failed; will retry in an hour'),
    );
  void run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
