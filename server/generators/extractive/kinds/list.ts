import type { QuestionKind } from './question-kind.js';
import { LIST_REQUEST } from '../../../core/question-words.js';

export const list: QuestionKind = {
  name: 'list',
  asks: new RegExp(`哪些|哪几|哪[两二三四五六七八九十]\\s*[种个类项条款]|包括什么|包含什么|都有什么|${LIST_REQUEST.source}|\\blist\\b|what are the|which .* are|name the`, 'i'),
  answerCue: /、|,|，|;|；|以及|和|及|包括|如下|\b(?:following|includ(?:e|es|ing)|and|such as)\b/i,
};
