/**
 * Why answerable bank questions whose supporting sentence the answerer ranks first are still not counted correct,
 * from two runs of the bank: as shipped, and with every question answered by its best sentence (`--force-answer`).
 * A question the forced run gets right was lost to the answer-or-refuse decision (decision.ts); one it gets wrong
 * was lost in building the answer (the expected value cut out of the quote, the evidence not cited).
 */
export interface ReportedCase {
  set: string;
  corpus: string;
  id: string;
  kind: string;
  answerable: boolean;
  outcome: string;
  problems: string[];
  evidenceRank: number;
}

export const REFUSED_BY_DECISION = 'refused by the decision (the forced answer is correct)';

/** What went wrong in a forced answer, in words. */
function lostInBuilding(c: ReportedCase): string {
  return c.problems
    .map((p) => (p.startsWith('answer lacks') ? 'expected value not in the answer text' : p.startsWith('no citation') ? 'evidence not cited' : p))
    .join(' + ');
}

/** The rank-one misses of the shipped run, grouped by why (largest group first). */
export function rankOneMisses(shipped: ReportedCase[], forced: ReportedCase[]): Array<{ why: string; cases: ReportedCase[] }> {
  const forcedByCase = new Map(forced.map((c) => [`${c.set}/${c.id}`, c]));
  const groups = new Map<string, ReportedCase[]>();
  for (const c of shipped) {
    if (!c.answerable || c.evidenceRank !== 1 || c.outcome === 'correct') continue;
    const f = forcedByCase.get(`${c.set}/${c.id}`);
    const why = !f
      ? 'not in the forced run'
      : f.outcome === 'correct'
        ? c.outcome === 'refused-answerable'
          ? REFUSED_BY_DECISION
          : 'answered otherwise than forced'
        : `${c.outcome === 'refused-answerable' ? 'refused' : 'answered'}; forced answer wrong: ${lostInBuilding(f)}`;
    groups.set(why, [...(groups.get(why) ?? []), c]);
  }
  return [...groups].map(([why, cases]) => ({ why, cases })).sort((a, b) => b.cases.length - a.cases.length);
}
