/**
 * 👍/👎 buttons under a stored answer (Block Kit actions); the button value is the answer's messageId,
 * which is all the interactivity handler needs to find it in the database.
 */
import type { types } from '@slack/bolt';

export const FEEDBACK_UP_ACTION_ID = 'answer_feedback_up';
export const FEEDBACK_DOWN_ACTION_ID = 'answer_feedback_down';
export const FEEDBACK_BLOCK_ID = 'answer_feedback';

export function feedbackBlock(messageId: string): types.KnownBlock {
  return {
    type: 'actions',
    block_id: FEEDBACK_BLOCK_ID,
    elements: [
      { type: 'button', action_id: FEEDBACK_UP_ACTION_ID, text: { type: 'plain_text', text: '👍 Helpful', emoji: true }, value: messageId },
      { type: 'button', action_id: FEEDBACK_DOWN_ACTION_ID, text: { type: 'plain_text', text: '👎 Wrong or unhelpful', emoji: true }, value: messageId },
    ],
  };
}
