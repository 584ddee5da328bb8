import { describe, expect, it } from 'vitest';
import { EAST_ASIAN_SCRIPTS_RANGE, HAN_RANGE, hasHan } from '../../server/shared/text/char-classes.js';
import { STOP_WORDS } from '../../server/shared/text/stop-words.js';
import { tokenize } from '../../server/shared/text/tokenizer.js';

describe('character classes', () => {
  it('HAN_RANGE covers unified ideographs, Extension A and the compatibility block, and nothing else', () => {
    const han = new RegExp(`^[${HAN_RANGE}]+$`);
    expect(han.test('沐曦股份')).toBe(true);
    expect(han.test('\u3400')).toBe(true); // Extension A
    expect(han.test('\uFA11')).toBe(true); // compatibility ideograph
    for (const other of ['a', '1', '。', 'ひ', 'カ', '한', '\u3000']) expect(han.test(other)).toBe(false);
  });

  it('hasHan finds one ideograph anywhere, and none in Latin, kana or punctuation', () => {
    expect(hasHan('GPU 厂商 2024')).toBe(true);
    expect(hasHan('GPU makers, 2024。')).toBe(false);
    expect(hasHan('ひらがな')).toBe(false);
  });

  it('EAST_ASIAN_SCRIPTS_RANGE adds kana and Hangul to Han', () => {
    const cjk = new RegExp(`[${EAST_ASIAN_SCRIPTS_RANGE}]`, 'gu');
    expect('漢字かなカナ한글 abc'.match(cjk)?.length).toBe(8);
  });

  it('the tokenizer keeps no stop word and still cuts Han runs', () => {
    const tokens = tokenize('这是摩尔线程的 GPU, and the 估值 of it');
    for (const t of tokens) expect(STOP_WORDS.has(t)).toBe(false);
    expect(tokens).toContain('gpu');
    expect(tokens).toContain('估值');
  });
});
