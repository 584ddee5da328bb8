import { describe, expect, it } from 'vitest';
import type { LoadedIndex } from '../../server/shared/index-format/loaded-index.js';
import { asksForDocumentAuthor, documentAuthor, namesThisDocument } from '../../server/core/document-author.js';
import { answerStructureQuestion } from '../../server/core/structure-questions.js';

/** One document whose sentences are its non-empty lines. */
function indexOf(text: string): LoadedIndex {
  const spans: Array<[number, number, number]> = [];
  let at = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) spans.push([0, at, at + line.length]);
    at += line.length + 1;
  }
  return { documents: [{ docId: 'd', text }], sentences: spans } as unknown as LoadedIndex;
}

const SPHINX = 'Annotations Best Practices\n\nauthor:\n\nLarry Hastings\n\nAbstract\n\nThis document is designed to help.\n';
const TWO = 'An introduction to the ipaddress module\n\nauthor:\n\nPeter Moody\n\nauthor:\n\nNick Coghlan\n\nOverview\n';
const BYLINE_AT_END = `国产 GPU 厂商的烧钱与梦想\n${'正文。\n'.repeat(600)}作者:盛煌娱乐\n`;
const MIDDLE = `Manual\n${'Text.\n'.repeat(500)}Author: Junio C Hamano\n${'More text.\n'.repeat(300)}`;

describe('document author questions', () => {
  it.each([
    ['Who wrote this article?', true],
    ['Who is credited as the author of the piece?', true],
    ['who is the author of the Python socket programming howto?', true],
    ['Author?', true],
    ['作者?', true],
    ['这篇文章的作者是谁?', true],
    ['这篇文章署名的作者是谁?', true],
    ['这个页面是谁写的？', true],
    // Something about an author, or what an author thinks: not who wrote the document.
    ['这份手册作者的电子邮箱是多少？', false],
    ['作者为什么觉得自己的桌面系统没必要备份整个系统？', false],
    ['作者 个人备份脚本 名字', false],
    ["What is the author's email address?", false],
    ['What does the author compare the PC boot process to?', false],
  ])('%s → %s', (q, asks) => {
    expect(asksForDocumentAuthor(q)).toBe(asks);
  });
});

describe('the document author', () => {
  it('reads a field list (the name on a later line), one sentence per author', () => {
    expect(documentAuthor(indexOf(SPHINX), 0)).toMatchObject({ names: ['Larry Hastings'], sentences: [2] });
    expect(documentAuthor(indexOf(TWO), 0)).toMatchObject({ names: ['Peter Moody', 'Nick Coghlan'], sentences: [2, 4] });
  });

  it('reads a byline at the end of a long page, not a label in the middle of one', () => {
    expect(documentAuthor(indexOf(BYLINE_AT_END), 0)?.names).toEqual(['盛煌娱乐']);
    expect(documentAuthor(indexOf(MIDDLE), 0)).toBeUndefined();
  });

  it('answers only a question that names this document or nothing else', () => {
    const author = documentAuthor(indexOf(SPHINX), 0)!;
    expect(namesThisDocument('Who wrote the Python HOWTO on annotations best practices?', author)).toBe(true);
    expect(namesThisDocument('Who wrote this?', author)).toBe(true);
    expect(namesThisDocument('Who wrote the article "Fighting regressions with git bisect"?', author)).toBe(false);
  });

  it('is answered from structure, citing the line with the name', () => {
    const r = answerStructureQuestion('Who wrote this document?', indexOf(TWO), 0);
    expect(r?.generated.answer).toBe('Peter Moody[1]; Nick Coghlan[2]');
    expect(r?.candidates.map((c) => c.text)).toEqual(['Peter Moody', 'Nick Coghlan']);
    const byline = answerStructureQuestion('作者是谁?', indexOf(BYLINE_AT_END), 0);
    expect(byline?.generated.answer).toBe('盛煌娱乐 — 作者:盛煌娱乐[1]');
    // No byline: left to the answerer.
    expect(answerStructureQuestion('Who wrote this document?', indexOf(MIDDLE), 0)).toBeUndefined();
  });
});
