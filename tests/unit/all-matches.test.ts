import { describe, expect, it } from 'vitest';
import { allMatches } from '../../server/shared/text/all-matches.js';

describe('all matches of a global pattern', () => {
  it('are what matchAll gives: groups, indexes, empty matches, code points under the u flag', () => {
    const cases: Array<[RegExp, string]> = [
      [/(\d+)(年)?/g, '2022 年至 2024年, 第 3 季度'],
      [/[,，;；]/g, '累计经历 8 轮融资,其估值已达 210.71 亿元;'],
      [/x*/g, 'axxbx'],
      [/(?:)/gu, 'a😀b'],
      [/(?<=\S\s+)[A-Z][\w-]*/g, 'What does Moore Threads make?'],
      [/\p{Lu}/gu, 'no capitals'],
    ];
    for (const [pattern, text] of cases) {
      const expected = [...text.matchAll(pattern)].map((m) => ({ all: [...m], index: m.index }));
      expect(allMatches(pattern, text).map((m) => ({ all: [...m], index: m.index })), `${pattern}`).toEqual(expected);
    }
  });

  it('starts where the pattern\'s lastIndex says, as matchAll does, and leaves it there', () => {
    const pattern = /\d/g;
    pattern.lastIndex = 2;
    expect(allMatches(pattern, '1a2b3').map((m) => m[0])).toEqual([...'1a2b3'.matchAll(pattern)].map((m) => m[0]));
    expect(pattern.lastIndex).toBe(2);
  });

  it('refuses a pattern without the g flag, as matchAll does', () => {
    expect(() => allMatches(/\d/, '1')).toThrow(TypeError);
  });
});
