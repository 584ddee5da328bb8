import type { QuestionKind } from './question-kind.js';

export const list: QuestionKind = {
  name: 'list',
  asks: /哪些|哪几|哪[两二三四五六七八九十]\s*[种个类项条款]|包括什么|包含什么|都有什么|列出|列举|\blist\b|what are the|which .* are|name the/i,
  answerCue: /、|,|，|;|；|以及|和|及|包括|如下|\b(?:following|includ(?:e|es|ing)|and|such as)\b/i,
};
