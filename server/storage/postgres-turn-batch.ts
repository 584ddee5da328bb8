/**
 * PostgreSQL's batch writer: a whole batch in one statement, so one round trip and one implicit transaction
 * (all or nothing) whatever its size. The rows travel as two JSON parameters (json_to_recordset), so the
 * statement's text never changes with the batch size. Inside it: create the new conversations, read the owners of the others,
 * keep the turns whose owner matches, touch the others' last-use times, insert the messages (each with its
 * citations as a JSON column, nested in the turn's JSON: serialised once, stored as sent), and return the
 * turns it did not store. A batch whose turns all start conversations minted for them (the common case) has
 * a statement of its own with none of that: see newConversationsStatement.
 * A message is inserted only beside its conversation: created by the same statement, or locked by it (the
 * foreign key PostgreSQL would check row by row is not declared: migration 003).
 */
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from './database-schema.js';
import { conversationRow, messageFields, wellFormedJson, type TurnBatchWriter, type TurnToStore } from './turn-rows.js';

/**
 * The statement's two parameters for one batch, JSON texts: the batch's conversations (each once, with
 * its first turn's owner, title and source, created at its first turn and last used at that owner's latest
 * turn in the batch: worked out here rather than by the statement, which would scan the batch once per
 * conversation) and its turns (message rows with their citations, their conversation's owner and their
 * place in the batch). One JSON.stringify per batch costs the event loop a fraction of what pg's per-element
 * array quoting did (23 arrays), and PostgreSQL parses it as cheaply.
 */
function batchParameters(batch: TurnToStore[]): string[] {
  const conversations = new Map<string, { first: TurnToStore; lastAt: number }>();
  for (const p of batch) {
    const c = conversations.get(p.conversation.id);
    if (!c) conversations.set(p.conversation.id, { first: p, lastAt: p.turn.createdAt });
    else if (p.owner === c.first.owner && p.turn.createdAt > c.lastAt) c.lastAt = p.turn.createdAt;
  }
  const conv = [...conversations.values()].map(({ first, lastAt }) => ({ ...conversationRow(first, lastAt), minted: first.conversation.minted === true }));
  const turns = batch.map((p, k) => ({ ...messageFields(p), citations: p.turn.citations, owner: p.owner, i: k + 1 }));
  return [wellFormedJson(conv), wellFormedJson(turns)];
}

// `existing` reads the owners of the batch's conversations that were there before the statement (its
// snapshot excludes the ones it creates) through the primary key, whatever the planner thinks of the table's
// size: a generic plan made while the table was small scanned all of it per batch. It locks them FOR KEY SHARE,
// as a foreign key's check would (messages have none on PostgreSQL: migration 003): a conversation being
// deleted is either deleted after this commits (and its delete then takes these messages too) or is gone
// here (the turn comes back unresolved, and is retried).
// A conversation whose id was minted for its turn (every new conversation of the page and the API) is a
// plain insert: no look-up of the id first (ON CONFLICT's probe and its confirmation record in the WAL), and
// it is left out of `existing`. Its owner is the turn's own.
// Only the turns that were not stored come back (a foreign owner: ok false; none known: ok null), so a
// batch that stored everything returns no rows for pg to parse.
const batchStatement = (p: string[]) => sql<BatchRow>`
  with conv as (
    select * from json_to_recordset(${p[0]}::json)
      as conv(id text, owner text, title text, source text, created_at bigint, updated_at bigint, minted boolean)
  ),
  minted as (
    insert into conversations (id, owner, title, source, created_at, updated_at)
    select id, owner, title, source, created_at, updated_at from conv where minted
  ),
  created as (
    insert into conversations (id, owner, title, source, created_at, updated_at)
    select id, owner, title, source, created_at, updated_at from conv where not minted
    on conflict (id) do nothing
    returning id, owner
  ),
  existing as (
    select id, owner from conversations where id = any(array(select id from conv where not minted)) for key share
  ),
  owners as (
    select id, owner from conv where minted
    union all select id, owner from created
    union all select id, owner from existing
  ),
  t as (
    select * from json_to_recordset(${p[1]}::json) as t(
      id text, conversation_id text, question text, question_norm text, answer text, answered int, degraded int, created_at bigint, citations json, owner text, i int
    )
  ),
  accepted as (
    select t.* from t join owners o on o.id = t.conversation_id and o.owner = t.owner
  ),
  touched as (
    update conversations c set updated_at = a.at
    from (select t.conversation_id, max(t.created_at) as at from t join existing e on e.id = t.conversation_id and e.owner = t.owner group by t.conversation_id) a
    where c.id = a.conversation_id and c.updated_at < a.at
  ),
  messages_in as (
    insert into messages (id, conversation_id, question, question_norm, answer, answered, degraded, created_at, citations)
    select id, conversation_id, question, question_norm, answer, answered, degraded, created_at, citations::text from accepted
  )
  select t.i, o.owner = t.owner as ok from t left join owners o on o.id = t.conversation_id
  where o.owner is distinct from t.owner`;

/**
 * The common batch, every turn the first of a conversation whose id was minted for it (each question of the
 * page and the API that starts a conversation): nothing to look up, nothing to refuse, no last-use time to
 * touch, so one JSON parameter and two inserts. The general statement's plan (nine CTEs, joins, a sort) costs
 * the backend more to start than this one costs to run: 317 against 493 µs of backend CPU for a batch of one,
 * 195 against 264 µs per turn in batches of two (tests/bench/pg-turn-batch-cost.ts).
 */
function newConversationsParameter(batch: TurnToStore[]): string {
  return wellFormedJson(batch.map((p) => ({ ...messageFields(p), owner: p.owner, title: p.conversation.title, source: p.conversation.source, citations: p.turn.citations })));
}

const newConversationsStatement = (p: string) => sql`
  with t as materialized (
    select * from json_to_recordset(${p}::json) as t(
      id text, conversation_id text, owner text, title text, source text, question text, question_norm text, answer text, answered int, degraded int, created_at bigint, citations json
    )
  ),
  conv as (
    insert into conversations (id, owner, title, source, created_at, updated_at)
    select conversation_id, owner, title, source, created_at, created_at from t
  )
  insert into messages (id, conversation_id, question, question_norm, answer, answered, degraded, created_at, citations)
  select id, conversation_id, question, question_norm, answer, answered, degraded, created_at, citations::text from t`;

/** Whether every turn of the batch starts its own minted conversation (newConversationsStatement's case). */
function allNewConversations(batch: TurnToStore[]): boolean {
  const ids = new Set<string>();
  for (const p of batch) {
    if (!p.conversation.minted || ids.has(p.conversation.id)) return false;
    ids.add(p.conversation.id);
  }
  return true;
}

interface BatchRow {
  i: string;
  ok: boolean | null;
}

/**
 * `pool`: when given, the statement runs as a named prepared statement, so each connection parses and plans
 * it once rather than per batch; its text (built by Kysely) is compiled here once, and a batch only builds
 * its parameter arrays. Checked once: Kysely must list the parameters in batchParameters' order.
 */
export function createPostgresTurnBatchWriter(db: Kysely<Database>, pool?: pg.Pool): TurnBatchWriter {
  let run: (batch: TurnToStore[]) => Promise<BatchRow[]>;
  let runNew: (batch: TurnToStore[]) => Promise<unknown>;
  if (pool) {
    const sample = batchParameters([]);
    const compiled = batchStatement(sample).compile(db);
    const newSample = newConversationsParameter([]);
    const compiledNew = newConversationsStatement(newSample).compile(db);
    if (compiled.parameters.length !== sample.length || compiled.parameters.some((p, i) => p !== sample[i]) || compiledNew.parameters.length !== 1) {
      throw new Error('turn batch statement: parameters are not in batchParameters order');
    }
    const text = compiled.sql;
    run = async (batch) => (await pool.query<BatchRow>({ name: 'store-turn-batch', text, values: batchParameters(batch) })).rows;
    runNew = (batch) => pool.query({ name: 'store-new-conversations', text: compiledNew.sql, values: [newConversationsParameter(batch)] });
  } else {
    run = async (batch) => (await batchStatement(batchParameters(batch)).execute(db)).rows;
    runNew = (batch) => newConversationsStatement(newConversationsParameter(batch)).execute(db);
  }

  const write = async (batch: TurnToStore[], retry: boolean): Promise<boolean[]> => {
    // Every turn that does not come back was stored.
    const ok: Array<boolean | null> = batch.map(() => true);
    for (const r of await run(batch)) ok[Number(r.i) - 1] = r.ok;
    // No owner known: another transaction created the conversation after this statement's snapshot was taken
    // (its insert waited for that commit, then did nothing), or deleted it while this one waited for its lock.
    // A new statement sees it (or, deleted, creates it anew, as a follow-up's turn did with the declared key).
    const unresolved = batch.flatMap((_, k) => (ok[k] === null ? [k] : []));
    const retried = unresolved.length > 0 && retry ? await write(unresolved.map((k) => batch[k]), false) : [];
    unresolved.forEach((k, j) => (ok[k] = retried[j] ?? false));
    return ok.map((x) => x === true);
  };
  return async (batch) => {
    if (!allNewConversations(batch)) return write(batch, true);
    await runNew(batch);
    return batch.map(() => true);
  };
}
