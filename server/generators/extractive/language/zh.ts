import type { LanguagePack } from './language-pack.js';
import { CONSEQUENCE_OPENER_ZH, SUBJECT_REFERENCE_ZH } from '../../../core/reference-words.js';

export const zh: LanguagePack = {
  code: 'zh',
  refusal: '文档中没有提到这一点。',
  unsure: '文档中没有明确说到这一点。',
  passagesHeading: '最接近的段落(不是答案)',
  subjectPronoun: SUBJECT_REFERENCE_ZH,
  consequenceOpener: CONSEQUENCE_OPENER_ZH,
  // Digits read the same in both languages; a unit symbol (GB, MiB, %) too, an English noun ("35 languages") not.
  valueFromOtherLanguage: (value) => value.replace(/^([-\d.,]+)\s?([A-Za-z]{4,})$/, '$1'),
  leadWith: (value, subject) => `${subject ? `${subject}:` : ''}${value}。`,
};
