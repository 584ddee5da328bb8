import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import { detectAnswerType } from './answer-type.js';

/**
 * "When was this article published?" asks for the document's own date, which no sentence states in those words: a
 * news page prints it as a label line under the title ("日期:2025-07-12 14:51:48"), a manual as "Date: …". Answered
 * from structure, like the title (structure-questions.ts): the dated line near the document's start.
 */

// The document itself, named as a document ("this article", 这篇稿子, 本文) — not a release, an RFC or a version.
const THE_DOCUMENT = /(?:这|本|该|此)\s*(?:篇|份|则)?\s*(?:文章|稿子|稿件|报道|文档|新闻|文)|本文|文章|稿子|\b(?:this|the)\s+(?:article|document|page|post|story|report|piece)\b/gi;
// Its publication: written, published, posted, dated (or its date asked outright).
const PUBLISHED = /发布|发表|刊登|刊发|发出|发的|写的|写于|写成|日期|publish\w*|post(?:ed)?|written|wrote|dated|date|come out|came out/gi;
// What else such a question says: when-words, copulas and particles (the rest would be a topic of its own).
const FILLER = /什么时候|哪一?天|哪一?年|几月|几号|何时|时间|是|的|了|吗|呢|在|被|\b(?:when|what|which|was|is|were|it|on|of|day|year|time|exactly)\b|[\s\p{P}]/giu;

/** The question asks when the document itself was published or written, and nothing more. */
export function asksForDocumentDate(question: string): boolean {
  const q = question.normalize('NFKC');
  if (detectAnswerType(q) !== 'date' && !/\bdate\b|日期/i.test(q)) return false;
  THE_DOCUMENT.lastIndex = 0;
  PUBLISHED.lastIndex = 0;
  if (!THE_DOCUMENT.test(q) || !PUBLISHED.test(q)) return false;
  // "这篇文章说摩尔线程什么时候发布了 MTTS80" asks about an event the document reports: a topic remains.
  const rest = q.replace(THE_DOCUMENT, '').replace(PUBLISHED, '').replace(FILLER, '');
  return rest.length === 0;
}

// A date to the day: 2025-07-12, 2025/7/12, 2025 年 7 月 12 日, July 12, 2025, 12 July 2025.
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const FULL_DATE = new RegExp(`\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日|\\b${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\b\\d{1,2}\\s+${MONTH}\\s+\\d{4}`, 'i');
// A dated line says so ("日期:", "Date:", "Published"), or is the first line near the top holding a full date.
const DATE_LABEL = /日期|发布|发表|时间|\b(?:date|published|posted|updated)\b/i;
// How far from the top a document's own date line stands (the title, a byline, the date).
const HEAD_SENTENCES = 6;

/** The document's date line near its start (a labelled date first, else the first dated line) and the date it gives. */
export function documentDate(index: LoadedIndex, docIndex: number): { sentence: number; date: string } | undefined {
  const head: number[] = [];
  for (let s = 0; s < index.sentences.length && head.length < HEAD_SENTENCES; s++) if (index.sentences[s][0] === docIndex) head.push(s);
  const text = (s: number) => index.documents[docIndex].text.slice(index.sentences[s][1], index.sentences[s][2]).normalize('NFKC');
  const dated = head.filter((s) => FULL_DATE.test(text(s)));
  const sentence = dated.find((s) => DATE_LABEL.test(text(s))) ?? dated[0];
  return sentence === undefined ? undefined : { sentence, date: FULL_DATE.exec(text(sentence))![0] };
}
