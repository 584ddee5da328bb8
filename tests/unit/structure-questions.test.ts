import { describe, expect, it } from 'vitest';
import { asksForTitle } from '../../server/core/structure-questions.js';

describe('title questions', () => {
  it.each([
    ['这篇文章的标题是什么?', true],
    ['What is the title of the article?', true],
    ['那文件里需要有标题行吗?', false],
    ['How do I hide the title bar?', false],
  ])('%s → %s', (q, asks) => {
    expect(asksForTitle(q)).toBe(asks);
  });
});
