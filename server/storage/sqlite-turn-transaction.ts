/**
 * The SQLite transaction that stores a batch of answered turns, written once as plain JavaScript source
 * because it runs in two places: on the event loop (until writes are sustained, and for `:memory:`
 * databases, which no other thread can open) and in the SQLite worker thread (sqlite-checkpointer.ts),
 * which has no TypeScript loader. Both build it from this text with their own connection, so the two can
 * never disagree about what a stored turn is.
 *
 * Input: one `[conversation, message, citations]` per turn, each a row's values in the column order of the
 * statements (turnStatements in sqlite-turn-batch.ts checks that order once). Output: per turn, whether it
 * was stored (false: the conversation belongs to another owner). Decisions, in one transaction: create each
 * new conversation with its first turn's row; read the owner of the others; store the turns whose owner
 * matches; touch the last-use time of conversations that existed or got more than their first turn.
 */
import type SqliteDatabase from 'better-sqlite3';

/** The SQL texts the transaction prepares (compiled by Kysely on the main thread). */
export interface TurnStatements {
  insertConversation: string;
  ownerOf: string;
  insertMessage: string;
  insertCitation: string;
  touch: string;
}

/** One turn as row values: conversation (id, owner, title, source, created_at, updated_at), message, citations. */
export type TurnValues = [conversation: unknown[], message: unknown[], citations: unknown[][]];

/** The body of `(sqlite, sql) => (turns) => stored[]`. */
export const TURN_TRANSACTION_SOURCE = `
const insertConversation = sqlite.prepare(sql.insertConversation);
const ownerOf = sqlite.prepare(sql.ownerOf).pluck();
const insertMessage = sqlite.prepare(sql.insertMessage);
const insertCitation = sqlite.prepare(sql.insertCitation);
const touch = sqlite.prepare(sql.touch);
return sqlite.transaction((turns) => {
  const owners = new Map();
  const created = new Set();
  for (const [conversation] of turns) {
    const id = conversation[0];
    if (owners.has(id)) continue;
    if (insertConversation.run(...conversation).changes === 1) {
      created.add(id);
      owners.set(id, conversation[1]);
    } else {
      owners.set(id, ownerOf.get(id));
    }
  }
  const stored = turns.map(([conversation]) => owners.get(conversation[0]) === conversation[1]);
  const firstAt = new Map();
  const lastAt = new Map();
  turns.forEach(([conversation, message, citations], i) => {
    if (!stored[i]) return;
    insertMessage.run(...message);
    for (const citation of citations) insertCitation.run(...citation);
    const id = conversation[0];
    const at = conversation[4];
    if (!firstAt.has(id)) firstAt.set(id, at);
    lastAt.set(id, Math.max(lastAt.get(id) ?? 0, at));
  });
  for (const [id, at] of lastAt) if (!created.has(id) || at > firstAt.get(id)) touch.run(at, id, at);
  return stored;
});
`;

/** The transaction over `sqlite`, built from the same source the worker thread uses. */
export function createTurnTransaction(sqlite: SqliteDatabase.Database, statements: TurnStatements): (turns: TurnValues[]) => boolean[] {
  // One source for the event loop and the worker thread (see above).
  return new Function('sqlite', 'sql', TURN_TRANSACTION_SOURCE)(sqlite, statements) as (turns: TurnValues[]) => boolean[];
}
