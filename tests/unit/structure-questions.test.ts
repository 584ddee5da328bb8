import { describe, expect, it } from 'vitest';
import { asksForTitle, namesOnlyTheDocument } from '../../server/core/structure-questions.js';
import { asksForDocumentDate } from '../../server/core/document-date.js';

describe('title questions', () => {
  it.each([
    ['这篇文章的标题是什么?', true],
    ['What is the title of the article?', true],
    ['那文件里需要有标题行吗?', false],
    ['How do I hide the title bar?', false],
  ])('%s → %s', (q, asks) => {
    expect(asksForTitle(q)).toBe(asks);
  });
});

describe('an English title question', () => {
  const title = '国产 GPU 厂商的 “烧钱与梦想”:在挑战中追寻突围之路';
  it.each([
    ['What is the title of this article?', true],
    ["What's the article's headline?", true],
    ['What is the title of the GPU article?', true],
    ['这篇文章的标题是什么?', true],
    // A person's title: the question names more than the document.
    ['What title is MetaX co-founder Peng Li known by at AMD?', false],
    ['What is the job title of the founder?', false],
  ])('%s asks for the document\'s title: %s', (q, expected) => {
    expect(namesOnlyTheDocument(q, title)).toBe(expected);
  });
});

describe('document date questions', () => {
  it.each([
    ['When was this article published?', true],
    ['这篇文章是什么时候发布的?', true],
    ['这篇稿子是哪天发的？', true],
    ['文章日期', true],
    ['what date was the document written on?', true],
    ['What is the date of this document?', true],
    ['When did the article come out?', true],
    ['When was this story first published?', true],
    ['这篇文章的日期是什么', true],
    ['这篇文章是在什么时间发布的', true],
    ['这篇报道发表于哪一天', true],
    ['这篇文章发布时间', true],
    // The document named by what it is about.
    ['When was this article about Chinese GPU makers published?', true],
    ['这篇关于国产 GPU 厂商的文章是哪天发布的?', true],
    // Every noun that names a document (document-nouns.ts), described or not.
    ['When was this manual about bash published?', true],
    ['这份关于显卡的手册是哪天发布的?', true],
    ['这篇国产GPU的文章是哪天发的?', true],
    ['这份讲显卡驱动的手册什么时候发布的', true],
    // A directional complement on the verb (发出来, 写出来) is grammar, not a topic.
    ['这篇报道是哪天发出来的?', true],
    ['这篇关于国产 GPU 的报道是什么时候发布出去的', true],
    ['这篇文章是哪天写出来的?', true],
    ['这篇文章说的芯片是哪天写出来的?', false],
    ['这篇报道什么时候发出来呢?', true],
    ['这篇报道是哪天发出来的。', true],
    // What the report is about, as with 写的是 (not when it was written).
    ['这篇报道写出来的是哪天?', false],
    // What the article is about, not when it was written.
    ['这篇报道写的是哪天？', false],
    // Another document, an event the article reports, a release: not the document's own date.
    ['When was the FTP RFC (959) published?', false],
    ['这篇文章说摩尔线程什么时候发布了 MTTS80?', false],
    ['这篇文章的 MTTS80 的发布日期是哪天?', false],
    ['这篇文章引用的新闻是哪天发布的?', false],
    ['这份手册提到的教程是什么时候发布的?', false],
    ['Debian Edu 12 是哪一天正式发布的?', false],
    ['这份 Debian Edu 手册是用什么许可证发布的？', false],
    ['When did Nvidia pass 4 trillion dollars, according to the article?', false],
  ])('%s → %s', (q, asks) => {
    expect(asksForDocumentDate(q)).toBe(asks);
  });
});
