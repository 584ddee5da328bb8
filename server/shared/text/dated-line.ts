import { MONTH_PREFIXES } from './english-months.js';

/**
 * A document's own date: a labelled date near its top ("日期:2025-07-12 14:51:48", "发布时间：2025 年 7 月 12 日",
 * "Published: July 12, 2025", "Date: 2025-07-12"). Read by ingest (the date the documents panel shows) and by the
 * answerer (the line a "when was this published?" answer cites): one definition. A date in prose ("北京时间 2025 年 7 月
 * 10 日，英伟达…", "On July 9, Nvidia…") is what the document reports, not its date: a label must open the line or follow
 * a space or a separator, and a bare 时间 is not one.
 */
const HEAD_CHARS = 2000;
const LABEL = String.raw`(?:日期|发布日期|发布时间|发表日期|发表时间|发表于|发布于|更新时间|更新于|date|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?)`;
const MONTH = String.raw`(${MONTH_PREFIXES.join('|')})[a-z]*\.?`;
// The month's number from its captured first three letters, in any case.
const monthNumber = (prefix: string) => MONTH_PREFIXES.findIndex((p) => p.toLowerCase() === prefix.toLowerCase()) + 1;
const DATE = String.raw`(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})|${MONTH}\s+(\d{1,2}),?\s+(\d{4})|(\d{1,2})\s+${MONTH}\s+(\d{4})`;
const DATED = new RegExp(String.raw`(?:^|[ \t|｜/·])${LABEL}[ \t]*[:：]?[ \t]*(?:${DATE})`, 'im');

const pad = (n: string | number) => String(n).padStart(2, '0');

/** The labelled date in the document's head: as YYYY-MM-DD, and where its label starts; null when there is none. */
export function datedLine(text: string): { iso: string; index: number } | null {
  // (Not normalised: the index is an offset into the document's own text.)
  const m = DATED.exec(text.slice(0, HEAD_CHARS));
  if (!m) return null;
  const [year, month, day] = m[1]
    ? [m[1], m[2], m[3]]
    : m[4]
      ? [m[6], monthNumber(m[4]), m[5]]
      : [m[9], monthNumber(m[8]), m[7]];
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) return null;
  // The label, not the separator before it (one character when there is one).
  const index = m.index + (/^[ \t|｜/·]/.test(m[0]) ? 1 : 0);
  return { iso: `${year}-${pad(month)}-${pad(day)}`, index };
}
