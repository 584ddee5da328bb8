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

/**
 * The hedges as an optional pattern prefix: longest first, so 超过 is not read as 超 and 约合 not as 约. Not after 远:
 * "远超 11.16 亿元的营收总和" compares one amount with another, stated exactly (far more than the 11.16 亿元 of revenue).
 */
export const NUMBER_HEDGE = `(?:(?<!远)(?:${Object.keys(NUMBER_HEDGES)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\s*)?`;
