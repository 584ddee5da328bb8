/**
 * SQLite's batch writer: the statements are built by Kysely once, prepared once, and a batch runs as one
 * synchronous better-sqlite3 transaction (no promise per statement, no SQL compiled per call). Per turn
 * that is a few b-tree inserts (the citations are a column of the message); the commit (a WAL append, see open-database.ts) is shared by the batch.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import { acceptTurns, conversationRow, messageRow, type TurnBatchWriter, type TurnToStore } from './turn-rows.js';

/**
 * A prepared statement for a query Kysely compiled from `sample`, to be run with the values of rows built
 * the same way. Checked once: Kysely must have listed the parameters in the row's key order.
 */
function prepareFor<Row extends object>(sqlite: SqliteDatabase.Database, compiled: CompiledQuery, sample: Row): (row: Row) => SqliteDatabase.RunResult {
  const expected = Object.values(sample);
  if (compiled.parameters.length !== expected.length || compiled.parameters.some((p, i) => p !== expected[i])) {
    throw new Error(`statement parameters are not in row order: ${compiled.sql}`);
  }
  const statement = sqlite.prepare(compiled.sql);
  return (row) => statement.run(...Object.values(row));
}

export function createSqliteTurnBatchWriter(db: Kysely<Database>, sqlite: SqliteDatabase.Database): TurnBatchWriter {
  const sample: TurnToStore = {
    owner: 'o',
    conversation: { id: 'c', title: 't', source: 'web' },
    turn: { messageId: 'm', question: 'q', answer: 'a', answered: true, degraded: false, citations: [{ n: 1, docId: 'd', source: 's', title: 'T', start: 2, end: 3, quote: 'x' }], createdAt: 4 },
  };
  const convSample = conversationRow(sample, 5);
  const insertConversation = prepareFor(sqlite, db.insertInto('conversations').values(convSample).onConflict((oc) => oc.column('id').doNothing()).compile(), convSample);
  const msgSample = messageRow(sample);
  const insertMessage = prepareFor(sqlite, db.insertInto('messages').values(msgSample).compile(), msgSample);
  const ownerOf = sqlite.prepare(db.selectFrom('conversations').select('owner').where('id', '=', 'c').compile().sql).pluck();
  const touch = sqlite.prepare(db.updateTable('conversations').set({ updated_at: 0 }).where('id', '=', 'c').where('updated_at', '<', 0).compile().sql);

  const write = sqlite.transaction((batch: TurnToStore[]): boolean[] => {
    const owners = new Map<string, string>();
    const created = new Set<string>();
    for (const p of batch) {
      const id = p.conversation.id;
      if (owners.has(id)) continue;
      if (insertConversation(conversationRow(p)).changes === 1) {
        created.add(id);
        owners.set(id, p.owner);
      } else {
        owners.set(id, ownerOf.get(id) as string);
      }
    }
    const { stored, touch: lastUse } = acceptTurns(batch, owners, created);
    batch.forEach((p, i) => {
      if (stored[i]) insertMessage(messageRow(p));
    });
    for (const [id, at] of lastUse) touch.run(at, id, at);
    return stored;
  });

  // Through Kysely's connection lock: a Kysely transaction (feedback) that is open across an await on this
  // one connection must not have our batch nested inside it as a savepoint (it would then commit with it,
  // not before our answers are sent).
  return (batch) => db.connection().execute(async () => write(batch));
}
