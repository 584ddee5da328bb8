import path from 'node:path';
import { fittedFile } from '../../shared/fitted-file.js';
import type { Evidence } from './sentence-evidence.js';

/**
 * The runner-up quoted beside the best sentence when it is the best one's neighbour in the document and scores at
 * least `share` of it: the question's words then fall on two adjacent sentences, and the answer is often the one that
 * restates the question less ("The kernel error message … can be configured by setting its threshold level." /
 * "# dmesg -n3"; "…哪些子卷?" / the list after it). One paragraph quoted, not two places. The share is fitted by
 * `npm run fit:neighbour` on the question bank, leave-one-corpus-out (neighbour-share.json); absent or null: never.
 */
export interface NeighbourShare {
  /** The runner-up's evidence score over the best's at which it is quoted too; null: the neighbour is never added. */
  share: number | null;
  /** How it was fitted — for people, not for the code. */
  fitted?: Record<string, unknown>;
}

export const NEIGHBOUR_SHARE_FILE = path.join(import.meta.dirname, 'neighbour-share.json');
export const neighbourShare = fittedFile<NeighbourShare>(NEIGHBOUR_SHARE_FILE, { share: null });

/** The runner-up, when it sits right before or after the best sentence in the same document and scores at least `share` of it. */
export function quotedNeighbour(ranked: readonly Evidence[], share: number | null): Evidence | undefined {
  const [best, runnerUp] = ranked;
  if (share === null || !best || !runnerUp || best.score <= 0) return undefined;
  const a = best.candidate;
  const b = runnerUp.candidate;
  // (A heading is what the section is about, not part of the paragraph: the best sentence carries it as context already.)
  const beside = a.docId === b.docId && Math.abs(a.sentence - b.sentence) === 1 && a.text !== b.text && !b.isHeading;
  return beside && runnerUp.score > 0 && runnerUp.score >= share * best.score ? runnerUp : undefined;
}
