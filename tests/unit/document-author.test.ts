import { describe, expect, it } from 'vitest';
import type { LoadedIndex } from '../../server/shared/index-format/loaded-index.js';
import { asksForDocumentAuthor, authorAskedFor, documentAuthor } from '../../server/core/document-author.js';
import { answerStructureQuestion } from '../../server/core/structure-questions.js';

/** One document whose sentences are its non-empty lines. */
function indexOf(text: string): LoadedIndex {
  const spans: Array<[number, number, number]> = [];
  let at = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) spans.push([0, at, at + line.length]);
    at += line.length + 1;
  }
  return { documents: [{ docId: 'd', title: text.split('\n')[0], source: 'doc.txt', text }], sentences: spans } as unknown as LoadedIndex;
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
    ['本文作者为谁？', true],
    ['作者名叫什么？', true],
    ['Who are the authors of this document?', true],
    ['Authors of the tutorial?', true],
    // Something about an author, or what an author thinks: not who wrote the document.
    ['这份手册作者的电子邮箱是多少？', false],
    ['作者为什么觉得自己的桌面系统没必要备份整个系统？', false],
    ['作者 个人备份脚本 名字', false],
    ["What is the author's email address?", false],
    ['Who is the author’s employer?', false],
    ['What does the author compare the PC boot process to?', false],
  ])('%s → %s', (q, asks) => {
    expect(asksForDocumentAuthor(q)).toBe(asks);
  });
});

describe('the document author', () => {
  it('reads a field list (the name on a later line), one sentence per author', () => {
    expect(documentAuthor(indexOf(SPHINX), 0)?.bylines).toEqual([{ names: ['Larry Hastings'], sentence: 2 }]);
    expect(documentAuthor(indexOf(TWO), 0)?.bylines).toEqual([
      { names: ['Peter Moody'], sentence: 2 },
      { names: ['Nick Coghlan'], sentence: 4 },
    ]);
  });

  it('reads a byline at the end of a long page, not a label or a column heading in the middle of one', () => {
    expect(documentAuthor(indexOf(BYLINE_AT_END), 0)?.bylines[0].names).toEqual(['盛煌娱乐']);
    expect(documentAuthor(indexOf(MIDDLE), 0)).toBeUndefined();
    const table = `标题\n${'正文。\n'.repeat(600)}书名\n作者\n出版社\n${'正文。\n'.repeat(400)}`;
    expect(documentAuthor(indexOf(table), 0)).toBeUndefined();
  });

  it('keeps names that share a sentence together', () => {
    const shared = 'Guide\nauthor: A. One\nauthor: B. Two\nText.\n';
    // One sentence holding both labels (a reader that joined the lines).
    const index = { documents: [{ docId: 'd', title: 'Guide', source: 'g.txt', text: shared }], sentences: [[0, 0, 5], [0, 6, 35], [0, 36, 41]] } as unknown as LoadedIndex;
    expect(documentAuthor(index, 0)?.bylines).toEqual([{ names: ['A. One', 'B. Two'], sentence: 1 }]);
    // (Quoted as read, the line break joined, as every answer quotes: the citation keeps the exact span.)
    expect(answerStructureQuestion('Who wrote this?', index, 0)?.generated.answer).toBe('A. One, B. Two — author: A. One author: B. Two[1]');
  });

  it('answers only a question that names this document or nothing else', () => {
    const index = indexOf(SPHINX);
    expect(authorAskedFor('Who wrote the Python HOWTO on annotations best practices?', index, 0)).toBeDefined();
    expect(authorAskedFor('Who wrote this?', index, 0)).toBeDefined();
    expect(authorAskedFor('Who wrote the article "Fighting regressions with git bisect"?', index, 0)).toBeUndefined();
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

describe('a man page', () => {
  it('names its author under an AUTHOR section, wherever it stands', () => {
    const man = `STAT(1)\n\nNAME\n       stat - display file status\n${'       text\n'.repeat(400)}\nAUTHOR(作者)\n       Rich Kulawiec, Purdue University\n\nBUGS\n       none\n${'       more\n'.repeat(300)}`;
    expect(documentAuthor(indexOf(man), 0)?.bylines[0].names).toEqual(['Rich Kulawiec, Purdue University']);
    const zh = `HEAD(1)\n\n名称\n       head - 输出文件的开头部分\n\n作者\n       由 David MacKenzie 和 Jim Meyering 编写。\n\n报告错误\n`;
    expect(answerStructureQuestion('这个页面是谁写的？', indexOf(zh), 0)?.generated.answer).toBe('由 David MacKenzie 和 Jim Meyering 编写。[1]');
  });
});

describe('several documents', () => {
  it('takes the one the question names by its title when retrieval ranked another first', () => {
    const tar = 'tar(1)\n\nNAME\n  tar - archiver, see also bzip2\n\n作者\n  Debian Linux\n';
    const bzip2 = 'bzip2(1)\n\nNAME\n  bzip2 - compressor\n\n作者\n  Julian Seward\n';
    const spans: Array<[number, number, number]> = [];
    const docs = [tar, bzip2].map((t, d) => {
      let at = 0;
      for (const line of t.split('\n')) {
        const start = at + line.length - line.trimStart().length;
        if (line.trim()) spans.push([d, start, at + line.length]);
        at += line.length + 1;
      }
      return { docId: `d${d}`, title: t.split('\n')[0], source: `${t.split('(')[0]}.1.html`, text: t };
    });
    const index = { documents: docs, sentences: spans } as unknown as LoadedIndex;
    // Retrieval's first document is tar's; the question names bzip2.
    expect(answerStructureQuestion('bzip2 作者?', index, 0)?.generated.answer).toBe('Julian Seward[1]');
    // Naming nothing, the retrieved document's author; and none when the retrieved document has no byline (another
    // page's would be a guess).
    expect(answerStructureQuestion('作者?', index, 0)?.generated.answer).toBe('Debian Linux[1]');
    const noByline = { ...index, documents: [{ ...docs[0], text: docs[0].text.replace('作者', '说明') }, docs[1]] } as unknown as LoadedIndex;
    expect(answerStructureQuestion('作者?', noByline, 0)).toBeUndefined();
    expect(answerStructureQuestion('bzip2 作者?', noByline, 0)?.generated.answer).toBe('Julian Seward[1]');
  });
});
