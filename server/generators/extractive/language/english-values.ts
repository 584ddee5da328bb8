import { COUNT_MEASURES, MEASURE_WORDS } from '../../../core/measure-words.js';
import { MONTHS } from '../../../shared/text/english-months.js';
import { HEDGES_LONGEST_FIRST, NUMBER_HEDGES } from '../number-hedges.js';

/**
 * A value quoted from a Chinese sentence, said in English for an English asker: "210.71 亿元" → "21.071 billion
 * yuan", "1126 名" → "1126", "2025 年 3 月" → "March 2025", "12 纳米" → "12 nm", "约 6 亿元" → "about 600 million yuan". The Chinese original is kept in
 * brackets after it, so the reader finds it in the quoted sentence. A value it does not recognise is left as written.
 */

// Chinese counts in myriads: 万 = 10^4, 亿 = 10^8, 万亿 = 10^12.
const SCALES: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4 };
const CURRENCIES: Record<string, string> = { 元: 'yuan', 美元: 'US dollars', 港元: 'HK dollars' };
// Measure words only count things ("1126 名" employees): in English the number stands alone (倍 is a unit, below).
const MEASURES = new Set([...MEASURE_WORDS, ...COUNT_MEASURES]);
const UNITS: Record<string, string> = { 倍: 'times', 纳米: 'nm' };

const AMOUNT = /^(-?)\s*(\d[\d,]*(?:\.\d+)?)\s*(万亿|亿|万)?\s*(美元|港元|元)?\s*(\S*)$/;
const DATE = /^(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?$/;

/** 21071000000 → "21.071 billion"; 6e8 → "600 million"; 1126 → "1,126". */
function inWords(n: number): string {
  const exact = (x: number) => String(Number(x.toPrecision(12)));
  const abs = Math.abs(n);
  if (abs >= 1e12) return `${exact(n / 1e12)} trillion`;
  if (abs >= 1e9) return `${exact(n / 1e9)} billion`;
  if (abs >= 1e6) return `${exact(n / 1e6)} million`;
  return Number(exact(n)).toLocaleString('en-US', { maximumFractionDigits: 12 });
}

function englishOf(value: string): string | undefined {
  const v = value.normalize('NFKC').trim();
  const date = DATE.exec(v);
  if (date) {
    const [, year, month, day] = date;
    if (!month) return year;
    const name = MONTHS[Number(month) - 1];
    if (!name) return undefined;
    return day ? `${name} ${Number(day)}, ${year}` : `${name} ${year}`;
  }
  // "约 6 亿元" → "about 600 million yuan": the hedge said in English before the number.
  const hedge = HEDGES_LONGEST_FIRST.find((h) => v.startsWith(h));
  if (hedge) {
    const rest = englishOf(v.slice(hedge.length));
    return rest === undefined ? undefined : `${NUMBER_HEDGES[hedge]} ${rest}`;
  }
  const amount = AMOUNT.exec(v);
  if (!amount) return undefined;
  const [, sign, digits, scale, currency, rest] = amount;
  if (rest && !MEASURES.has(rest) && !UNITS[rest] && rest !== '%') return undefined;
  const n = Number(digits.replace(/,/g, '')) * (scale ? SCALES[scale] : 1) * (sign ? -1 : 1);
  if (!Number.isFinite(n)) return undefined;
  if (rest === '%') return `${sign}${digits}%`;
  const words = scale ? inWords(n) : `${sign}${digits}`;
  const unit = currency ? ` ${CURRENCIES[currency]}` : rest && UNITS[rest] ? ` ${UNITS[rest]}` : '';
  return `${words}${unit}`;
}

// An English value whose number reads differently from the Chinese one (scaled, or a month named).
const REWORDED = new RegExp(`\\b(?:trillion|billion|million|${MONTHS.join('|')})\\b`);

/** The value in English, with the Chinese original in brackets when its number reads differently ("600 million yuan (6 亿元)"). */
export function valueInEnglish(value: string): string {
  const english = englishOf(value);
  if (!english) return value;
  return REWORDED.test(english) ? `${english} (${value.trim()})` : english;
}
