/** 👍/👎 on answers: one rating per message and rater, the last one wins. */
export interface FeedbackRepository {
  /**
   * Stores (or replaces) a rating. With `conversationOwner`, the message must be in one of that owner's
   * conversations; returns false when the message does not exist (or is not theirs) and stores nothing.
   */
  give(feedback: NewFeedback, options?: { conversationOwner?: string }): Promise<boolean>;
}

export interface NewFeedback {
  messageId: string;
  /** The rater. */
  owner: string;
  rating: 'up' | 'down';
  comment?: string | null;
  slackUser?: string;
  slackChannel?: string;
  at: number;
}
