/**
 * SQLite's batch writer: the statements are built by Kysely once and prepared once, and a batch runs as one
 * synchronous better-sqlite3 transaction (sqlite-turn-transaction.ts: no promise per statement, no SQL
 * compiled per call). Per turn that is a few b-tree inserts; the commit (a WAL append, see open-database.ts)
 * is shared by the batch. Where the transaction runs: on the event loop until writes are sustained; then in
 * the SQLite worker thread (sqlite-checkpointer.ts), so the event loop only hands rows over and the
 * ~20–30 µs per turn of b-tree and WAL work (issue 12 notes in tests/bench/README.md) runs on another core.
 * A turn is acknowledged only once the transaction holding it has committed, wherever it ran.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import { createTurnTransaction, type TurnStatements, type TurnValues } from './sqlite-turn-transaction.js';
import { citationRows, conversationRow, messageRow, type TurnBatchWriter, type TurnToStore } from './turn-rows.js';

/** Checked once: Kysely must have listed the parameters in the row's key order (the rows travel as values). */
function inRowOrder<Row extends object>(compiled: CompiledQuery, sample: Row): string {
  const expected = Object.values(sample);
  if (compiled.parameters.length !== expected.length || compiled.parameters.some((p, i) => p !== expected[i])) {
    throw new Error(`statement parameters are not in row order: ${compiled.sql}`);
  }
  return compiled.sql;
}

/** The transaction's statements, compiled by Kysely from sample rows built as turnValues builds them. */
export function turnStatements(db: Kysely<Database>): TurnStatements {
  const sample: TurnToStore = {
    owner: 'o',
    conversation: { id: 'c', title: 't', source: 'web' },
    turn: { messageId: 'm', question: 'q', answer: 'a', answered: true, degraded: false, citations: [{ n: 1, docId: 'd', source: 's', title: 'T', start: 2, end: 3, quote: 'x' }], createdAt: 4 },
  };
  const conversation = conversationRow(sample, 5);
  const message = messageRow(sample);
  const citation = citationRows(sample)[0];
  return {
    insertConversation: inRowOrder(db.insertInto('conversations').values(conversation).onConflict((oc) => oc.column('id').doNothing()).compile(), conversation),
    ownerOf: db.selectFrom('conversations').select('owner').where('id', '=', 'c').compile().sql,
    insertMessage: inRowOrder(db.insertInto('messages').values(message).compile(), message),
    insertCitation: inRowOrder(db.insertInto('citations').values(citation).compile(), citation),
    touch: db.updateTable('conversations').set({ updated_at: 0 }).where('id', '=', 'c').where('updated_at', '<', 0).compile().sql,
  };
}

export const turnValues = (p: TurnToStore): TurnValues => [Object.values(conversationRow(p)), Object.values(messageRow(p)), citationRows(p).map((c) => Object.values(c))];

/** Where a batch can run off the event loop: the worker's write, or undefined while no worker runs. */
export type BackgroundTurnWriter = () => ((turns: TurnValues[]) => Promise<boolean[]>) | undefined;

export function createSqliteTurnBatchWriter(db: Kysely<Database>, sqlite: SqliteDatabase.Database, background: BackgroundTurnWriter = () => undefined): TurnBatchWriter {
  const write = createTurnTransaction(sqlite, turnStatements(db));
  return (batch) => {
    const turns = batch.map(turnValues);
    const inWorker = background();
    if (inWorker) return inWorker(turns);
    // Through Kysely's connection lock: a Kysely transaction that is open across an await on this one
    // connection must not have our batch nested inside it as a savepoint (it would then commit with it, not
    // before our answers are sent).
    return db.connection().execute(async () => write(turns));
  };
}
