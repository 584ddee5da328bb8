import path from 'node:path';
import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import { BIGRAM_PREFIX, tokenize } from '../shared/text/tokenizer.js';
import { DOCUMENT_NOUNS_EN, DOCUMENT_NOUNS_ZH } from './document-nouns.js';

/**
 * "Who wrote this article?" asks for the document's own author, which a page prints as a labelled line — a byline
 * at the top or the bottom ("作者:盛煌娱乐"), a Sphinx field list ("author:" and the name on the next line, once per
 * author) — and no sentence states in the question's words. Answered from structure, like the title and the date
 * (structure-questions.ts); a man page's AUTHOR section too. Not an author the text talks about ("作者为什么觉得…", "the author's email", "who wrote
 * the article the chapter recommends"): only the document's own, and only when the question names no other topic.
 */

// Where a byline stands: the head of the document or its tail (news pages sign at the end).
const HEAD_CHARS = 2000;
const TAIL_CHARS = 1000;
// A label line: "作者:X", "Author: X", "authors:" alone (the names follow on the next lines).
const LABEL = /^[ \t]*(?:作者|撰文|author|authors|written by)[ \t]*[:：][ \t]*(.*)$/gim;
// A section headed by the label alone, anywhere (a man page's "AUTHOR", "作者 (AUTHOR)"): its first line names the author.
const SECTION = /^[ \t]*(?:作者|authors?)(?:[ \t]*[(（](?:作者|authors?)[)）])?[ \t]*$/gim;
// A label alone is followed by its value within this many lines (blank lines between, as an HTML field list reads).
const VALUE_WITHIN_LINES = 3;

// Asking who wrote it: Chinese anywhere in the question; English as the question's opening ("Who wrote…", "Author?").
const ASKS_ZH = /作者|署名|谁写|谁撰写|谁编写|谁执笔/;
const ASKS_EN = /^\s*(?:who\s+(?:wrote|authored|is\s+(?:credited\s+as\s+)?the\s+author|are\s+the\s+authors|is\s+credited)\b|(?:the\s+)?authors?\b\s*(?:of\b|[?？]?\s*$))/i;
// Something else about the author ("作者的电子邮箱", "作者为什么觉得…", "the author's email"): a word right after 作者 other than
// asking who (是/叫/为谁) or for the name itself.
const ASKS_ABOUT_AUTHOR = /作者\s*的?\s*(?!署名|名字|姓名|是|叫)[\p{Script=Han}]{2,}|\bauthor'?s\s+(?!name)[a-z]/iu;
// The words that ask (who, wrote, 作者…) and the nouns that name the document: what is left is the question's topic.
const ASKING_WORDS = new Set([
  ...tokenize('who wrote written write author authors authored credited is are the of this 作者 署名 谁 写 撰写 编写 执笔'),
  ...tokenize([...DOCUMENT_NOUNS_EN, ...DOCUMENT_NOUNS_ZH].join(' ')),
]);

/** The question asks who wrote the document itself (not something about an author the text mentions). */
export function asksForDocumentAuthor(question: string): boolean {
  const q = question.normalize('NFKC');
  return (ASKS_ZH.test(q) || ASKS_EN.test(q)) && !ASKS_ABOUT_AUTHOR.test(q);
}

export interface DocumentAuthor {
  /** The sentences that give the author(s), in document order. */
  sentences: number[];
  /** The names as the document writes them. */
  names: string[];
  /** What the document says it is: its title, its file name, the lines above a byline at its head. */
  title: string;
}

/** The document's labelled author(s) in its head or tail, and the sentences holding them; undefined when it has none. */
export function documentAuthor(index: LoadedIndex, docIndex: number): DocumentAuthor | undefined {
  const text = index.documents[docIndex].text;
  const names: Array<{ name: string; at: number; section: boolean }> = [];
  const labels = [...[...text.matchAll(LABEL)].filter((m) => m.index < HEAD_CHARS || m.index >= text.length - TAIL_CHARS), ...text.matchAll(SECTION)];
  for (const m of labels.sort((a, b) => a.index - b.index)) {
    const at = m.index;
    const section = m[1] === undefined;
    const inline = (m[1] ?? '').trim();
    if (inline) {
      names.push({ name: inline, at: at + m[0].indexOf(inline), section });
      continue;
    }
    const after = text.slice(at + m[0].length).split('\n').slice(1, VALUE_WITHIN_LINES + 1);
    const line = after.find((l) => l.trim());
    // (Where the name starts, not the line: a sentence does not begin with the line's indentation.)
    if (line) names.push({ name: line.trim(), at: text.indexOf(line.trim(), at + m[0].length), section });
  }
  if (!names.length) return undefined;
  const sentences: number[] = [];
  for (const { at } of names) {
    const s = index.sentences.findIndex(([d, start, end]) => d === docIndex && start <= at && at < end);
    if (s >= 0 && !sentences.includes(s)) sentences.push(s);
  }
  if (!sentences.length) return undefined;
  // What the document says it is: its title and file name, and the lines above a byline in its head (not above a man
  // page's AUTHOR section, which is most of the page).
  const { title, source } = index.documents[docIndex];
  const above = names[0].at < HEAD_CHARS && !names[0].section ? text.slice(0, names[0].at) : '';
  return { sentences, names: names.map((n) => n.name), title: `${title ?? ''} ${path.basename(source ?? '').replace(/\.[^.]*$/, '')} ${above}` };
}

/**
 * The question's own topic words (what it names besides asking who wrote the document) are at least half in the
 * document's title: "Who wrote the Python HOWTO on annotations best practices?" over "Annotations Best Practices";
 * none at all ("作者?", "Who wrote this?") names no other topic either.
 */
export function namesThisDocument(question: string, author: DocumentAuthor): boolean {
  // (jieba keeps a measure word with the noun: 这篇文章 → 这, 篇文章.)
  const topic = tokenize(question).filter((t) => !t.startsWith(BIGRAM_PREFIX) && !ASKING_WORDS.has(t) && !DOCUMENT_NOUNS_ZH.some((n) => t.includes(n)));
  if (!topic.length) return true;
  const title = new Set(tokenize(author.title));
  return topic.filter((t) => title.has(t)).length * 2 >= topic.length;
}
