import { sql, type Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import { parseCitations } from './turn-rows.js';
import type { KnowledgeGapReport, ReportRepository } from './report-repository.js';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(Number(ms)).toISOString();

/**
 * The cited passages of the messages in [since, until), one row per citation: a message's citations are a
 * JSON array column (migration 002), spread into rows by each dialect's own table function.
 */
const citedPassages = {
  sqlite: (since: number, until: number) => sql<CitedPassage>`(
    select json_extract(c.value, '$.docId') as doc_id, json_extract(c.value, '$.start') as start_offset,
      json_extract(c.value, '$.end') as end_offset, json_extract(c.value, '$.title') as title, json_extract(c.value, '$.quote') as quote
    from messages m, json_each(m.citations) c
    where m.created_at >= ${since} and m.created_at < ${until} and m.citations <> '[]')`,
  // json_to_recordset parses each message's array once (json_array_elements and ->> per field parse it again per field).
  postgres: (since: number, until: number) => sql<CitedPassage>`(
    select c."docId" as doc_id, c.start as start_offset, c."end" as end_offset, c.title, c.quote
    from messages m cross join lateral json_to_recordset(m.citations::json) as c("docId" text, start int, "end" int, title text, quote text)
    where m.created_at >= ${since} and m.created_at < ${until} and m.citations <> '[]')`,
};
interface CitedPassage {
  doc_id: string;
  start_offset: number;
  end_offset: number;
  title: string;
  quote: string;
}

/** Every list is one aggregate query over indexed columns; the same SQL runs on SQLite and PostgreSQL, but for spreading citations into rows. */
export function createKyselyReports(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): ReportRepository {
  return {
    async knowledgeGapReport({ since, until, limit = 50 }) {
      const inWindow = db.selectFrom('messages as m').where('m.created_at', '>=', since).where('m.created_at', '<', until);

      const totalsRow = await inWindow
        .select((eb) => [eb.fn.countAll<number>().as('questions'), eb.fn.sum<number>('m.answered').as('answered')])
        .executeTakeFirstOrThrow();
      const ratings = await db
        .selectFrom('feedback')
        .where('updated_at', '>=', since)
        .where('updated_at', '<', until)
        .groupBy('rating')
        .select((eb) => ['rating', eb.fn.countAll<number>().as('n')])
        .execute();

      const unanswered = await inWindow
        .where('m.answered', '=', 0)
        .groupBy('m.question_norm')
        .select((eb) => [
          'm.question_norm',
          eb.fn.min('m.question').as('question'),
          eb.fn.countAll<number>().as('count'),
          eb.fn.max('m.created_at').as('last'),
        ])
        .orderBy('count', 'desc')
        .orderBy('last', 'desc')
        .limit(limit)
        .execute();

      const downRows = await db
        .selectFrom('feedback as f')
        .innerJoin('messages as m', 'm.id', 'f.message_id')
        .where('f.rating', '=', 'down')
        .where('f.updated_at', '>=', since)
        .where('f.updated_at', '<', until)
        .select(['m.id', 'm.question', 'm.answer', 'm.citations', 'f.comment', 'f.updated_at', 'f.slack_user'])
        .orderBy('f.updated_at', 'desc')
        .limit(limit)
        .execute();

      // Integer division is integer in both dialects, so a UTC day number needs no date functions.
      const day = sql<number>`m.created_at / ${sql.lit(DAY_MS)}`;
      const perDay = await inWindow
        .select((eb) => [day.as('day'), eb.fn.countAll<number>().as('questions'), eb.fn.sum<number>(sql`1 - m.answered`).as('unanswered')])
        .groupBy(day)
        .orderBy(day)
        .execute();

      const passages = await db
        .selectFrom(citedPassages[dialect](since, until).as('c'))
        .groupBy(['c.doc_id', 'c.start_offset', 'c.end_offset'])
        .select((eb) => [
          'c.doc_id',
          'c.start_offset',
          'c.end_offset',
          eb.fn.min('c.title').as('title'),
          eb.fn.min('c.quote').as('quote'),
          eb.fn.countAll<number>().as('count'),
        ])
        .orderBy('count', 'desc')
        .orderBy('c.doc_id')
        .orderBy('c.start_offset')
        .limit(limit)
        .execute();

      const questions = Number(totalsRow.questions ?? 0);
      const answered = Number(totalsRow.answered ?? 0);
      const up = Number(ratings.find((r) => r.rating === 'up')?.n ?? 0);
      const down = Number(ratings.find((r) => r.rating === 'down')?.n ?? 0);
      const report: KnowledgeGapReport = {
        since: iso(since),
        until: iso(until),
        totals: { questions, answered, unanswered: questions - answered, up, down, satisfactionRate: up + down > 0 ? Math.round((up / (up + down)) * 1000) / 1000 : null },
        unanswered: unanswered.map((r) => ({ question: String(r.question), normalized: r.question_norm, count: Number(r.count), lastAskedAt: iso(Number(r.last)) })),
        downVoted: downRows.map((r) => ({
          messageId: r.id,
          question: r.question,
          answer: r.answer,
          comment: r.comment,
          ratedAt: iso(r.updated_at),
          slackUser: r.slack_user,
          citations: parseCitations(r.citations),
        })),
        perDay: perDay.map((r) => ({ day: iso(Number(r.day) * DAY_MS).slice(0, 10), questions: Number(r.questions), unanswered: Number(r.unanswered) })),
        topPassages: passages.map((r) => ({
          docId: r.doc_id,
          title: String(r.title),
          start: Number(r.start_offset),
          end: Number(r.end_offset),
          quote: String(r.quote),
          count: Number(r.count),
        })),
      };
      return report;
    },
  };
}
