import { MATCHED_BITS } from './sentence-evidence.js';

/**
 * Where in a sentence the question's words are: a sentence that says them close together (one clause)
 * answers more often than one that scatters them over a long list, and the answered subject tends to come
 * first. Ranking features only (sentence-ranking-model.ts), fitted like the others.
 */
export interface MatchSpan {
  /** Characters of the matched words over the characters from the first match to the end of the last: 1 = adjacent, 0 = nothing matched. */
  density: number;
  /** Where the first matched word starts, as a share of the sentence's length (1 when nothing matched). */
  position: number;
}

/** Nothing matched. */
export const NO_MATCH: MatchSpan = { density: 0, position: 1 };

/**
 * The span of the first occurrence of each of the question's own words (or the first of its alternatives the sentence
 * holds) in the compact sentence; `credited` says which words are worth looking for (bit w for word w, every word from
 * MATCHED_BITS on sharing the last bit: the ones the sentence was credited with, sentence-evidence.ts matchedWords).
 */
export function matchSpan(sentence: string, words: ReadonlyArray<{ term: string; alternatives?: readonly string[]; origin?: string }>, credited = -1): MatchSpan {
  let from = Infinity;
  let to = -1;
  let matched = 0;
  for (let w = 0; w < words.length; w++) {
    const { term, alternatives, origin } = words[w];
    if (origin === 'context' || origin === 'history' || (credited & (1 << Math.min(w, MATCHED_BITS))) === 0) continue;
    let at = sentence.indexOf(term);
    let length = term.length;
    if (at < 0 && alternatives) {
      for (const alt of alternatives) {
        at = sentence.indexOf(alt);
        if (at >= 0) {
          length = alt.length;
          break;
        }
      }
    }
    if (at < 0) continue;
    matched += length;
    from = Math.min(from, at);
    to = Math.max(to, at + length);
  }
  if (to < 0) return NO_MATCH;
  return { density: Math.min(1, matched / (to - from)), position: sentence.length ? from / sentence.length : 1 };
}
