/**
 * `--since 7d` / `?since=7d`: a report window from a duration (m, h, d, w) or an ISO date, up to now.
 * Shared by `npm run report` and GET /api/admin/report.
 */
import { AppError } from '../errors.js';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
export const DEFAULT_SINCE = '7d';

export function reportWindow(since: string | undefined, now: number): { since: number; until: number } {
  const text = (since ?? DEFAULT_SINCE).trim();
  const duration = /^(\d{1,5})([mhdw])$/.exec(text);
  if (duration) return { since: now - Number(duration[1]) * UNIT_MS[duration[2]], until: now + 1 };
  if (text === 'all') return { since: 0, until: now + 1 };
  const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(text) ? Date.parse(text) : NaN;
  if (Number.isFinite(date)) return { since: date, until: now + 1 };
  throw new AppError('bad_request', `since must be a duration like 7d, 24h, 30m, 2w, a date like 2026-01-31, or "all" (got "${text.slice(0, 40)}").`, 400);
}
