/**
 * Rewrites short Chinese numerals to Arabic digits where they count something ("前五大" → "前5大",
 * "第一季度" → "第1季度", "三年" → "3年"), because the article writes "前 5 大客户" and "第 1 大客户"
 * while people ask "前五大" and "第一大". Only numerals after 前/第/后/近 or before a measure word are
 * rewritten, so names such as 新华三 and words such as 统一 or 一方面 stay intact, and not 一 after a determiner
 * (哪一年 asks which year; see DETERMINER_BEFORE_ONE) or after 前/后/近 with no measure word to count (背后一共).
 * Applied identically to corpus and questions.
 */
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** The characters of a short Chinese numeral: its digits and 十 (零〇一二两三四五六七八九十). */
export const CHINESE_NUMERAL_CHARS = `${Object.keys(DIGITS).join('')}十`;
const MEASURES = '年个名家大类种季月日天轮倍项位次代款层期成岁周元';
const RUN = new RegExp(`(?<=[前第后近])[${CHINESE_NUMERAL_CHARS}]{1,3}|[${CHINESE_NUMERAL_CHARS}]{1,3}(?=[${MEASURES}])`, 'g');
// A determiner before 一 and a measure word makes 一 part of the determiner, not a count: 哪一年 (which year),
// 这一年, 同一年, 每一个, 另一种, 某一位, 上一轮 (the last round), 下一代 (the next generation). Read as 1 it became a
// number the answer had to contain ("摩尔线程是哪一年成立的?").
const DETERMINERS = '哪这那每同某任另上下';
const DETERMINER_BEFORE_ONE = new RegExp(`[${DETERMINERS}]`);
// 一 after 前/后/近 counts only with a measure word after it ("前一年", "后一轮"); otherwise it opens the next word and the
// 前/后/近 ends the one before: "背后一共有几个股东?" (一共, altogether) had become "背后1共有", a number 1 the answer lacked.
const PLACES = '前后近';
const PLACE_BEFORE = new RegExp(`[${PLACES}]`);
const MEASURE_AFTER = new RegExp(`^[${MEASURES}]`);

/** Whether the 一 at `at` is not a count: after a determiner, or after 前/后/近 with no measure word to count. */
function notACount(whole: string, at: number): boolean {
  return DETERMINER_BEFORE_ONE.test(whole[at - 1]) || (PLACE_BEFORE.test(whole[at - 1]) && !MEASURE_AFTER.test(whole.slice(at + 1, at + 2)));
}

function convertRun(run: string): string {
  if (!run.includes('十')) return [...run].map((c) => DIGITS[c]).join('');
  const parts = run.split('十');
  if (parts.length > 2 || parts[0].length > 1 || parts[1].length > 1) return run;
  const tens = parts[0] === '' ? 1 : DIGITS[parts[0]];
  const ones = parts[1] === '' ? 0 : DIGITS[parts[1]];
  if (tens === undefined || ones === undefined) return run;
  return String(tens * 10 + ones);
}

// 一 before a classifier the rewriting above counts with (个, 种, 款, 项) is most often the indefinite article: "怎样新建一个
// 虚拟磁盘?" asks how to make a virtual disk, not one of them, yet the rewriting reads it as the number 1, a number the
// answer then had to contain (the stop word 一个 never applies: it is 1个 by then), and "分配一个单独的分区" answered 多大.
// So a question does not ask it (query-analysis.ts) and a sentence's value is read without it (sentence-evidence.ts); the
// tokens keep it either way. Still a count after a word that counts, up to three characters before it (只有一个, 只能有一个,
// 至少需要一个, 最多一个); where the rewriting keeps 一 (哪一个, 第一个, 十一个); and in a length of time (一个月, 一个半小时,
// 一个多星期, 一个周末). Traditional characters too (個, 種, 隻…): the text is read before conversion.
const COUNTING_BEFORE = '(?:[只隻仅僅唯单單就]|至少|最多|最少|至多|不止|超过|超過)[^，。？?！!、,;；:：\\s]{0,3}';
// (Where the rewriting keeps 一: the classes above, with the traditional forms a question may still hold, 這 後 兩.)
const DETERMINER_OR_NUMERAL = `[${DETERMINERS}這${PLACES}後第${CHINESE_NUMERAL_CHARS}兩]`;
const TIME_AFTER = '[个個][半多]?(?:月|小时|小時|星期|礼拜|禮拜|钟头|鐘頭|季度|工作日|周末|週末)';
const INDEFINITE_ONE = new RegExp(`(?<!${COUNTING_BEFORE})(?<!${DETERMINER_OR_NUMERAL})一(?=[个個种種款项項])(?!${TIME_AFTER})`, 'g');

/** How many 一 of the text are the indefinite article before a classifier ("一个", "一种"), not a count. */
export function indefiniteOnes(text: string): number {
  return text.normalize('NFKC').match(INDEFINITE_ONE)?.length ?? 0;
}

/** The text with each indefinite 一 written 某 ("是一个好习惯" → "是某个好习惯"): what a value reader sees no number in. */
export function withoutIndefiniteOnes(text: string): string {
  return text.normalize('NFKC').replace(INDEFINITE_ONE, '某');
}

// Years are read digit by digit: 二〇二四年 → 2024年, also the first year of a range (二〇二二至二〇二四年).
const YEAR = /[零〇一二三四五六七八九]{4}(?=\s*(?:年|至|到|-|~|—))/g;

// Both patterns need one of these characters: a text without any (most) is returned without running them.
const ANY_NUMERAL = new RegExp(`[${CHINESE_NUMERAL_CHARS}]`);

export function normalizeChineseNumerals(text: string): string {
  if (!ANY_NUMERAL.test(text)) return text;
  return text
    .replace(YEAR, (y) => [...y].map((c) => DIGITS[c]).join(''))
    .replace(RUN, (run, at: number, whole: string) => (run === '一' && at > 0 && notACount(whole, at) ? run : convertRun(run)));
}
