import type { AnalyzedQuery } from '../../server/core/types.js';
import type { CharMask } from '../../server/generators/extractive/char-mask.js';
import { compactWithMask, type Evidence } from '../../server/generators/extractive/sentence-evidence.js';
import { matcherOf } from '../../server/generators/extractive/term-matcher.js';
import { BIGRAM_PREFIX } from '../../server/shared/text/tokenizer.js';

/**
 * The decision's absentEverywhere feature by its definition: the heaviest of the question's own words that no
 * candidate sentence, heading or lead says, relative to the heaviest question word, matching every word against
 * every text again. The reference that sentence-evidence.ts's value (read from the credits it works out anyway)
 * is checked against.
 */
export function absentEverywhere(query: AnalyzedQuery, ranked: Evidence[]): number {
  const own = query.terms.filter((t) => t.origin === 'question' && !t.term.startsWith(BIGRAM_PREFIX));
  if (!own.length) return 0;
  const heaviest = Math.max(1e-6, ...own.map((t) => t.weight));
  // Each distinct sentence, heading and lead once (a section's sentences share one heading string).
  const seen = new Set<string>();
  const texts: string[] = [];
  const masks: CharMask[] = [];
  const add = (text: string | undefined) => {
    if (!text || seen.has(text)) return;
    seen.add(text);
    const form = compactWithMask(text);
    texts.push(form.compact);
    masks.push(form.mask);
  };
  for (const e of ranked) {
    add(e.candidate.text);
    add(e.candidate.heading);
    add(e.candidate.lead);
  }
  let out = 0;
  for (const t of own) {
    if (t.weight / heaviest <= out) continue;
    const match = matcherOf(t.term, t.alternatives);
    if (!texts.some((s, i) => match(s, masks[i]) > 0)) out = t.weight / heaviest;
  }
  return out;
}
