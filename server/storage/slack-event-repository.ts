/** Exactly-once Slack deliveries shared by every process on one database. */
export interface SlackEventRepository {
  /** True only for the first caller, in any process, to claim `key` (an event_id, or channel+ts of a message). */
  claim(key: string, at: number): Promise<boolean>;
  /** Forgets claims older than `cutoff` (Slack stops retrying after about 30 minutes). */
  pruneOlderThan(cutoff: number): Promise<number>;
}
