import type { CandidateSentence } from '../../core/types.js';
import { howToBonus } from './how-to-answer.js';
import { whyBonus } from './why-answer.js';
import type { QuestionKind } from './kinds/index.js';

/**
 * A question kind's preference among sentences that match it about equally: a how-to prefers a step of a
 * procedure or a sentence that names what to run or edit (how-to-answer.ts), a why one that gives a reason
 * (why-answer.ts); weights fitted leave-one-corpus-out by `npm run fit:how-to`.
 */
export type KindBonus = (c: CandidateSentence, bySentence: Map<number, CandidateSentence>) => number;

/** The kind's bonus, or undefined when the kind prefers nothing (every kind but how-to and why). */
export function kindBonus(kind: QuestionKind | undefined): KindBonus | undefined {
  if (kind?.name === 'how-to') return howToBonus;
  if (kind?.name === 'why') return (c) => whyBonus(c);
  return undefined;
}

/**
 * The evidence re-ordered by its ranking key (the first stage's: the score plus the fitted context share) plus the
 * kind's bonus (stable: ties keep their order). The scores themselves are left as they are: the decision reads them.
 */
export function preferByKind<T extends { candidate: CandidateSentence; score: number }>(
  ranked: T[],
  bonus: KindBonus | undefined,
  key: (e: T) => number = (e) => e.score,
): T[] {
  if (!bonus) return ranked;
  const bySentence = new Map(ranked.map((e) => [e.candidate.sentence, e.candidate]));
  return ranked
    .map((e) => ({ e, k: key(e) + bonus(e.candidate, bySentence) }))
    .sort((a, b) => b.k - a.k)
    .map(({ e }) => e);
}
