import type { QuestionKind } from './question-kind.js';

export const whatIs: QuestionKind = {
  name: 'what-is',
  asks: /是什么|是啥|什么是|指什么|什么意思|含义|定义|作用是|\bwhat (?:is|are|does)\b|\bdefine\b|meaning of/i,
  answerCue: /是|指|称为|即|用于|负责|\b(?:is|are|means|refers to|stands for|called|used (?:to|for))\b/i,
};
