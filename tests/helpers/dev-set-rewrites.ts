/**
 * How a real model would rewrite the dev set's follow-ups into standalone questions. The fake
 * OpenAI server is not a language model, so evaluations through it script this one step.
 */
export const DEV_SET_REWRITES: Record<string, string> = {
  '那沐曦呢?': '沐曦股份三年累计亏损多少?',
};
