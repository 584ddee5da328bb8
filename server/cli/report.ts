/**
 * `npm run report -- [--since 7d] [--json|--csv]`: the knowledge-gap report from the conversation database
 * (the same one the server uses; it can run while the server runs: SQLite WAL readers never block the writer).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { reportToCsv } from '../core/report-csv.js';
import { reportWindow } from '../core/report-window.js';
import { isAppError } from '../errors.js';
import type { KnowledgeGapReport } from '../storage/report-repository.js';
import { openCliStorage } from './open-cli-storage.js';

const USAGE = 'usage: npm run report -- [--since 7d|24h|2026-01-31|all] [--json|--csv] [--limit 50]';

function text(r: KnowledgeGapReport): string {
  const t = r.totals;
  const pct = (x: number | null) => (x === null ? 'n/a (no ratings)' : `${Math.round(x * 100)}%`);
  const lines = [
    `Knowledge-gap report ${r.since.slice(0, 16)} – ${r.until.slice(0, 16)} (UTC)`,
    `Questions: ${t.questions} (answered ${t.answered}, not in the documents ${t.unanswered}); ratings 👍 ${t.up} 👎 ${t.down}; satisfaction ${pct(t.satisfactionRate)}`,
    '',
    'Questions the documents could not answer (most asked first):',
    ...(r.unanswered.length ? r.unanswered.map((u) => `  ${String(u.count).padStart(4)}×  ${u.question}   (last ${u.lastAskedAt.slice(0, 16)})`) : ['  none']),
    '',
    'Down-voted answers:',
    ...(r.downVoted.length
      ? r.downVoted.flatMap((d) => [
          `  Q: ${d.question}`,
          `  A: ${d.answer.replace(/\s+/g, ' ').slice(0, 200)}`,
          ...(d.comment ? [`  comment: ${d.comment}`] : []),
          ...d.citations.map((c) => `    [${c.n}] ${c.source} @${c.start}-${c.end}: ${c.quote.slice(0, 120)}`),
          `  (${d.ratedAt.slice(0, 16)}${d.slackUser ? `, Slack user ${d.slackUser}` : ''})`,
          '',
        ])
      : ['  none', '']),
    'Questions per day:',
    ...(r.perDay.length ? r.perDay.map((d) => `  ${d.day}  ${String(d.questions).padStart(5)}  (${d.unanswered} unanswered)`) : ['  none']),
    '',
    'Most cited passages:',
    ...(r.topPassages.length ? r.topPassages.map((p) => `  ${String(p.count).padStart(4)}×  ${p.docId} @${p.start}-${p.end}: ${p.quote.slice(0, 120)}`) : ['  none']),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({ options: { since: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'boolean' }, limit: { type: 'string' }, help: { type: 'boolean' } } }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) return void console.log(USAGE);
  const limit = args.limit === undefined ? 50 : Number(args.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    console.error(`--limit must be a whole number from 1 to 10000\n${USAGE}`);
    process.exit(2);
  }
  const config = loadConfig(process.env);
  const storage = await openCliStorage(config);
  try {
    const report = await storage.reports.knowledgeGapReport({ ...reportWindow(args.since, Date.now()), limit });
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : args.csv ? reportToCsv(report) : `${text(report)}\n`);
  } finally {
    await storage.close();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError || isAppError(error) || error instanceof Error ? error.message : error);
  process.exit(1);
});
