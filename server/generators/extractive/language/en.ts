import type { LanguagePack } from './language-pack.js';
import { valueInEnglish } from './english-values.js';

export const en: LanguagePack = {
  code: 'en',
  refusal: 'The documents do not say.',
  passagesHeading: 'Closest passages — not an answer',
  subjectPronoun: /\b(the company|this company|the firm|he|she|it|they|him|her|them|its|his)\b/i,
  consequenceOpener: /^[\s“"]*(?:so|therefore|thus|hence|consequently|as a result|for this reason|for that reason|that is why|this is why|that's why)\b/i,
  valueFromOtherLanguage: valueInEnglish,
};
