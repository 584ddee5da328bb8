import type { QuestionKind } from './question-kind.js';
import { WHY_QUESTION } from '../../../core/question-words.js';

export const why: QuestionKind = {
  name: 'why',
  ownValue: true,
  asks: WHY_QUESTION,
  answerCue: /因为|由于|因此|所以|为了|以便|以免|原因|导致|使得|从而|\b(?:because|since|so that|in order to|due to|therefore|thus|reasons?|to avoid|to allow|to prevent)\b/i,
};
