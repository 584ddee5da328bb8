/**
 * The tables as Kysely sees them: one schema for SQLite and PostgreSQL.
 * Timestamps are milliseconds since the epoch (bigint), flags are 0/1 integers, so every query reads the
 * same in both dialects (a UTC day is `created_at / 86400000` in both).
 */
export interface ConversationsTable {
  id: string;
  /** Who may see it: "key:<sha256 of the API key>", "anon:<cookie issue time>.<sha256 of the browser cookie>" (or "anon:<sha256>" for cookies issued before the time was added), "slack:<channel>", "cli:<user>". */
  owner: string;
  title: string;
  /** Where it was asked: web (page and API), slack, cli. */
  source: string;
  created_at: number;
  updated_at: number;
}

/** One exchange: a question and the answer given to it (the API's messageId names the answer). */
export interface MessagesTable {
  id: string;
  /** A key to conversations, declared on SQLite; on PostgreSQL kept by the writer and the deletes (migration 003). */
  conversation_id: string;
  question: string;
  /** The question folded for grouping in the report (see normalise-question.ts). */
  question_norm: string;
  answer: string;
  answered: number;
  degraded: number;
  created_at: number;
  /**
   * The answer's citations as it sent them: a JSON array of the API's Citation objects ('[]' for none).
   * One column rather than a row per citation: a stored answer is then one insert (migration 002).
   */
  citations: string;
}

export interface FeedbackTable {
  message_id: string;
  /** The rater: an owner id for the page and API, "slack:<user>" for a Slack button. */
  owner: string;
  rating: 'up' | 'down';
  comment: string | null;
  slack_user: string | null;
  slack_channel: string | null;
  created_at: number;
  updated_at: number;
}

/** Claimed Slack deliveries (event_id, or a message's channel+ts): the primary key makes the claim atomic across processes. */
export interface SlackEventsTable {
  event_key: string;
  claimed_at: number;
}

export interface Database {
  conversations: ConversationsTable;
  messages: MessagesTable;
  feedback: FeedbackTable;
  slack_events: SlackEventsTable;
}
