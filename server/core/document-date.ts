import { sentenceAt, type LoadedIndex } from '../shared/index-format/loaded-index.js';
import { detectAnswerType } from './answer-type.js';
import { datedLine } from '../shared/text/dated-line.js';
import { DOCUMENT_NOUNS_EN, DOCUMENT_NOUNS_ZH } from './document-nouns.js';

/**
 * "When was this article published?" asks for the document's own date, which no sentence states in those words: a
 * news page prints it as a label line under the title ("日期:2025-07-12 14:51:48"), a manual as "Date: …". Answered
 * from structure, like the title (structure-questions.ts): the dated line near the document's start.
 */

// A document noun in Chinese or English, and the Chinese demonstrative and measure word that point at this one (这篇, 本份, 该则).
const NOUN_ZH = DOCUMENT_NOUNS_ZH.join('|');
const NOUN_EN = DOCUMENT_NOUNS_EN.join('|');
const THIS_ZH = '(?:这|本|该|此)';
const MEASURE_ZH = '(?:篇|份|则)';
// The document itself, named as a document ("this article", 这篇稿子, 本文) — not a release, an RFC or a version.
const THE_DOCUMENT = new RegExp(
  String.raw`${THIS_ZH}\s*${MEASURE_ZH}?\s*(?:${NOUN_ZH}|文)|本文|文章|稿子|\b(?:this|the)\s+(?:${NOUN_EN})\b`,
  'gi',
);
// Its publication: written, published, posted, dated (or its date asked outright). A Chinese verb may carry a directional
// complement ("发出来", "发布出去", "写出来的") that adds no meaning of its own.
// (写的 not before 是: "这篇报道写的是哪天?" asks what day it is about.)
const PUBLISHED = /(?:发布|发表|刊登|刊发|发出|写)(?:出来|出去|上来|上去|来|去)(?=的(?!是)|了|呢|吗|吧|啊|呀|\s|\p{P}|$)|发布|发表|刊登|刊发|发出|发的|写的(?!是)|写于|写成|日期|publish\w*|post(?:ed)?|written|wrote|dated|date|come out|came out/giu;
// What else such a question says: when-words, copulas and particles (the rest would be a topic of its own).
const FILLER = /什么时候|什么|哪一?天|哪一?年|哪一?月|哪一?日|几月|几号|多少号|何时|时间|是|的|了|吗|呢|在|被|于|\b(?:when|what|which|was|is|were|did|does|do|it|on|of|the|a|day|year|time|exactly|first|originally)\b|[\s\p{P}]/giu;

// What the document is about, said to name it ("this article about Chinese GPU makers", 这篇关于国产 GPU 的文章): part of
// naming the document, not a topic of the question.
const DESCRIBED_DOCUMENT_EN = new RegExp(
  String.raw`\b((?:this|the)\s+(?:${NOUN_EN}))\s+(?:about|on|regarding|covering)\s+[^?？]+?(?=\s+(?:was|is|were|first|originally|published|written|posted|dated|come|came)\b)`,
  'gi',
);
// (Also without 关于, after the demonstrative and its measure word: 这篇讲国产 GPU 的文章, 这份显卡的手册 — but not a modifier
// naming another document, 这篇文章引用的新闻.)
const DESCRIBED_DOCUMENT_ZH = new RegExp(
  String.raw`(?:关于[^的?？]{1,30}|(?<=${THIS_ZH}\s*${MEASURE_ZH}\s*)(?:(?!${NOUN_ZH}|文)[^的?？]){1,30})的(?=\s*(?:${NOUN_ZH}))`,
  'g',
);

/** The question asks when the document itself was published or written, and nothing more. */
export function asksForDocumentDate(question: string): boolean {
  const q = question.normalize('NFKC');
  if (detectAnswerType(q) !== 'date' && !/\bdate\b|日期|时间/i.test(q)) return false;
  // (search, not test: the expressions are global for the replace below, and search leaves no lastIndex behind.)
  // (What the document is about is part of naming it: "这份关于显卡的手册" names 这份手册.)
  const named = q.replace(DESCRIBED_DOCUMENT_EN, '$1').replace(DESCRIBED_DOCUMENT_ZH, '');
  if (named.search(THE_DOCUMENT) < 0 || named.search(PUBLISHED) < 0) return false;
  // "这篇文章说摩尔线程什么时候发布了 MTTS80" asks about an event the document reports: a topic remains.
  const rest = named.replace(THE_DOCUMENT, '').replace(PUBLISHED, '').replace(FILLER, '');
  return rest.length === 0;
}

/**
 * The sentence holding the document's own date (shared/text/dated-line.ts: a labelled date in its head, the one ingest
 * stores for the documents panel) and that date as YYYY-MM-DD; undefined when the document has none.
 */
export function documentDate(index: LoadedIndex, docIndex: number): { sentence: number; date: string } | undefined {
  const dated = datedLine(index.documents[docIndex].text);
  if (!dated) return undefined;
  const sentence = sentenceAt(index, docIndex, dated.index);
  return sentence === undefined ? undefined : { sentence, date: dated.iso };
}
