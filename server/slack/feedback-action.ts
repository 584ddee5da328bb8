/**
 * The 👍/👎 buttons (Bolt interactivity): stores the rating with the Slack user and channel, one per
 * answer and user (the last click wins), and confirms privately to the clicker.
 */
import type { Logger } from 'pino';
import type { FeedbackRepository } from '../storage/feedback-repository.js';
import { buildNoticeMessage } from './answer-blocks.js';
import { postToResponseUrl, type FetchLike } from './response-url.js';

export const FEEDBACK_THANKS = { up: 'Thanks! Marked as helpful.', down: 'Thanks. Marked as wrong or unhelpful; the document owners will see it in their report.' } as const;
export const FEEDBACK_GONE_TEXT = 'That answer is no longer stored, so it cannot be rated.';
export const FEEDBACK_FAILED_TEXT = 'Sorry, your rating could not be saved. Please try again in a moment.';

export interface FeedbackActionPayload {
  messageId: string;
  rating: 'up' | 'down';
  userId: string;
  channelId?: string;
  responseUrl?: string;
}

export interface FeedbackActionDeps {
  feedback: FeedbackRepository;
  logger: Logger;
  fetch: FetchLike;
  clock: () => number;
}

export async function handleFeedbackAction(action: FeedbackActionPayload, deps: FeedbackActionDeps): Promise<void> {
  let reply: string;
  try {
    const stored = await deps.feedback.give({
      messageId: action.messageId,
      owner: `slack:${action.userId}`,
      rating: action.rating,
      slackUser: action.userId,
      slackChannel: action.channelId,
      at: deps.clock(),
    });
    reply = stored ? FEEDBACK_THANKS[action.rating] : FEEDBACK_GONE_TEXT;
  } catch (err) {
    deps.logger.error({ err }, 'slack: could not store feedback');
    reply = FEEDBACK_FAILED_TEXT;
  }
  if (!action.responseUrl) return;
  await postToResponseUrl(deps.fetch, action.responseUrl, { response_type: 'ephemeral', replace_original: false, ...buildNoticeMessage(reply) }).catch((err: unknown) =>
    deps.logger.warn({ err }, 'slack: could not confirm the rating'),
  );
}
