import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import TS_PHRASES from 'opencc-js/dict/TSPhrases';
import { hasTraditional, toSimplified } from '../../server/shared/text/traditional-chinese.js';

/**
 * toSimplified skips the converter (and does not load it) for text it would not change. That shortcut
 * must be exact: checked here against the full OpenCC converter of the package's default build.
 */
const OpenCC = createRequire(import.meta.url)('opencc-js') as typeof import('opencc-js');
const reference = OpenCC.Converter({ from: 't', to: 'cn' });

const CJK_RANGES: Array<[number, number]> = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0x20000, 0x2fa1f],
];

describe('traditional → simplified', () => {
  it('converts what OpenCC converts', () => {
    expect(toSimplified('摩爾線程的員工有多少?')).toBe('摩尔线程的员工有多少?');
    expect(toSimplified('反覆思量')).toBe(reference('反覆思量'));
    expect(toSimplified('這個軟體很好用')).toBe(reference('這個軟體很好用'));
  });

  it('skips exactly the characters the converter leaves alone (every CJK character, one by one)', () => {
    const wrong: string[] = [];
    for (const [from, to] of CJK_RANGES) {
      for (let cp = from; cp <= to; cp++) {
        const c = String.fromCodePoint(cp);
        const converted = reference(c);
        // Skipped (no converter) only where the converter would return the character unchanged.
        if (toSimplified(c) !== converted || (!hasTraditional(c) && converted !== c)) wrong.push(c);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('agrees with the converter on every OpenCC phrase and on mixed text', () => {
    const phrases = TS_PHRASES.split('|').map((e) => e.split(' ')[0]);
    for (const p of phrases) expect(toSimplified(`问${p}题`)).toBe(reference(`问${p}题`));
    // The skip is found by table, not by one pattern: a phrase the converter changes is found wherever it starts.
    for (const p of phrases) for (const text of [p, `问${p}`, `问题${p}题`]) if (reference(text) !== text) expect(hasTraditional(text)).toBe(true);
    const pieces = ['摩尔线程', '摩爾線程', '反覆', '反复', '什么', '2024 年', 'RTX 3060', '估值', '員工', '乾燥', '干', '么', '覆盖'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        expect(toSimplified(text)).toBe(reference(text));
      }),
      { numRuns: 300 },
    );
  });

  it('returns simplified-only text as is', () => {
    const text = '沐曦股份的估值是多少?摩尔线程有多少名员工?';
    expect(hasTraditional(text)).toBe(false);
    expect(toSimplified(text)).toBe(text);
  });
});

