import { sentenceAsRead, type LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { CandidateSentence, GeneratedAnswer } from './types.js';
import { asksForDocumentDate, documentDate } from './document-date.js';
import { asksForDocumentAuthor, authorAskedFor } from './document-author.js';
import { DOCUMENT_NOUNS_EN } from './document-nouns.js';
import { isQuestionWord } from './question-words.js';
import { mainlyHan } from '../shared/text/char-classes.js';
import { ENGLISH_FUNCTION_WORDS } from '../shared/text/english-function-words.js';
import { analyzeText, stemLatin } from '../shared/text/tokenizer.js';

/**
 * Questions about the document itself — its title, a section heading, its date, its author — which no sentence "supports"
 * lexically ("标题" appears nowhere in the text). Answered from structure: the title is the document's
 * first sentence, headings are sentences numbered 一、二、… standing as their own paragraph, the date is its dated
 * line near the top (document-date.ts).
 */
// The document's own title ("标题是什么", "what is the title"); not a title row or bar of something the text describes ("标题行", "title bar").
const ASKS_TITLE = /(?:标题|题目|题名)(?![行栏列字])|\btitle\b(?!\s*(?:bar|row|line|field|column))|headline/i;
/** The question asks for the document's title, not for a title row or bar the text describes. */
export function asksForTitle(question: string): boolean {
  return ASKS_TITLE.test(question);
}
// The words of an English title question itself ("what is the title", "what is it called", "the headline") and the
// document nouns, as the tokenizer stems them.
const TITLE_WORDS = new Set(['title', 'titled', 'headline', 'call', 'called', 'name', 'named', ...DOCUMENT_NOUNS_EN].map(stemLatin));

/**
 * English "title" is also a person's ("What title is Peng Li known by at AMD?"): an English question asks for the
 * document's title only when it names nothing beyond it — its words other than the title question's and the document
 * nouns are all words of the document's title (its first sentence: "the title of the GPU article"). 标题 is a heading.
 */
export function namesOnlyTheDocument(question: string, title: string): boolean {
  if (mainlyHan(question)) return true;
  const named = analyzeText(question).words.filter(
    (w) => /^[a-z]/.test(w) && !ENGLISH_FUNCTION_WORDS.has(w) && !isQuestionWord(w) && !TITLE_WORDS.has(w),
  );
  if (!named.length) return true;
  const titleWords = new Set(analyzeText(title).words);
  return named.every((w) => titleWords.has(w));
}

const ASKS_SECTION = /小标题|章节|第\s*([一二三四五六七八九十\d]+)\s*(部分|节|章)|最后一部分|结语|结尾/;
// A question that names a section asks for its heading only when it says so ("结语的标题", "有哪些小标题", "分几个部分");
// "文章结尾说…什么" asks what the section says, which the sentences under its heading answer.
const ASKS_HEADING = /标题|题目|章节|(?:哪些|几个|多少)\s*(?:部分|节|章)/;
const asksSection = (question: string) => ASKS_SECTION.test(question) && ASKS_HEADING.test(question);
const HEADING = /^[一二三四五六七八九十]+[、.．]/;
const CN_DIGITS = '一二三四五六七八九十';

function ordinal(question: string, count: number): number | undefined {
  if (/最后|结语|结尾/.test(question)) return count - 1;
  const m = /第\s*([一二三四五六七八九十\d]+)\s*(部分|节|章|个小标题)/.exec(question);
  if (!m) return /第一|首个|开头/.test(question) ? 0 : undefined;
  const n = /\d/.test(m[1]) ? Number(m[1]) : CN_DIGITS.indexOf(m[1]) + 1;
  return n >= 1 ? n - 1 : undefined;
}

function candidate(index: LoadedIndex, sentence: number, id: number): CandidateSentence {
  const [docIndex, start, end] = index.sentences[sentence];
  const doc = index.documents[docIndex];
  return { id, sentence, docId: doc.docId, start, end, text: sentenceAsRead(index, sentence), chunkRank: 0 };
}

/** Returns an answer when the question is about the title or a heading of `docIndex`, else undefined. */
export function answerStructureQuestion(
  question: string,
  index: LoadedIndex,
  docIndex: number,
): { generated: GeneratedAnswer; candidates: CandidateSentence[] } | undefined {
  // In a corpus of several documents "this article" names none of them for sure: the answerer takes the question.
  if (asksForDocumentDate(question) && index.documents.length === 1) {
    const dated = documentDate(index, docIndex);
    // No dated line: the question goes to the answerer like any other (and is refused there, with passages).
    if (!dated) return undefined;
    const c = candidate(index, dated.sentence, 1);
    return { candidates: [c], generated: { answer: `${dated.date} — ${c.text}[1]`, answered: true, citations: [{ n: 1, candidateIds: [1] }] } };
  }
  // No byline, or a question about another text's author: the answerer takes it like any other.
  const author = asksForDocumentAuthor(question) ? authorAskedFor(question, index, docIndex) : undefined;
  if (author) {
    const list = author.bylines.map((b, n) => candidate(index, b.sentence, n + 1));
    // The name alone when the sentence is just the name ("Larry Hastings"), else the names, then the sentence.
    const answer = list
      .map((c, n) => {
        const names = author.bylines[n].names.join(', ');
        return c.text.trim() === names ? `${names}[${c.id}]` : `${names} — ${c.text.trim()}[${c.id}]`;
      })
      .join('; ');
    return { candidates: list, generated: { answer, answered: true, citations: list.map((c) => ({ n: c.id, candidateIds: [c.id] })) } };
  }
  if (!ASKS_TITLE.test(question) && !asksSection(question)) return undefined;
  const sentences = index.sentences.map((s, i) => ({ s, i })).filter(({ s }) => s[0] === docIndex);
  if (sentences.length === 0) return undefined;
  const text = index.documents[docIndex].text;
  const headings = sentences.filter(({ s }) => HEADING.test(text.slice(s[1], s[2])));

  if (!asksSection(question) && !namesOnlyTheDocument(question, sentenceAsRead(index, sentences[0].i))) return undefined;

  let pick: number | undefined;
  if (asksSection(question) || /小标题/.test(question)) {
    const k = ordinal(question, headings.length);
    if (k === undefined && /结语/.test(question)) pick = headings.find(({ s }) => text.slice(s[1], s[2]).includes('结语'))?.i;
    else if (k !== undefined && headings[k]) pick = headings[k].i;
    if (pick === undefined && headings.length > 0 && k === undefined) {
      const list = headings.map((h, n) => candidate(index, h.i, n + 1));
      return {
        candidates: list,
        generated: { answer: list.map((c) => `${c.text}[${c.id}]`).join(' '), answered: true, citations: list.map((c) => ({ n: c.id, candidateIds: [c.id] })) },
      };
    }
  } else {
    pick = sentences[0].i;
  }
  if (pick === undefined) return undefined;
  const c = candidate(index, pick, 1);
  return { candidates: [c], generated: { answer: `${c.text}[1]`, answered: true, citations: [{ n: 1, candidateIds: [1] }] } };
}
