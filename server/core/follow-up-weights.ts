import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * How much of the previous turn a follow-up carries into its query (query-analysis.ts resolveQuestion): the new
 * question's own words weigh fully; the previous question's and the previous answer's words are added as context,
 * each scaled by its own weight here (0 = not carried). Fitted by `npm run fit:follow-up`, leave-one-corpus-out
 * (follow-up-weights.json); the defaults are the weights used before they were fitted.
 */
export interface FollowUpWeights {
  /** The previous question's words. */
  question: number;
  /** The previous answer's words (its [n] markers stripped). */
  answer: number;
  /** Whether a follow-up that names no pronoun and no ellipsis carries the previous turn too (1) or stands alone (0). */
  always: number;
  /** How much the sentences near the one the previous turn's words point at gain in the rank order (follow-up-anchor.ts); 0 = off. */
  proximity: number;
  /** How many sentences either side of that one gain. */
  span: number;
}

export const FOLLOW_UP_WEIGHTS_FILE = path.join(import.meta.dirname, 'follow-up-weights.json');

const DEFAULTS: FollowUpWeights = { question: 0.5, answer: 0.5, always: 0, proximity: 0, span: 1 };

let loaded: FollowUpWeights | undefined;

export function defaultFollowUpWeights(): FollowUpWeights {
  loaded ??= existsSync(FOLLOW_UP_WEIGHTS_FILE)
    ? { ...DEFAULTS, ...(JSON.parse(readFileSync(FOLLOW_UP_WEIGHTS_FILE, 'utf8')) as Partial<FollowUpWeights>) }
    : DEFAULTS;
  return loaded;
}
