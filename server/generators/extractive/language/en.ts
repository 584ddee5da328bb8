import type { LanguagePack } from './language-pack.js';
import { valueInEnglish } from './english-values.js';
import { CONSEQUENCE_OPENER_EN, SUBJECT_REFERENCE_EN } from '../../../core/reference-words.js';

export const en: LanguagePack = {
  code: 'en',
  refusal: 'The documents do not say.',
  unsure: 'The documents do not say this clearly.',
  passagesHeading: 'Closest passages — not an answer',
  subjectPronoun: SUBJECT_REFERENCE_EN,
  consequenceOpener: CONSEQUENCE_OPENER_EN,
  valueFromOtherLanguage: valueInEnglish,
  leadWith: (value, subject) => `${subject ? `${subject}: ` : ''}${value} — `,
};
