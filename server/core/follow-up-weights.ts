import path from 'node:path';
import { fittedFile } from '../shared/fitted-file.js';

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
  /**
   * Whether the follow-ups the Chinese pronoun and ellipsis cues miss carry the previous turn (1) or stand alone (0): an
   * English "And X?" or pronoun, a Chinese demonstrative (这类产品, query-analysis.ts demonstrativePointsBack), or a
   * follow-up with no reference word at all.
   */
  always: number;
  /** How much the sentences near the one the previous turn's words point at gain in the rank order (follow-up-anchor.ts); 0 = off. */
  proximity: number;
  /** How many sentences before that one gain (and after it, in a file fitted before `after` existed: then `after` is 1, as `span` was). */
  span: number;
  /**
   * How many sentences after it gain (a conversation mostly reads on: the next step, the option after); fitted on its
   * own, since the bank's supporting sentence follows the anchor far more often than it precedes it.
   */
  after: number;
}

export const FOLLOW_UP_WEIGHTS_FILE = path.join(import.meta.dirname, 'follow-up-weights.json');

const DEFAULTS: FollowUpWeights = { question: 0.5, answer: 0.5, always: 0, proximity: 0, span: 1, after: 1 };

const fitted = fittedFile<Partial<FollowUpWeights>>(FOLLOW_UP_WEIGHTS_FILE, {});
let weights: FollowUpWeights | undefined;

/** The fitted weights, read once; a weight the file lacks keeps its default. */
export function defaultFollowUpWeights(): FollowUpWeights {
  return (weights ??= { ...DEFAULTS, ...fitted() });
}
