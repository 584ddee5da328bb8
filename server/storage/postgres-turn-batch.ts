/**
 * PostgreSQL's batch writer: a whole batch in one statement, so one round trip and one implicit transaction
 * (all or nothing) whatever its size. The turns travel as arrays (unnest), so the statement's text never
 * changes with the batch size. Inside it: create the new conversations, read the owners of the others,
 * keep the turns whose owner matches, touch last-use times, insert the messages and their citations.
 * Foreign keys between the inserted rows are checked at the end of the statement, when all are there.
 */
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from './database-schema.js';
import { citationRows, messageRow, type TurnBatchWriter, type TurnToStore } from './turn-rows.js';

/** The statement's parameters for one batch, in the order the statement below uses them. */
function batchParameters(batch: TurnToStore[]): unknown[][] {
  const m = batch.map(messageRow);
  const c = batch.flatMap(citationRows);
  const col = <T, K extends keyof T>(rows: T[], key: K) => rows.map((r) => r[key]);
  return [
    batch.map((p) => p.conversation.id), batch.map((p) => p.owner), batch.map((p) => p.conversation.title), batch.map((p) => p.conversation.source),
    col(m, 'id'), col(m, 'question'), col(m, 'question_norm'), col(m, 'answer'), col(m, 'answered'), col(m, 'degraded'), col(m, 'created_at'),
    col(c, 'message_id'), col(c, 'n'), col(c, 'doc_id'), col(c, 'source'), col(c, 'title'), col(c, 'start_offset'), col(c, 'end_offset'), col(c, 'quote'),
  ];
}

// The conversations of this statement's snapshot exclude the ones it creates, so `owners` lists each once.
const batchStatement = (p: unknown[][]) => sql<BatchRow>`
  with t as (
    select * from unnest(
      ${p[0]}::text[], ${p[1]}::text[], ${p[2]}::text[], ${p[3]}::text[],
      ${p[4]}::text[], ${p[5]}::text[], ${p[6]}::text[], ${p[7]}::text[], ${p[8]}::int[], ${p[9]}::int[], ${p[10]}::bigint[]
    ) with ordinality as t(conversation_id, owner, title, source, message_id, question, question_norm, answer, answered, degraded, created_at, i)
  ),
  first_turn as (
    select distinct on (conversation_id) conversation_id, owner, title, source, created_at from t order by conversation_id, i
  ),
  created as (
    insert into conversations (id, owner, title, source, created_at, updated_at)
    select f.conversation_id, f.owner, f.title, f.source, f.created_at,
           (select max(t.created_at) from t where t.conversation_id = f.conversation_id and t.owner = f.owner)
    from first_turn f
    on conflict (id) do nothing
    returning id, owner
  ),
  owners as (
    select id, owner from created
    union all
    select c.id, c.owner from conversations c join first_turn f on f.conversation_id = c.id
  ),
  accepted as (
    select t.* from t join owners o on o.id = t.conversation_id and o.owner = t.owner
  ),
  touched as (
    update conversations c set updated_at = a.at
    from (select conversation_id, max(created_at) as at from accepted group by conversation_id) a
    where c.id = a.conversation_id and c.updated_at < a.at
  ),
  messages_in as (
    insert into messages (id, conversation_id, question, question_norm, answer, answered, degraded, created_at)
    select message_id, conversation_id, question, question_norm, answer, answered, degraded, created_at from accepted
  ),
  citations_in as (
    insert into citations (message_id, n, doc_id, source, title, start_offset, end_offset, quote)
    select * from unnest(
      ${p[11]}::text[], ${p[12]}::int[], ${p[13]}::text[], ${p[14]}::text[],
      ${p[15]}::text[], ${p[16]}::int[], ${p[17]}::int[], ${p[18]}::text[]
    ) as c(message_id, n, doc_id, source, title, start_offset, end_offset, quote)
    where c.message_id in (select message_id from accepted)
  )
  select t.i, o.owner = t.owner as ok from t left join owners o on o.id = t.conversation_id`;

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
  if (pool) {
    const sample = batchParameters([]);
    const compiled = batchStatement(sample).compile(db);
    if (compiled.parameters.length !== sample.length || compiled.parameters.some((p, i) => p !== sample[i])) {
      throw new Error('turn batch statement: parameters are not in batchParameters order');
    }
    const text = compiled.sql;
    run = async (batch) => (await pool.query<BatchRow>({ name: 'store-turn-batch', text, values: batchParameters(batch) })).rows;
  } else {
    run = async (batch) => (await batchStatement(batchParameters(batch)).execute(db)).rows;
  }

  const write = async (batch: TurnToStore[], retry: boolean): Promise<boolean[]> => {
    const rows = await run(batch);
    const ok = new Map(rows.map((r) => [Number(r.i) - 1, r.ok]));
    // No owner known: another transaction created the conversation after this statement's snapshot was taken
    // (its insert waited for that commit, then did nothing). A new statement sees it.
    const unresolved = batch.flatMap((_, k) => (ok.get(k) === null ? [k] : []));
    const retried = unresolved.length > 0 && retry ? await write(unresolved.map((k) => batch[k]), false) : [];
    unresolved.forEach((k, j) => ok.set(k, retried[j] ?? false));
    return batch.map((_, k) => ok.get(k) === true);
  };
  return (batch) => write(batch, true);
}
