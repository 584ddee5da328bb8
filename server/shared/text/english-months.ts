/**
 * English month names, written once: values said in English (generators' english-values.ts), dates in English text
 * (core/answer-type.ts, value-lead.ts) and a document's labelled date (dated-line.ts).
 */
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Their first three letters ("Jan", "Sep"): what an abbreviated or full month name starts with. */
export const MONTH_PREFIXES = MONTHS.map((m) => m.slice(0, 3));
