import { isDictionaryWord } from '../../shared/text/tokenizer.js';

/**
 * The words Chinese puts right before a number to say it is not exact ("约 6 亿元", "超 33 亿元", "近 50 亿"), with
 * their English. They belong to the value: a lead of "6 亿元" for a sentence that says "约 6 亿元" states more than
 * the text does. Written once; value-lead.ts reads the values with them, english-values.ts says them in English.
 */
export const NUMBER_HEDGES: Readonly<Record<string, string>> = {
  约: 'about',
  大约: 'about',
  约合: 'about',
  近: 'nearly',
  将近: 'nearly',
  接近: 'nearly',
  超: 'over',
  超过: 'over',
  逾: 'over',
  不到: 'under',
  不足: 'under',
};

/** The hedges, longest first: 超过 is not read as 超, nor 约合 as 约. */
export const HEDGES_LONGEST_FIRST: readonly string[] = Object.keys(NUMBER_HEDGES).sort((a, b) => b.length - a.length);

/**
 * The hedges as an optional pattern prefix. Not after 远: "远超 11.16 亿元的营收总和" compares one amount with another,
 * stated exactly (far more than the 11.16 亿元 of revenue).
 */
export const NUMBER_HEDGE = `(?:(?<!远)(?:${HEDGES_LONGEST_FIRST.join('|')})\\s*)?`;

// A unit of time after 近 and a number: "近 3 个月" is the past three months, not nearly three.
const TIME_AFTER = /^\s*个?\s*(?:月|年|日|天|周|星期|季度|期|交易日)/;

/**
 * A value read with its hedge (value-lead.ts), less the hedge where its character belongs to the word before it
 * (签约 120 家, 最近 3 轮, 节约 30%: jieba's dictionary holds 签约, 最近, 节约) or where 近 says "the past" ("近 3 个月").
 * `at`/`end`: where the value stands in `clause`.
 */
export function hedgeRead(clause: string, value: string, at: number, end: number): { value: string; at: number } {
  const hedge = HEDGES_LONGEST_FIRST.find((h) => value.startsWith(h));
  if (!hedge) return { value, at };
  const ownWord = hedge.length === 1 && at > 0 && isDictionaryWord(clause[at - 1] + hedge);
  const past = hedge === '近' && TIME_AFTER.test(clause.slice(end));
  if (!ownWord && !past) return { value, at };
  const rest = value.slice(hedge.length).trimStart();
  return { value: rest, at: end - rest.length };
}
