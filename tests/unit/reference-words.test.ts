import { describe, expect, it } from 'vitest';
import {
  CONSEQUENCE_OPENER_EN,
  CONSEQUENCE_OPENER_ZH,
  OPENS_WITH_PERSONAL_PRONOUN,
  PRONOUN,
  PRONOUN_EN,
  REFERS_BACK,
  SUBJECT_REFERENCE_EN,
  SUBJECT_REFERENCE_ZH,
} from '../../server/core/reference-words.js';

describe('reference words: one list per language, every pattern built from it', () => {
  it('replaces the longest description a question uses, not a prefix of it', () => {
    expect('这家公司有多少员工?'.replace(PRONOUN, '摩尔线程')).toBe('摩尔线程有多少员工?');
    expect('此人是谁'.replace(PRONOUN, '张建中')).toBe('张建中是谁');
  });

  it('finds English pronouns and demonstratives only as whole words', () => {
    expect(PRONOUN_EN.test('What does it default to?')).toBe(true);
    expect(PRONOUN_EN.test('How do I fix that?')).toBe(true);
    expect(PRONOUN_EN.test('Which items are listed?')).toBe(false);
    expect(PRONOUN_EN.test('Whither thesis?')).toBe(false);
  });

  it('tells a sentence that continues the previous one', () => {
    for (const s of ['其中,营收最高的是…', '该方案需要 root 权限。', 'However, the default differs.', '“他还提出…', 'So the file is kept.'])
      expect(REFERS_BACK.test(s), s).toBe(true);
    for (const s of ['Sorting is stable.', 'Theory aside, run it.', '摩尔线程成立于 2020 年。']) expect(REFERS_BACK.test(s), s).toBe(false);
  });

  it('tells a sentence that names the document subject indirectly', () => {
    expect(SUBJECT_REFERENCE_ZH.test('公司共有员工 1126 名。')).toBe(true);
    expect(SUBJECT_REFERENCE_EN.test('Their revenue grew.')).toBe(true);
    expect(SUBJECT_REFERENCE_EN.test('Revenue grew.')).toBe(false);
  });

  it('tells a consequence opener, long forms included', () => {
    expect(CONSEQUENCE_OPENER_EN.test('For this reason, releases are not affected.')).toBe(true);
    expect(CONSEQUENCE_OPENER_EN.test('Sorting is stable.')).toBe(false);
    expect(CONSEQUENCE_OPENER_ZH.test('由此可见,融资并不容易。')).toBe(true);
    expect(CONSEQUENCE_OPENER_ZH.test('融资并不容易。')).toBe(false);
  });
});

describe('a sentence whose subject is a personal pronoun', () => {
  it('opens with 它/他们/it/they (after spaces or a quotation mark)', () => {
    for (const t of ['它被期望作为默认文件系统。', '  他们随后宣布…', '“它是…', 'It is expected to be the default.', 'Their default is 5.']) expect(OPENS_WITH_PERSONAL_PRONOUN.test(t)).toBe(true);
  });
  it('not 其中/其他, not a word that starts like a pronoun, not a pronoun inside the sentence', () => {
    for (const t of ['其中 3 家…', '其他工具…', 'Items are listed below.', 'Heat is a problem.', 'Btrfs 被期望作为它的继任者。']) expect(OPENS_WITH_PERSONAL_PRONOUN.test(t)).toBe(false);
  });
});
