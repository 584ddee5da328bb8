import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
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

/** 1 when the sentence gives a reason (the why kind's answer cue) or states the consequence of the sentence before it. */
export function reasonCue(c: CandidateSentence): number {
  return why.answerCue!.test(c.text.normalize('NFKC')) ? 1 : 0;
}

export interface WhyWeights {
  /** Added to a sentence's ranking key when reasonCue is 1 and the question asks why. */
  reason: number;
  fitted?: Record<string, unknown>;
}

export const WHY_WEIGHTS_FILE = path.join(import.meta.dirname, 'why-weights.json');
let loaded: WhyWeights | undefined;

/** The committed weight (fitted by `npm run fit:how-to`, which fits both kinds' preferences), read once; 0 when none was adopted. */
export function whyWeights(): WhyWeights {
  if (!loaded) loaded = existsSync(WHY_WEIGHTS_FILE) ? (JSON.parse(readFileSync(WHY_WEIGHTS_FILE, 'utf8')) as WhyWeights) : { reason: 0 };
  return loaded;
}
