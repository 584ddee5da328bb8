import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../ingest/formats/decode-text.js';
import { extractDocument, sniffFormat } from '../../ingest/formats/format-registry.js';
import { extractHtml } from '../../ingest/formats/html-format.js';
import { extractMarkdown } from '../../ingest/formats/markdown-format.js';
import { headingSentenceOf, sectionHeading } from '../../server/core/section-headings.js';
import type { LoadedIndex } from '../../server/shared/index-format/loaded-index.js';
import { MARKUP } from '../helpers/real-documents.js';
import { extractionFailure } from '../helpers/extraction-failure.js';

/**
 * The extractors on inputs written here: nothing to install, no heavy parser but mammoth's. The same
 * extractors over real third-party files (the Debian PDFs through pdf.js, a Word file made by pandoc, a Debian
 * Reference chapter) are tests/integration/real-document-extraction.test.ts.
 */

const ZH = '摩尔线程成立于 2020 年，总部位于北京。公司的员工有 1126 名，其中研发人员占比 74.94%。';
const ZH_TRAD = '摩爾線程成立於 2020 年，總部位於北京。公司的員工有 1126 名，其中研發人員佔比 74.94%。';

describe('text decoding', () => {
  it.each([
    ['GBK', iconv.encode(ZH, 'gbk'), ZH, 'GB18030'],
    ['Big5', iconv.encode(ZH_TRAD, 'big5'), ZH_TRAD, 'Big5'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ZH)]), ZH, 'UTF-8 (BOM)'],
    ['UTF-16LE with BOM', iconv.encode(ZH, 'utf-16le', { addBOM: true }), ZH, 'UTF-16LE'],
    ['UTF-16BE with BOM', iconv.encode(ZH, 'utf-16be', { addBOM: true }), ZH, 'UTF-16BE'],
    ['UTF-16LE without BOM (English)', iconv.encode('The quick brown fox jumps over the lazy dog. '.repeat(4), 'utf-16le'), 'The quick brown fox jumps over the lazy dog. '.repeat(4), 'UTF-16LE'],
  ])('decodes %s', (_name, bytes, expected, encoding) => {
    const decoded = decodeText(bytes);
    expect(decoded.text).toBe(expected);
    expect(decoded.encoding).toBe(encoding);
  });

  it('normalises CRLF line ends so offsets do not depend on the system that wrote the file', () => {
    expect(decodeText(Buffer.from('a\r\nb\rc\n')).text).toBe('a\nb\nc\n');
  });

  it('refuses binary content: NUL bytes, random bytes, mostly invalid text', async () => {
    expect(await extractionFailure('data.txt', Buffer.from([0x41, 0x00, 0x42, 0x43, 0x00, 0x01, 0x02]))).toMatchObject({ failure: 'binary' });
    expect(await extractionFailure('random.txt', randomBytes(64 * 1024))).toMatchObject({ failure: 'binary' });
    const controls = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i % 7 === 0 ? 0x07 : 0x61)));
    expect((await extractionFailure('bell.txt', controls)).message).toMatch(/invalid or control characters/);
  });

  it('keeps a text with a few broken bytes (under 1%)', async () => {
    const text = 'A plain sentence that goes on for a while. '.repeat(50);
    const buf = Buffer.concat([Buffer.from(text), Buffer.from([0xff]), Buffer.from(text)]);
    expect((await extractDocument('mostly.txt', buf)).text).toContain('A plain sentence');
  });

  it('refuses empty and whitespace-only files', async () => {
    expect(await extractionFailure('empty.txt', Buffer.alloc(0))).toMatchObject({ failure: 'empty' });
    expect(await extractionFailure('blank.md', Buffer.from(' \n\n\t'))).toMatchObject({ failure: 'empty' });
  });
});

describe('format sniffing', () => {
  it('reads the content first: a PDF is a PDF whatever its name; a PNG named .pdf is refused', async () => {
    expect(sniffFormat('report', Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(await extractionFailure('scan.pdf', png)).toMatchObject({ failure: 'unsupported', message: expect.stringMatching(/PNG/) });
    expect(await extractionFailure('notes.docx', Buffer.from('plain text, not a zip'))).toMatchObject({ failure: 'corrupt' });
    expect(await extractionFailure('table.csv', Buffer.from('a,b\n1,2\n'))).toMatchObject({ failure: 'unsupported', message: expect.stringMatching(/\.csv/) });
  });
});

describe('Markdown', () => {
  const md = [
    '---',
    'title: Field notes',
    '---',
    '# Mary *Ellen* Shaw',
    '',
    'She wrote **three** books, see [the list](http://example.com/list).',
    '中文第一行',
    '接着第二行。',
    '',
    '## Books',
    '',
    '| Name | Year |',
    '|------|------|',
    '| Alpha | 2019 |',
    '',
    '- item one',
    '- item two',
    '',
    '```sh',
    'echo hi',
    '```',
  ].join('\n');

  it('removes markup, keeps headings as structure and a table drawn with its header', () => {
    const doc = extractMarkdown(Buffer.from(md));
    expect(doc.title).toBe('Field notes');
    expect(doc.text).not.toMatch(MARKUP);
    expect(doc.text).not.toMatch(/^#/m);
    expect(doc.text).toContain('She wrote three books, see the list.');
    // A soft line break between CJK characters is no space; the paragraph is one block.
    expect(doc.text).toContain('中文第一行接着第二行。');
    expect(doc.text).toContain('|Name |Year |\n+---+---+\n|Alpha |2019 |');
    expect(doc.text).toContain('echo hi');
    // The fence is recorded as code: its line is a command though nothing indents or prompts it.
    expect(doc.codeBlocks?.map((r) => doc.text.slice(r.start, r.end))).toEqual(['echo hi']);
    const books = doc.headings.find((h) => h.path.join(' > ') === 'Mary Ellen Shaw > Books')!;
    expect(doc.text.slice(books.start, books.end)).toMatch(/^Books\n\n\|Name \|Year \|/);
  });
});

describe('raw HTML inside Markdown', () => {
  it('keeps its paragraphs apart, its table cells, and its <pre> as code', () => {
    const md = '# Title\n\nIntro text.\n\n<div>\n<p>First para here.</p>\n<p>Second para.</p>\n<pre>cd /tmp; make\nmake install</pre>\n<table><tr><td>a</td><td>b</td></tr></table>\n</div>\n\nAfter.\n';
    const doc = extractMarkdown(Buffer.from(md));
    expect(doc.text).toBe('Title\n\nIntro text.\n\nFirst para here.\n\nSecond para.\n\ncd /tmp; make\nmake install\n\na\tb\n\nAfter.');
    expect(doc.codeBlocks?.map((r) => doc.text.slice(r.start, r.end))).toEqual(['cd /tmp; make\nmake install']);
  });
});

describe('HTML', () => {
  it("records each <pre> as a code block from its first line's start (blank lines out, indentation in), none when taken back", () => {
    const doc = extractHtml('<p>This example prints the .txt files:</p><pre>\nimport os\nfor f in os.listdir("."):\n    print(f)\n</pre><p>After.</p>');
    expect(doc.codeBlocks?.map((r) => doc.text.slice(r.start, r.end))).toEqual(['import os\nfor f in os.listdir("."):\n    print(f)']);
    // An indented first line: the range starts where the line does, as the splitter and the language judge ask.
    const indented = extractHtml('<p>Run:</p><pre>    cd /tmp; make. Done!\n    make install</pre>');
    const [block] = indented.codeBlocks!;
    expect(indented.text[block.start - 1]).toBe('\n');
    expect(indented.text.slice(block.start, block.end)).toBe('    cd /tmp; make. Done!\n    make install');
    // An image's text and a <br> inside the <pre> are code too, in their place: the block still starts at its line.
    const prompt = extractHtml('<p>Run this:</p><pre><img alt="$"> cd /tmp; make<br>make install</pre>');
    const [p] = prompt.codeBlocks!;
    expect(prompt.text.slice(p.start, p.end)).toBe('$ cd /tmp; make\nmake install');
    expect(prompt.text[p.start - 1]).toBe('\n');
    // A <pre> inside navigation that is dropped leaves no range behind; a page without code has none.
    expect(extractHtml('<div class="sidebar"><a href="/a">Home</a><pre>x</pre></div><p>Text.</p>').codeBlocks).toBeUndefined();
    expect(extractHtml('<p>Only prose.</p>').codeBlocks).toBeUndefined();
  });

  it("drops a heading's permalink anchor (Sphinx, MkDocs) but keeps in-page links that are text", () => {
    const html =
      '<h2>Sorting Basics<a class="headerlink" href="#sorting-basics" title="Permalink to this headline">¶</a></h2>' +
      '<p>See <a href="#key-functions">Key Functions</a> below.<a href="#x" title="Permalink to this definition">¶</a></p>';
    expect(extractHtml(html).text).toBe('Sorting Basics\n\nSee Key Functions below.');
  });

  it('reads a superscript exponent or note number with ^, an ordinal, a mark or code as printed', () => {
    expect(extractHtml('<p>IPv6 has 2<sup>64</sup> addresses per subnet.</p><h2>E = mc<sup>2</sup></h2>').text).toBe('IPv6 has 2^64 addresses per subnet.\n\nE = mc^2');
    expect(extractHtml('<p>x<sup> n</sup> and 10<sup>-3</sup>; the 1<sup>st</sup> Acme<sup>®</sup> Foo<sup>TM</sup> note<sup>[1]</sup>.</p>').text).toBe('x^n and 10^-3; the 1st Acme® FooTM note[1].');
    expect(extractHtml('<p>none<sup></sup> here</p><pre>a<sup>2</sup></pre>').text).toBe('none here\n\na2');
    // An entity opens the superscript as a piece of its own.
    expect(extractHtml('<p>10<sup>&minus;3</sup> and x<sup>&nbsp;2</sup> and y<sup>&minus;</sup></p>').text).toBe('10^\u22123 and x^2 and y\u2212');
  });

  it("reads a definition list's terms as the headings of their descriptions, and no further than the list", () => {
    const doc = extractHtml(
      '<h2>Static markers</h2><dl><dt><code>gc__done(long collected)</code><a class="headerlink" href="#g">¶</a></dt>' +
        '<dd><p>Fires when a collection finishes. arg0 is the number of collected objects.</p>' +
        '<dl><dt>Note</dt><dd>Nested.</dd></dl><p>New in version 3.7.</p></dd>' +
        '<dt>-a</dt><dt>--all</dt><dd>Show all.</dd></dl><p>After the list.</p>' +
        `<dl><dt>${'a long term '.repeat(20)}</dt><dd>Its text.</dd></dl>`,
    );
    const pathOf = (needle: string) => {
      const at = doc.text.indexOf(needle);
      expect(at).toBeGreaterThanOrEqual(0);
      return doc.headings.find((h) => h.start <= at && at < h.end)?.path;
    };
    expect(doc.text).toContain('gc__done(long collected)\n\nFires when a collection finishes.');
    expect(pathOf('arg0 is')).toEqual(['Static markers', 'gc__done(long collected)']);
    expect(pathOf('Nested.')).toEqual(['Static markers', 'gc__done(long collected)', 'Note']);
    // After the nested list, its description goes on under the outer term only.
    expect(pathOf('New in version 3.7.')).toEqual(['Static markers', 'gc__done(long collected)']);
    // Terms one after another name one description.
    expect(doc.text).toContain('-a, --all\n\nShow all.');
    expect(pathOf('Show all.')).toEqual(['Static markers', '-a, --all']);
    expect(pathOf('After the list.')).toEqual(['Static markers']);
    // A paragraph laid out as a term is text, not a heading.
    expect(pathOf('Its text.')).toEqual(['Static markers']);
    // No range is recorded over blank lines alone.
    for (const h of doc.headings) expect(doc.text.slice(h.start, h.end).trim()).not.toBe('');
  });

  const html = `<!doctype html><html><head><title>Network &amp; setup</title><style>p{color:red}</style>
    <script>var secret = "do not index";</script></head><body>
    <nav class="navheader"><a href="/">Home</a> | <a href="/next">Next</a></nav>
    <div class="breadcrumb">Docs › Network</div>
    <h1>Chapter 5</h1><p>Intro   text
    spanning lines.</p>
    <h2>5.1 Hosts</h2>
    <p>中文段落
    继续。</p>
    <ul><li>first item</li><li>second <b>bold</b> item</li></ul>
    <table><tr><th>Package</th><th>Size</th></tr><tr><td>ifupdown</td><td>199</td></tr></table>
    <pre>127.0.0.1 localhost
::1       ip6-localhost</pre>
    <footer>© 2023 Site</footer></body></html>`;

  it('keeps visible text only, with title, heading paths, lists, tables and code readable', () => {
    const doc = extractHtml(Buffer.from(html));
    expect(doc.title).toBe('Network & setup');
    expect(doc.text).not.toMatch(MARKUP);
    for (const hidden of ['do not index', 'color:red', 'Home', 'Docs › Network', '© 2023']) expect(doc.text).not.toContain(hidden);
    expect(doc.text).toContain('Intro text spanning lines.');
    expect(doc.text).toContain('中文段落继续。');
    expect(doc.text).toContain('• first item\n\n• second bold item'); // list items keep a bullet, as Markdown writes them
    expect(doc.text).toContain('|Package |Size |\n+---+---+\n|ifupdown |199 |');
    expect(doc.text).toContain('127.0.0.1 localhost\n::1       ip6-localhost');
    // The <pre> is recorded as code, exactly its text; nothing else is.
    expect(doc.codeBlocks?.map((r) => doc.text.slice(r.start, r.end))).toEqual(['127.0.0.1 localhost\n::1       ip6-localhost']);
    const hosts = doc.headings.find((h) => h.path.length === 2)!;
    expect(hosts.path).toEqual(['Chapter 5', '5.1 Hosts']);
    expect(doc.text.slice(hosts.start, hosts.end)).toMatch(/^5\.1 Hosts\n\n中文段落/);
  });
});

describe('Word (.docx)', () => {
  it('names a broken .docx as corrupt', async () => {
    const zipHeaderOnly = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml truncated')]);
    expect(await extractionFailure('broken.docx', zipHeaderOnly)).toMatchObject({ failure: 'corrupt' });
  });
});

describe('HTML definition terms in the section structure the answerer reads', () => {
  // Each block of the extracted text one sentence, as the splitter makes of these one-sentence blocks.
  const indexOf = (html: string) => {
    const doc = extractHtml(html);
    const sentences: LoadedIndex['sentences'] = [];
    for (const m of doc.text.matchAll(/[^\n]+/g)) sentences.push([0, m.index, m.index + m[0].length, 0]);
    const index = { documents: [{ ...doc, id: 'd' }], sentences } as unknown as LoadedIndex;
    const sentence = (needle: string) => sentences.findIndex(([, s, e]) => doc.text.slice(s, e).includes(needle));
    const text = (i: number) => (i < 0 ? undefined : doc.text.slice(sentences[i][1], sentences[i][2]));
    return { doc, index, sentence, text };
  };

  it("heads a description with its term, and the text after the list with the section's heading again", () => {
    const { index, sentence, text } = indexOf('<h2>Static markers</h2><p>Intro.</p><dl><dt>-a</dt><dt>--all</dt><dd>Show all.</dd></dl><p>After the list.</p>');
    expect(text(headingSentenceOf(index, sentence('Show all.')))).toBe('-a, --all');
    expect(sectionHeading(index, sentence('After the list.'))).toBe('Static markers');
    expect(text(headingSentenceOf(index, sentence('After the list.')))).toBe('Static markers');
  });

  it("heads a term with the section the list is in, as a plain-text label is: the keyword search's heading field of the term's chunk", () => {
    const { index, sentence, text } = indexOf('<h2>Static markers</h2><p>Intro.</p><dl><dt>-a</dt><dt>--all</dt><dd>Show all.</dd></dl><p>After the list.</p>');
    expect(text(headingSentenceOf(index, sentence('-a, --all')))).toBe('Static markers');
    // The outermost heading has no section above it.
    expect(headingSentenceOf(index, sentence('Static markers'))).toBe(-1);
  });

  it('keeps counting lists a table in a cell interrupts, and drops a term read inside navigation', () => {
    const nested = extractHtml(
      '<h2>S</h2><dl><dt>Outer</dt><dd><table><tr><td><dl><dt>T</dt><dd><table><tr><td>x</td></tr></table></dd></dl></td></tr></table>' +
        '<p>still under Outer</p></dd><dt>Next</dt><dd>y</dd></dl><p>after</p>',
    );
    const pathOf = (needle: string) => nested.headings.find((h) => h.start <= nested.text.indexOf(needle) && nested.text.indexOf(needle) < h.end)?.path;
    expect(pathOf('still under Outer')).toEqual(['S', 'Outer']);
    expect(pathOf('after')).toEqual(['S']);
    const nav = extractHtml('<h2>S</h2><div class="toc"><dt><a href="#a">Intro</a></dt></div><p>Body text here.</p>');
    expect(nav.text).not.toContain('Intro');
    expect(nav.headings.find((h) => h.start <= nav.text.indexOf('Body') && nav.text.indexOf('Body') < h.end)?.path).toEqual(['S']);
  });

  it('never takes a term for the title, and marks term ranges as such', () => {
    const doc = extractHtml('<dl><dt>Author</dt><dd>Jane</dd></dl><h1>Real Title</h1><p>Text.</p>');
    expect(doc.title).toBe('Real Title');
    expect(doc.headings.find((h) => h.path[h.path.length - 1] === 'Author')?.term).toBe(true);
    expect(doc.headings.find((h) => h.path[h.path.length - 1] === 'Real Title')?.term).toBeUndefined();
  });
});
