/**
 * How much one question may carry, whichever adapter it came through (REST, stream, /v1, Slack):
 * the answer service's input limits, so no adapter needs another adapter's schema to know them.
 */
export const MAX_QUESTION_CHARS = 2000;
export const MAX_HISTORY_TURNS = 20;
export const MAX_HISTORY_CHARS = 16 * 1024;
