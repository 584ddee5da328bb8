import { describe, expect, it } from 'vitest';
import { datedLine } from '../../server/shared/text/dated-line.js';

describe("a document's own date (its labelled date line)", () => {
  it.each([
    ['国产 GPU 厂商的 “烧钱与梦想”\n日期:2025-07-12 14:51:48 / 人气:4\n正文', '2025-07-12'],
    ['标题\n发布时间：2025 年 7 月 2 日 来源：新华社', '2025-07-02'],
    ['Title\nPublished on July 12, 2025 by Jane Doe', '2025-07-12'],
    ['Title\nBy Jane Doe | Updated: 3 Aug 2024', '2024-08-03'],
    ['---\ndate: 2024/1/5\n---', '2024-01-05'],
  ])('%j → %s', (text, iso) => {
    expect(datedLine(text)?.iso).toBe(iso);
  });

  it('finds none in prose: a date the document reports is not its date', () => {
    expect(datedLine('标题\n北京时间2025年7月10日，英伟达发布了新芯片。')).toBeNull();
    expect(datedLine('Title\nOn July 9, 2025, Nvidia passed 4 trillion dollars.')).toBeNull();
    expect(datedLine('英伟达发布于2025年7月10日的芯片')).toBeNull();
    expect(datedLine('日期:2025-13-40')).toBeNull();
  });

  it('gives the offset of its label in the text as written', () => {
    const text = '标题\n日期:2025-07-12';
    expect(datedLine(text)?.index).toBe(text.indexOf('日期'));
  });
});
