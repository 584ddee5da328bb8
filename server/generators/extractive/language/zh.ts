import type { LanguagePack } from './language-pack.js';

export const zh: LanguagePack = {
  code: 'zh',
  refusal: '文档中没有提到这一点。',
  passagesHeading: '最接近的段落(不是答案)',
  subjectPronoun: /(该公司|这家公司|那家公司|该企业|这家企业|公司|他们|她们|它们|他|她|它|其)/,
  consequenceOpener: /^[\s“"]*(?:所以|因此|因而|故而|于是|正因如此|正因为如此|这就是为什么|这也是为什么|由此可见)/,
  // Digits read the same in both languages; a unit symbol (GB, MiB, %) too, an English noun ("35 languages") not.
  valueFromOtherLanguage: (value) => value.replace(/^([-\d.,]+)\s?([A-Za-z]{4,})$/, '$1'),
};
