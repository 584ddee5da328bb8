import { describe, expect, it } from 'vitest';
import { analyzeText, tokenize, BIGRAM_PREFIX } from '../../server/shared/text/tokenizer.js';
import { normalizeChineseNumerals } from '../../server/shared/text/chinese-numerals.js';

describe('tokenizer', () => {
  it('segments Chinese into dictionary words', () => {
    const { words } = analyzeText('摩尔线程归母净利润');
    expect(words).toContain('净利润');
    expect(words).toContain('线程');
  });

  it('keeps decimals, percentages and thousands whole', () => {
    const { words } = analyzeText('亏损 - 18.40 亿元,占比达 74.94%,共 1,126 名');
    expect(words).toEqual(expect.arrayContaining(['18.40', '74.94%', '1126']));
    expect(words).not.toContain('18');
    expect(words).not.toContain('40');
  });

  it('lower-cases Latin words and keeps letters with digits together', () => {
    const { words } = analyzeText('接近英伟达 RTX3060 与 H100,采用 Fabless 模式');
    expect(words).toEqual(expect.arrayContaining(['rtx3060', 'h100', 'fabless']));
  });

  it('adds CJK bigrams so names the dictionary lacks still match', () => {
    expect(tokenize('沐曦股份')).toContain(`${BIGRAM_PREFIX}沐曦`);
  });

  it('normalises full-width forms', () => {
    expect(analyzeText('ＲＴＸ３０６０ 占比７４．９４％').words).toEqual(expect.arrayContaining(['rtx3060', '74.94%']));
  });

  it('rewrites counting Chinese numerals but not names', () => {
    expect(normalizeChineseNumerals('前五大客户')).toBe('前5大客户');
    expect(normalizeChineseNumerals('第一大客户')).toBe('第1大客户');
    expect(normalizeChineseNumerals('三年累计')).toBe('3年累计');
    expect(normalizeChineseNumerals('新华三在')).toBe('新华三在');
    expect(normalizeChineseNumerals('统一')).toBe('统一');
  });

  it('is deterministic', () => {
    const text = '沐曦股份 2022 年至 2025 年第一季度归母净利润累计亏损达 32.90 亿元。';
    expect(tokenize(text)).toEqual(tokenize(text));
  });
});

describe('traditional characters', () => {
  it('match their simplified forms', async () => {
    expect(analyzeText('摩爾線程的員工').words).toEqual(analyzeText('摩尔线程的员工').words);
  });
});

describe('Chinese numeral years', () => {
  it('are read digit by digit', () => {
    expect(normalizeChineseNumerals('二〇二四年')).toBe('2024年');
    expect(normalizeChineseNumerals('二零二二年至今')).toBe('2022年至今');
  });
});
