import { questionForCues } from '../../../core/question-words.js';
import { howTo } from './how-to.js';
import { list } from './list.js';
import { quantity } from './quantity.js';
import type { QuestionKind } from './question-kind.js';
import { when } from './when.js';
import { whatIs } from './what-is.js';
import { which } from './which.js';
import { whoSaid } from './who-said.js';
import { why } from './why.js';
import { yesNo } from './yes-no.js';

/** Every kind, in the order a question is tested against them: the first whose cues match is its kind. */
// How-to comes before list: "要做哪些步骤" asks for steps, not for a list of things.
export const KINDS: QuestionKind[] = [why, whoSaid, when, quantity, howTo, list, which, whatIs, yesNo];

export function kindOf(question: string): QuestionKind | undefined {
  // (As the cue lists read it: 為什麼 and 為甚麼 ask as 为什么 does.)
  const q = questionForCues(question);
  return KINDS.find((k) => k.asks.test(q));
}

export type { QuestionKind } from './question-kind.js';
