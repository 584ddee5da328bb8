import type { Evidence } from './sentence-evidence.js';

/** How much a follow-up's sentences gain from being near where the conversation was (follow-up-weights.ts). */
export interface AnchorProximity {
  /** Added to the rank key of the anchor itself; 0 = off. */
  weight: number;
  /** How many sentences before the anchor (and after it, unless `after` says otherwise) still gain, linearly less with distance. */
  span: number;
  /** How many sentences after the anchor still gain, linearly less with distance (default: `span`). */
  after?: number;
}

/**
 * A follow-up usually asks about where the conversation was: the sentence the previous answer came from, or one
 * just before or after it ("And how do I undo that?" is the next option; "and exit code 1?" the line above; "why?"
 * the clause that follows). The anchor is the candidate sentence that itself says most of the words carried over
 * from the previous turn (Evidence.previousTurnShare; several when tied). A conversation mostly reads on: the
 * next step, the option after, what the text says next, so the reach after the anchor is fitted on its own
 * (`after`). Each sentence of the same document within `span` sentences before an anchor, or `after` sentences
 * after it, gets weight × (1 − distance / (reach + 1)), the most over the anchors; the rest 0. Only the rank order
 * uses it: the decision still judges the sentence's own coverage of the question.
 */
export function anchorCloseness(evidence: readonly Evidence[], { weight, span, after = span }: AnchorProximity): Map<Evidence, number> {
  const out = new Map<Evidence, number>();
  if (weight <= 0) return out;
  const best = Math.max(0, ...evidence.map((e) => e.previousTurnShare));
  if (best <= 0) return out;
  const anchors = evidence.filter((e) => e.previousTurnShare === best).map((e) => e.candidate);
  for (const e of evidence) {
    let gain = 0;
    for (const a of anchors) {
      if (a.docId !== e.candidate.docId) continue;
      const offset = e.candidate.sentence - a.sentence;
      const reach = offset > 0 ? after : span;
      const distance = Math.abs(offset);
      if (distance <= reach) gain = Math.max(gain, 1 - distance / (reach + 1));
    }
    if (gain > 0) out.set(e, weight * gain);
  }
  return out;
}
