/**
 * The knowledge-gap report as one CSV table (csv-stringify does the quoting), one row per item with a
 * `section` column: totals, unanswered, down_voted, per_day, top_passage. Opens as-is in a spreadsheet.
 */
import { createRequire } from 'node:module';
import type { KnowledgeGapReport } from '../storage/report-repository.js';

const COLUMNS = ['section', 'text', 'count', 'unanswered', 'date', 'comment', 'answer', 'sources'] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], string | number | null>>;

export function reportToCsv(r: KnowledgeGapReport): string {
  const rows: Row[] = [
    { section: 'totals', text: 'questions', count: r.totals.questions, unanswered: r.totals.unanswered, date: `${r.since}/${r.until}` },
    { section: 'totals', text: 'feedback up', count: r.totals.up },
    { section: 'totals', text: 'feedback down', count: r.totals.down },
    { section: 'totals', text: 'satisfaction rate', count: r.totals.satisfactionRate },
    ...r.unanswered.map((u) => ({ section: 'unanswered', text: u.question, count: u.count, date: u.lastAskedAt })),
    ...r.downVoted.map((d) => ({
      section: 'down_voted',
      text: d.question,
      date: d.ratedAt,
      comment: d.comment,
      answer: d.answer,
      sources: d.citations.map((c) => `[${c.n}] ${c.title || c.source} @${c.start}-${c.end}`).join('; '),
    })),
    ...r.perDay.map((d) => ({ section: 'per_day', date: d.day, count: d.questions, unanswered: d.unanswered })),
    ...r.topPassages.map((p) => ({ section: 'top_passage', text: p.quote, count: p.count, sources: `${p.title || p.docId} @${p.start}-${p.end}` })),
  ];
  // A leading BOM lets spreadsheet programs detect UTF-8 (the questions are often Chinese).
  // Loaded at the first CSV export (a few MB no question needs); CommonJS, so required synchronously.
  const { stringify } = createRequire(import.meta.url)('csv-stringify/sync') as typeof import('csv-stringify/sync');
  return '\uFEFF' + stringify(rows, { header: true, columns: [...COLUMNS], escape_formulas: true });
}
