/**
 * "2022 年至 2024 年归母净利润分别为 - 18.40 亿元、-16.73 亿元和 - 14.92 亿元": the article states
 * yearly figures as one range with a list. For a question about one year, pick that year's item.
 * Only when the list has exactly one item per year of the range and names something the question asks
 * about (`about`, compact words); otherwise nothing is inferred.
 */
const RANGE = /(\d{4})\s*年\s*(?:至|到|-|~|—)\s*(\d{4})\s*年/;
const LIST = /分别(?:为|是|达|占)\s*([^,,;;。]+)/;

export function valueForYear(sentence: string, year: number, about: readonly string[] = []): string | undefined {
  const range = RANGE.exec(sentence);
  if (!range) return undefined;
  const from = Number(range[1]);
  const to = Number(range[2]);
  if (year < from || year > to) return undefined;
  const list = LIST.exec(sentence.slice(range.index));
  if (!list) return undefined;
  // The list must be about what was asked: "归母净利润分别为…" gives no yearly revenue.
  const listed = sentence.slice(range.index, range.index + list.index + list[0].length).replace(/\s+/g, '');
  if (about.length > 0 && !about.some((w) => listed.includes(w))) return undefined;
  const items = list[1]
    .split(/、|和|及|与/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length !== to - from + 1) return undefined;
  // "- 18.40 亿元" is how the article writes a negative number; show it as "-18.40 亿元".
  return items[year - from].replace(/^-\s+/, '-');
}
