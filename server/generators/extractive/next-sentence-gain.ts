import path from 'node:path';
import { fittedFile } from '../../shared/fitted-file.js';
import { scoreEvidence } from './sentence-evidence.js';
import type { AnalyzedQuery, CandidateSentence } from '../../core/types.js';

/**
 * The next sentence is quoted after the best one when the two together say at least `gain` more of the question's
 * weighted words than the best one alone: the question's words then fall on two adjacent sentences, and the answer is
 * often in the one that names what the best one only leads up to ("…默认配置是…" / the value; "…ships translated into:" / the
 * languages). The commonest miss on manuals was the supporting sentence right after the best match. The gain is fitted
 * by `npm run fit:next-gain` on the question bank, leave-one-corpus-out (next-gain.json); absent or null: never.
 */
export interface NextSentenceGain {
  /** Coverage the pair adds over the best sentence alone (0..1) at which the next sentence is quoted; null: never. */
  gain: number | null;
  /** How it was fitted — for people, not for the code. */
  fitted?: Record<string, unknown>;
}

export const NEXT_GAIN_FILE = path.join(import.meta.dirname, 'next-gain.json');
export const nextSentenceGain = fittedFile<NextSentenceGain>(NEXT_GAIN_FILE, { gain: null });

/** One question's setting: the fitted gain, and every candidate sentence's own coverage (scoreEvidence's, by candidate id). */
export interface NextQuote {
  gain: number | null;
  coverage: ReadonlyMap<number, number>;
}

/** `next` (the sentence after `c` in its document) says at least `quote.gain` of the question's weight that `c` does not. */
export function nextAddsCoverage(c: CandidateSentence, next: CandidateSentence, query: AnalyzedQuery, quote: NextQuote): boolean {
  const { gain } = quote;
  if (gain === null) return false;
  // What the pair adds are words of the next sentence: one that says no question word is not scored as a pair. (Not its
  // coverage under the gain: a match across the two sentences' junction or the heading's credit can add more than the
  // next sentence's own coverage — three bank answers changed with that bound; none with this one.)
  if ((quote.coverage.get(next.id) ?? 0) <= 0) return false;
  // The pair scored as one sentence: coverage credits each question word once, wherever in the pair it is.
  const [alone, pair] = scoreEvidence(query, [c, { ...c, text: `${c.text}${next.text}` }], { rankingFeatures: false });
  return pair.coverage - alone.coverage >= gain;
}
