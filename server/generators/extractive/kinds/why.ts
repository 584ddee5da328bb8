import type { QuestionKind } from './question-kind.js';

export const why: QuestionKind = {
  name: 'why',
  asks: /为什么|为何|为啥|什么原因|原因是|何故|怎么会|目的|\bwhy\b|what (?:is|was) the reason|for what purpose|how come/i,
  answerCue: /因为|由于|因此|所以|为了|以便|以免|原因|导致|使得|从而|\b(?:because|since|so that|in order to|due to|therefore|thus|reasons?|to avoid|to allow|to prevent)\b/i,
};
