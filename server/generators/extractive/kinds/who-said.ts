import type { QuestionKind } from './question-kind.js';

export const whoSaid: QuestionKind = {
  name: 'who-said',
  ownValue: true,
  asks: /谁(?:说|表示|认为|指出|提出|称|写|介绍)|(?:说|表示|认为|指出|称)[^。?？]*的是谁|哪位.{0,6}(?:说|表示|认为)|who (?:said|says|stated|wrote|claims|thinks)|according to whom/i,
  answerCue: /表示|认为|指出|称|说|坦言|直言|提到|介绍|\b(?:said|says|stated|according to|wrote|notes?)\b/i,
};
