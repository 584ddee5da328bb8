import type { CandidateSentence } from '../../core/types.js';
import { spacelessLength } from './sentence-evidence.js';

/**
 * How much text one closest passage shows, in characters without spaces: the matched sentence and, while they fit,
 * its neighbours — two or three English sentences, four to six Chinese ones (a search snippet's length). A manual often
 * names its topic in one sentence and gives the detail in the next ("Controls how --color highlights." / "WHEN is
 * never, always, or auto."); a refusal that shows only the matched sentence hides the detail the asker came for.
 * A user-facing length, not fitted: a longer passage always shows more, so the bank cannot choose it.
 */
export const PASSAGE_CHARS = 240;

const size = (c: CandidateSentence) => spacelessLength(c.text);

/**
 * `core` (one sentence, or a how-to's explanation and steps, a why's reason and consequence: consecutive sentences
 * of one document) grown one sentence at a time, alternately the next one after it and the next one before it, while
 * the passage stays within `budget`. A section heading, another document, or a sentence an earlier passage already
 * shows (`taken`, by candidate id) ends the growth on that side: passages never overlap.
 */
export function withContext(
  core: CandidateSentence[],
  bySentence: ReadonlyMap<number, CandidateSentence>,
  taken: ReadonlySet<number> = new Set(),
  budget = PASSAGE_CHARS,
): CandidateSentence[] {
  const out = [...core];
  let used = out.reduce((n, c) => n + size(c), 0);
  const fits = (c: CandidateSentence | undefined): c is CandidateSentence =>
    c !== undefined && c.docId === out[0].docId && !c.isHeading && !taken.has(c.id) && used + size(c) <= budget;
  for (let grew = true; grew; ) {
    grew = false;
    const next = bySentence.get(out[out.length - 1].sentence + 1);
    if (fits(next)) {
      out.push(next);
      used += size(next);
      grew = true;
    }
    const before = bySentence.get(out[0].sentence - 1);
    if (fits(before)) {
      out.unshift(before);
      used += size(before);
      grew = true;
    }
  }
  return out;
}
