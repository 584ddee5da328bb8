import type { Evidence } from './sentence-evidence.js';

/** How much a follow-up's sentences gain from being near where the conversation was (follow-up-weights.ts). */
export interface AnchorProximity {
  /** Added to the rank key of the anchor itself; 0 = off. */
  weight: number;
  /** How many sentences either side of the anchor still gain, linearly less with distance. */
  span: number;
}

/**
 * A follow-up usually asks about where the conversation was: the sentence the previous answer came from, or one
 * just before or after it ("And how do I undo that?" is the next option; "and exit code 1?" the line above; "why?"
 * the clause that follows). The anchor is the candidate sentence that itself says most of the words carried over
 * from the previous turn (Evidence.previousTurnShare; several when tied). Each sentence of the same document
 * within `span` sentences of an anchor gets weight × (1 − distance / (span + 1)); the rest 0. Only the rank
 * order uses it: the decision still judges the sentence's own coverage of the question.
 */
export function anchorCloseness(evidence: readonly Evidence[], { weight, span }: AnchorProximity): Map<Evidence, number> {
  const out = new Map<Evidence, number>();
  if (weight <= 0) return out;
  const best = Math.max(0, ...evidence.map((e) => e.previousTurnShare));
  if (best <= 0) return out;
  const anchors = evidence.filter((e) => e.previousTurnShare === best).map((e) => e.candidate);
  for (const e of evidence) {
    const distance = Math.min(...anchors.filter((a) => a.docId === e.candidate.docId).map((a) => Math.abs(a.sentence - e.candidate.sentence)));
    if (distance <= span) out.set(e, weight * (1 - distance / (span + 1)));
  }
  return out;
}
