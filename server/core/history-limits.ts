/** How much history one question may carry: the API's limits, also applied to stored conversations and Slack threads. */
export const MAX_HISTORY_TURNS = 20;
export const MAX_HISTORY_CHARS = 16 * 1024;
