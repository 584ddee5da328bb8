import type { QuestionKind } from './question-kind.js';

export const which: QuestionKind = {
  name: 'which',
  asks: /哪家|哪个|哪款|哪种|哪类|哪一|哪位|\bwhich\b|what (?:package|file|command|program|tool|option|company|kind)/i,
};
