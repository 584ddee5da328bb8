import { describe, expect, it } from 'vitest';
import { valueForYear } from '../../server/generators/extractive/range-values.js';

const LOSSES = '摩尔线程 2022 年至 2024 年归母净利润分别为 - 18.40 亿元、-16.73 亿元和 - 14.92 亿元,3 年累计亏损约 50 亿元。';

describe('per-year values in a range', () => {
  it("picks the asked year's item", () => {
    expect(valueForYear(LOSSES, 2022)).toBe('-18.40 亿元');
    expect(valueForYear(LOSSES, 2023)).toBe('-16.73 亿元');
    expect(valueForYear(LOSSES, 2024)).toBe('-14.92 亿元');
  });

  it('infers nothing outside the range or when the list does not match the years', () => {
    expect(valueForYear(LOSSES, 2021)).toBeUndefined();
    expect(valueForYear('2022 年至 2025 年第一季度累计亏损达 32.90 亿元', 2023)).toBeUndefined();
    expect(valueForYear('2022 年至 2024 年分别为 1 亿元和 2 亿元', 2023)).toBeUndefined();
  });
});

describe('per-year values about something else', () => {
  it('are not offered when the list is not about what was asked', () => {
    expect(valueForYear(LOSSES, 2024, ['营业', '收入'])).toBeUndefined();
    expect(valueForYear(LOSSES, 2024, ['归母', '净利润'])).toBe('-14.92 亿元');
  });
});
