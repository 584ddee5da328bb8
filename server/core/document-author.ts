import path from 'node:path';
import { sentenceAt, type LoadedIndex } from '../shared/index-format/loaded-index.js';
import { BIGRAM_PREFIX, tokenize } from '../shared/text/tokenizer.js';
import { DOCUMENT_NOUNS_EN, DOCUMENT_NOUNS_ZH } from './document-nouns.js';

/**
 * "Who wrote this article?" asks for the document's own author, which a page prints as a labelled line — a byline
 * at the top or the bottom ("作者:盛煌娱乐"), a Sphinx field list ("author:" and the name on the next line, once per
 * author), a man page's AUTHOR section — and no sentence states in the question's words. Answered from structure, like
 * the title and the date (structure-questions.ts). Not an author the text talks about ("作者为什么觉得…", "the author's
 * email", "who wrote the article the chapter recommends"): only the document's own, and only when the question names
 * no topic beyond what the document says it is.
 */

// Where a byline stands: the head of the document or its tail (news pages sign at the end).
const HEAD_CHARS = 2000;
const TAIL_CHARS = 1000;
// A label line: "作者:X", "Author: X", "authors:" alone (the names follow on the next lines). `d`: where the value starts.
const LABEL = /^[ \t]*(?:作者|撰文|author|authors|written by)[ \t]*[:：][ \t]*(.*)$/dgim;
// A section headed by the label alone ("AUTHOR", "作者 (AUTHOR)"): its first line names the author. Anywhere in a man page
// (its value indented under it) or where the document's structure makes it a heading; elsewhere only in the head or
// tail (mid-page it may be a table's column, "书名 / 作者 / 出版社").
const SECTION = /^[ \t]*(?:作者|authors?)(?:[ \t]*[(（](?:作者|authors?)[)）])?[ \t]*$/gim;
// A label alone is followed by its value within this many lines (blank lines between, as an HTML field list reads).
const VALUE_WITHIN_LINES = 3;

// Asking who wrote it: Chinese anywhere in the question; English as the question's opening ("Who wrote…", "Author?").
const ASKS_ZH = /作者|署名|谁写|谁撰写|谁编写|谁执笔/;
const ASKS_EN = /^\s*(?:who\s+(?:wrote|authored|is\s+(?:credited\s+as\s+)?the\s+author|are\s+the\s+authors|is\s+credited)\b|(?:the\s+)?authors?\b\s*(?:of\b|[?？]?\s*$))/i;
// Something else about the author ("作者的电子邮箱", "作者为什么觉得…", "the author's email"): a word right after 作者 other than
// asking who or the name (是, 叫, 为谁, 名叫, 署名, 名字, 姓名).
const ASKS_ABOUT_AUTHOR = /作者\s*的?\s*(?!署名|名字|姓名|是|叫|为谁|名叫)[\p{Script=Han}]{2,}|\bauthor['’]s\s+(?!name)[a-z]/iu;
// The words that ask (who, wrote, 作者…) and the nouns that name the document: what is left is the question's topic.
// (Tokenized on first use: importing this module must not load the segmenter's dictionary.)
let askingWords: ReadonlySet<string> | undefined;
const isAskingWord = (t: string) =>
  (askingWords ??= new Set([
    ...tokenize('who wrote written write author authors authored credited is are the of this 作者 署名 谁 写 撰写 编写 执笔'),
    ...tokenize([...DOCUMENT_NOUNS_EN, ...DOCUMENT_NOUNS_ZH].join(' ')),
  ])).has(t);

/** The question asks who wrote the document itself (not something about an author the text mentions). */
export function asksForDocumentAuthor(question: string): boolean {
  const q = question.normalize('NFKC');
  return (ASKS_ZH.test(q) || ASKS_EN.test(q)) && !ASKS_ABOUT_AUTHOR.test(q);
}

export interface Byline {
  /** The names one sentence gives, as the document writes them. */
  names: string[];
  sentence: number;
}

export interface DocumentAuthor {
  /** In document order, one per sentence. */
  bylines: Byline[];
  /** The words of what the document says it is: its title, its file name, and the lines above a byline in its head. */
  describedWords: ReadonlySet<string>;
}

/**
 * The question's own topic words: what it names besides asking who wrote a document (none in "作者?", "Who wrote this?";
 * python, socket, programming in "who is the author of the Python socket programming howto?").
 */
function topicWords(question: string): string[] {
  // (jieba keeps a measure word with the noun: 这篇文章 → 这, 篇文章.)
  return tokenize(question).filter((t) => !t.startsWith(BIGRAM_PREFIX) && !isAskingWord(t) && !DOCUMENT_NOUNS_ZH.some((n) => t.includes(n)));
}

/** At least half of the topic words are in what the document says it is; a question naming no topic names none. */
function namesDocument(topic: readonly string[], author: DocumentAuthor): boolean {
  return topic.filter((t) => author.describedWords.has(t)).length * 2 >= topic.length;
}

/**
 * The author the question asks for: of the document retrieval ranked first, when the question names nothing beyond what
 * that document says it is; else, when the question names a topic, of the document it names ("bzip2 作者?" when tar's
 * page ranked first). A question naming no topic asks about the retrieved document only: another one's byline would
 * be a guess.
 */
export function authorAskedFor(question: string, index: LoadedIndex, docIndex: number): DocumentAuthor | undefined {
  const topic = topicWords(question);
  const retrieved = documentAuthor(index, docIndex);
  if (retrieved && namesDocument(topic, retrieved)) return retrieved;
  if (!topic.length) return undefined;
  for (let d = 0; d < index.documents.length; d++) {
    if (d === docIndex) continue;
    const author = documentAuthor(index, d);
    if (author && namesDocument(topic, author)) return author;
  }
  return undefined;
}

// Per index, per document: worked out once (a question over a corpus of many pages may look at every one).
const found = new WeakMap<LoadedIndex, Array<DocumentAuthor | null | undefined>>();

/** The document's labelled author(s) and the sentences holding them; undefined when it has none. */
export function documentAuthor(index: LoadedIndex, docIndex: number): DocumentAuthor | undefined {
  let perDoc = found.get(index);
  if (!perDoc) found.set(index, (perDoc = []));
  if (perDoc[docIndex] === undefined) perDoc[docIndex] = readAuthor(index, docIndex) ?? null;
  return perDoc[docIndex] ?? undefined;
}

/**
 * The first non-empty line within VALUE_WITHIN_LINES after `from` (a label's end), trimmed, and where that text starts
 * (not the line: a sentence does not begin with the line's indentation).
 */
function valueAfter(text: string, from: number): { name: string; at: number; indented: boolean } | undefined {
  let start = text.indexOf('\n', from) + 1;
  for (let n = 0; start > 0 && n < VALUE_WITHIN_LINES; n++) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    const name = line.trim();
    if (name) return { name, at: start + line.indexOf(name), indented: /^[ \t]/.test(line) };
    if (end < 0) break;
    start = end + 1;
  }
  return undefined;
}

function readAuthor(index: LoadedIndex, docIndex: number): DocumentAuthor | undefined {
  const doc = index.documents[docIndex];
  const { text } = doc;
  const inWindow = (at: number) => at < HEAD_CHARS || at >= text.length - TAIL_CHARS;
  const headingAt = new Set((doc.headings ?? []).map((h) => h.start));
  const names: Array<{ name: string; at: number; section: boolean }> = [];
  for (const m of text.matchAll(LABEL)) {
    if (!inWindow(m.index)) continue;
    const [valueStart] = m.indices![1];
    const inline = m[1].trim();
    if (inline) {
      names.push({ name: inline, at: valueStart + m[1].indexOf(inline), section: false });
      continue;
    }
    const value = valueAfter(text, valueStart);
    if (value) names.push({ name: value.name, at: value.at, section: false });
  }
  for (const m of text.matchAll(SECTION)) {
    const value = valueAfter(text, m.index + m[0].length);
    if (!value) continue;
    const labelStart = m.index + m[0].indexOf(m[0].trim());
    if (!inWindow(m.index) && !value.indented && !headingAt.has(labelStart)) continue;
    names.push({ name: value.name, at: value.at, section: true });
  }
  names.sort((a, b) => a.at - b.at);
  const bylines: Byline[] = [];
  for (const { name, at } of names) {
    const sentence = sentenceAt(index, docIndex, at);
    if (sentence === undefined) continue;
    const same = bylines.find((b) => b.sentence === sentence);
    if (same) same.names.push(name);
    else bylines.push({ names: [name], sentence });
  }
  if (!bylines.length) return undefined;
  // What the document says it is (not the text above a man page's AUTHOR section, which is most of the page).
  const first = names[0];
  const above = first.at < HEAD_CHARS && !first.section ? text.slice(0, first.at) : '';
  return { bylines, describedWords: new Set(tokenize(`${doc.title ?? ''} ${path.basename(doc.source ?? '').replace(/\.[^.]*$/, '')} ${above}`)) };
}
