import path from 'node:path';
import { REFERS_BACK } from '../../core/reference-words.js';
import { fittedFile } from '../../shared/fitted-file.js';
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
 * 1 when the sentence gives a reason (the why kind's answer cue): a why question prefers such a sentence among those
 * that match it about equally, by a weight `npm run fit:how-to` fits leave-one-corpus-out (why-weights.json).
 * Session 5 measured it on 96 why questions and left it out (held-out recall@1 61 → 68/96, but the decision refitted on
 * that order answered more wrongly: 555/53 against 547/48). Session 19, over 419: held-out recall@1 263 → 290/419 at
 * 0.3, forced answers 3038 → 3054 of 4071, and the decision refitted on that order better leave-one-corpus-out
 * (2142 correct / 175 wrong against 2133 / 179) — adopted.
 */
export function reasonCue(c: CandidateSentence): number {
  return givesReason(c) ? 1 : 0;
}

export interface WhyWeights {
  /** Added to a sentence's ranking key when reasonCue is 1 and the question asks why. */
  reason: number;
  fitted?: Record<string, unknown>;
}

export const WHY_WEIGHTS_FILE = path.join(import.meta.dirname, 'why-weights.json');
/** The committed weight (fitted by `npm run fit:how-to`), read once; 0 when none was adopted. */
export const whyWeights = fittedFile<WhyWeights>(WHY_WEIGHTS_FILE, { reason: 0 });

/** What a why question adds to a sentence's ranking key: the fitted weight times its reason cue. */
export function whyBonus(c: CandidateSentence, w: WhyWeights = whyWeights()): number {
  return w.reason ? w.reason * reasonCue(c) : 0;
}
