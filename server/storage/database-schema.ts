/**
 * The tables as Kysely sees them: one schema for SQLite and PostgreSQL.
 * Timestamps are milliseconds since the epoch (bigint), flags are 0/1 integers, so every query reads the
 * same in both dialects (a UTC day is `created_at / 86400000` in both).
 */
export interface ConversationsTable {
  id: string;
  /** Who may see it: "key:<sha256 of the API key>", "anon:<sha256 of the browser cookie>", "slack:<channel>", "cli:<user>". */
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
  conversation_id: string;
  question: string;
  /** The question folded for grouping in the report (see normalise-question.ts). */
  question_norm: string;
  answer: string;
  answered: number;
  degraded: number;
  created_at: number;
}

export interface CitationsTable {
  message_id: string;
  n: number;
  doc_id: string;
  source: string;
  title: string;
  start_offset: number;
  end_offset: number;
  quote: string;
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
  citations: CitationsTable;
  feedback: FeedbackTable;
  slack_events: SlackEventsTable;
}
