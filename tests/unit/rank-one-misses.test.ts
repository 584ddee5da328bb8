import { describe, expect, it } from 'vitest';
import { rankOneMisses, REFUSED_BY_DECISION, type ReportedCase } from '../../server/eval/rank-one-misses.js';

const c = (id: string, outcome: string, evidenceRank: number, problems: string[] = [], answerable = true): ReportedCase => ({
  set: 's-w1',
  corpus: 's',
  id,
  kind: 'fact',
  answerable,
  outcome,
  problems,
  evidenceRank,
});

describe('rank-one misses', () => {
  it('tells refusals by the decision from answers that lose the value, and leaves other questions out', () => {
    const shipped = [
      c('refused-right', 'refused-answerable', 1, ['refused']),
      c('cut', 'refused-answerable', 1, ['refused']),
      c('correct', 'correct', 1),
      c('rank-two', 'refused-answerable', 2, ['refused']),
      c('unanswerable', 'refused-correctly', 0, [], false),
    ];
    const forced = [
      c('refused-right', 'correct', 1),
      c('cut', 'confidently-wrong', 1, ['answer lacks 30', 'no citation quotes "x"']),
      c('correct', 'correct', 1),
      c('rank-two', 'confidently-wrong', 2, ['answer lacks 1']),
      c('unanswerable', 'confidently-wrong', 0, [], false),
    ];
    const groups = rankOneMisses(shipped, forced);
    expect(groups.map((g) => [g.why, g.cases.map((x) => x.id)])).toEqual([
      [REFUSED_BY_DECISION, ['refused-right']],
      ['refused; forced answer wrong: expected value not in the answer text + evidence not cited', ['cut']],
    ]);
  });
});
