import type { QuestionKind } from './question-kind.js';

export const yesNo: QuestionKind = {
  name: 'yes-no',
  ownValue: true,
  asks: /是否|是不是|有没有|能不能|可不可以|会不会|吗[?？]?\s*$|^(?:is|are|does|do|can|could|should|will|was|were|has|have)\b/i,
};
