import { describe, expect, it } from 'vitest';
import {
  CONSEQUENCE_OPENER_EN,
  CONSEQUENCE_OPENER_ZH,
  ONE_THING_PRONOUN,
  OPENS_WITH_PERSONAL_PRONOUN,
  PERIOD_REFERENCE,
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
    for (const t of ['其中 3 家…', '其他工具…', '他人的文件…', 'Items are listed below.', 'Heat is a problem.', 'Btrfs 被期望作为它的继任者。']) expect(OPENS_WITH_PERSONAL_PRONOUN.test(t)).toBe(false);
  });
  it('not the acronym IT, nor the "it" that stands for nothing ("It is possible to…", "It seems…")', () => {
    for (const t of ['IT staff may install Debian.', 'It is possible to install Debian from a USB stick.', "It's recommended to reboot.", 'It is not necessary to log in.', 'It seems that the disk is full.']) expect(OPENS_WITH_PERSONAL_PRONOUN.test(t)).toBe(false);
    expect(OPENS_WITH_PERSONAL_PRONOUN.test('It is a daemon that runs at boot.')).toBe(true);
  });
});

describe('a phrase pointing back at the previous question\'s time span', () => {
  const strip = (t: string) => t.replace(new RegExp(PERIOD_REFERENCE.source, 'gi'), '⟨⟩');
  it('is found where it ends an English question or is set off, and in Chinese', () => {
    expect(strip('And how much did it spend on R&D over those three years?')).toBe('And how much did it spend on R&D ⟨⟩?');
    expect(strip('And what was the figure for Cambricon that year?')).toBe('And what was the figure for Cambricon ⟨⟩?');
    expect(strip('同一时期它的营收一共有多少?')).toBe('⟨⟩它的营收一共有多少?');
    expect(strip('这三年研发花了多少?')).toBe('⟨⟩研发花了多少?');
  });
  it('not "at the same time" (simultaneously), not a noun it modifies, not inside a word, not a year-on-year baseline, not "recent years"', () => {
    for (const t of ['Can both daemons run at the same time?', 'Is that period character escaped?', '那不同年份的营收分别是多少?', '他相当年轻时做了什么?', '营收较去年同期增长了多少?', '这几年营收怎么样?', '那2024年的营收呢?']) expect(strip(t)).toBe(t);
  });
});

describe('a pronoun of one thing (ONE_THING_PRONOUN)', () => {
  it('is 它, 其, it, its as a word of its own', () => {
    for (const q of ['它的流行度呢?', '其大小是多少?', 'How large is it?', 'What is its size?', 'It ships where?']) expect(ONE_THING_PRONOUN.test(q), q).toBe(true);
  });
  it('not several (它们), not 其 in a word or a phrase that does not point back, not the acronym IT, not inside a word', () => {
    for (const q of ['它们的大小呢?', '其他的呢?', '其它版本呢?', '尤其是大小呢?', '极其重要吗?', '土耳其呢?', '及其依赖呢?', '其中哪个最大?', '沐曦的IT投入呢?', 'Which item is bigger?', 'Is this iterable?'])
      expect(ONE_THING_PRONOUN.test(q), q).toBe(false);
  });
});
