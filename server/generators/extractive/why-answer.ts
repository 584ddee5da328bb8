import { REFERS_BACK } from '../../core/reference-words.js';
import type { CandidateSentence } from '../../core/types.js';
import { why } from './kinds/why.js';
import { en } from './language/en.js';
import { zh } from './language/zh.js';

/**
 * What answers a "why": a sentence that gives a reason ("…to avoid conflict with ifupdown", "以免…", "因为…"),
 * or — when the sentence that best matches the question states a consequence ("So binary data … are encoded",
 * "所以 Debian 上的许多系统维护脚本使用 perl。") — the sentence before it, which gives the reason.
 */

const CONSEQUENCE_OPENERS = [zh.consequenceOpener, en.consequenceOpener];

/** The sentence before `c` when `c` opens as its consequence (language packs' consequenceOpener); only candidates count. */
export function reasonBefore(c: CandidateSentence, bySentence: Map<number, CandidateSentence>): CandidateSentence | undefined {
  const text = c.text.normalize('NFKC');
  if (!CONSEQUENCE_OPENERS.some((r) => r.test(text))) return undefined;
  const before = bySentence.get(c.sentence - 1);
  // (A heading states no reason; neither does a sentence of another document.)
  if (!before || before.docId !== c.docId || before.isHeading) return undefined;
  return before;
}

/** The sentence gives a reason: it carries the why kind's answer cue. */
export const givesReason = (c: CandidateSentence) => why.answerCue!.test(c.text.normalize('NFKC'));

/**
 * The sentence after `c` that goes on about it, when `c` gives no reason of its own: "Do not … without rescue
 * media. It makes you boot …". A why answered by `c` quotes it too.
 */
export function reasonAfter(c: CandidateSentence, bySentence: Map<number, CandidateSentence>): CandidateSentence | undefined {
  const next = bySentence.get(c.sentence + 1);
  if (!next || next.docId !== c.docId || givesReason(c) || !REFERS_BACK.test(next.text)) return undefined;
  return next;
}

/**
 * 1 when the sentence gives a reason (the why kind's answer cue). Measured by `npm run fit:how-to` as a ranking
 * preference for why questions and not adopted: held-out recall@1 61 → 68/96 at weight 0.3, but the decision refitted
 * on that order answered more wrongly leave-one-corpus-out (547/1095 correct, 48 confidently wrong without it; 555, 53
 * with it), the article's why questions being answered by sentences without a cue word.
 */
export function reasonCue(c: CandidateSentence): number {
  return givesReason(c) ? 1 : 0;
}
