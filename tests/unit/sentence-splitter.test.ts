import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkParagraphs } from '../../ingest/chunker.js';
import { findContentEnd, parseDocument } from '../../ingest/load-corpus.js';
import { splitParagraphs, splitSentences } from '../../ingest/sentence-splitter.js';
import { REPO_CORPUS } from '../helpers/build-test-services.js';
import { isHardWrapped } from '../../server/shared/text/line-joins.js';

const ARTICLE = 'china-gpu-makers-burning-cash-2025-07-12.txt';
const raw = readFileSync(path.join(REPO_CORPUS, ARTICLE));
const doc = parseDocument(ARTICLE, raw);
/** The sentences of `text` as their text. */
const sentencesOf = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('sentence splitter', () => {
  it('splits on Chinese and English terminators, keeping closing quotes and decimals', () => {
    const text = '他说:“好。”然后走了!真的?是的;结束…English here. Value 18.40 stays. End';
    const parts = sentencesOf(text);
    expect(parts).toEqual(['他说:“好。”', '然后走了!', '真的?', '是的;', '结束…', 'English here.', 'Value 18.40 stays.', 'End']);
  });

  it('keeps a line of marked code whole, in plain and in hard-wrapped text, and splits the prose around it', () => {
    const code = 'for (i = 0; i < n; i++) { sum += i; }\ncd /tmp; make install. Done!';
    const text = `Loop first. Then build:\n${code}\nIt works. Really.`;
    const start = text.indexOf(code);
    const sentences = (t: string, codeBlocks = [{ start, end: start + code.length }]) =>
      splitParagraphs(t, t.length, { codeBlocks }).flatMap((p) => p.sentences).map((x) => t.slice(x.start, x.end));
    expect(sentences(text)).toEqual(['Loop first.', 'Then build:', 'for (i = 0; i < n; i++) { sum += i; }', 'cd /tmp; make install. Done!', 'It works.', 'Really.']);
    // Unmarked, the same lines are split at their marks.
    expect(sentences(text, [])).toContain('cd /tmp;');
    // A line too long to quote or embed whole (minified code) is split as prose is.
    const minified = Array.from({ length: 100 }, (_, i) => `var a${i}=f(${i});`).join(' ');
    const long = sentences(minified, [{ start: 0, end: minified.length }]);
    expect(long.length).toBeGreaterThan(50);
    expect(long[0]).toBe('var a0=f(0);');
    // Hard-wrapped prose around it (lines cut mid-sentence) is joined; the code lines are still one sentence each.
    const prose = [
      'This paragraph is wrapped at a narrow width so that its',
      'sentences go on over the next line, as plain text files of',
      'manuals are written by their authors, with a break at the',
      'end of every line. Then build the program with the loop:',
    ];
    const after = ['The build ends here and the next sentence is wrapped at', 'the same width as the one before it, and then it ends too.'];
    const wrapped = [...prose, code, ...after].join('\n');
    expect(isHardWrapped(wrapped)).toBe(true);
    const at = wrapped.indexOf(code);
    const parts = sentences(wrapped, [{ start: at, end: at + code.length }]);
    expect(parts).toContain('for (i = 0; i < n; i++) { sum += i; }');
    expect(parts).toContain('cd /tmp; make install. Done!');
    expect(parts).toContain('The build ends here and the next sentence is wrapped at\nthe same width as the one before it, and then it ends too.');
  });

  it('keeps the full stop after a closing bracket with its sentence', () => {
    const text = '2. Boot system with a rescue media (Debian boot disk, Knoppix CD, …). 3. Mount it.';
    expect(sentencesOf(text)).toEqual(['2. Boot system with a rescue media (Debian boot disk, Knoppix CD, …).', '3. Mount it.']);
  });

  it('ends no sentence at a ! ? ; inside a quotation that goes on, a line break inside it included', () => {
    const zh = '然后运行 "apt update; apt\n    dist-upgrade" 命令。完成。';
    expect(sentencesOf(zh)).toEqual(['然后运行 "apt update; apt\n    dist-upgrade" 命令。', '完成。']);
    const en = 'Run "apt update; apt dist-upgrade" now; then reboot. Type "yes!" to go on. He typed "cd /tmp; make clean." then left.';
    expect(sentencesOf(en)).toEqual(['Run "apt update; apt dist-upgrade" now;', 'then reboot.', 'Type "yes!" to go on.', 'He typed "cd /tmp; make clean." then left.']);
  });

  it('still ends one where the quotation ends with the mark, or where a quote is an inch mark, unclosed, or closed far off', () => {
    // The mark ends the quoted words and the sentence: a capital or Chinese follows the closing quote.
    expect(sentencesOf('He asked "Why?" She did not answer.')).toEqual(['He asked "Why?"', 'She did not answer.']);
    expect(sentencesOf('他问"多少?"答案是"三"。')).toEqual(['他问"多少?"', '答案是"三"。']);
    // An inch mark is no quote; the next quotation's opening quote is no closing one.
    expect(sentencesOf('Is a 3.5" floppy enough? No! Use the "USB" stick.')).toEqual(['Is a 3.5" floppy enough?', 'No!', 'Use the "USB" stick.']);
    expect(sentencesOf('He wrote "hello; world and left? Later she wrote "bye" too.')).toEqual(['He wrote "hello;', 'world and left?', 'Later she wrote "bye" too.']);
    // Quotes are counted from the paragraph's start: a full stop inside a quotation does not turn its closing quote into an opening one.
    expect(sentencesOf('He said "Install it. Reboot" and left; the next day "it" worked.')).toEqual(['He said "Install it.', 'Reboot" and left;', 'the next day "it" worked.']);
    // A closing quote past MAX_QUOTED (200) characters: the clause ends as before.
    expect(sentencesOf(`A "x; ${'y'.repeat(300)}" end.`)).toEqual(['A "x;', `${'y'.repeat(300)}" end.`]);
  });

  it('ends no sentence at a ! ? ; inside code or quoted characters, but does where a clause or Chinese ends', () => {
    const text = "Escape all special characters ('?', '*' and '['). On Windows escape('//?/c:/Quo*') returns x. Use $? here. Is it? Yes! He said 'why?' and left; 多少?然后";
    expect(sentencesOf(text)).toEqual([
      "Escape all special characters ('?', '*' and '[').",
      "On Windows escape('//?/c:/Quo*') returns x.",
      'Use $? here.',
      'Is it?',
      'Yes!',
      "He said 'why?'",
      'and left;',
      '多少?',
      '然后',
    ]);
    // Markup's "<?" and "<!" open a declaration or a comment, never end a clause.
    expect(sentencesOf('每一个 XML 文件使用下面的标准 XML 声明开始。 <?xml version="1.0" encoding="UTF-8"?> 注释是 <!-- comment -->。')).toEqual([
      '每一个 XML 文件使用下面的标准 XML 声明开始。',
      '<?xml version="1.0" encoding="UTF-8"?> 注释是 <!-- comment -->。',
    ]);
    // A less-than sign in prose is no markup: "a<b? Yes" still ends at the question mark.
    expect(sentencesOf('Is a<b? Yes, it is.')).toEqual(['Is a<b?', 'Yes, it is.']);
    // A quote, a slash or markup closing a word before the mark, and Latin words in Chinese text, still end clauses.
    const prose = 'What about "testing"? How is it /etc/zsh/; tcsh uses **Rust**? It is. 什么是"卡脖子"?就是掐住。支持 Linux;Windows 版本仍在开发。Open index.html?name=2 now.';
    expect(sentencesOf(prose)).toEqual([
      'What about "testing"?',
      'How is it /etc/zsh/;',
      'tcsh uses **Rust**?',
      'It is.',
      '什么是"卡脖子"?',
      '就是掐住。',
      '支持 Linux;',
      'Windows 版本仍在开发。',
      'Open index.html?name=2 now.',
    ]);
  });

  it('ends no sentence at an ellipsis a lower-case word follows, but does before a capital or Chinese', () => {
    const text = 'When APT tools, such as aptitude, apt-get, … are used, we update the meta data. It waits… Then it runs. 数据……部分固件包是自由软件。';
    expect(sentencesOf(text)).toEqual([
      'When APT tools, such as aptitude, apt-get, … are used, we update the meta data.',
      'It waits…',
      'Then it runs.',
      '数据……',
      '部分固件包是自由软件。',
    ]);
  });

  it('ends no sentence where a comma, colon or semicolon follows, as no sentence starts with one', () => {
    const text = '使用 perl、tcl、ruby……，如果在 Debian 上有现存代码。run at 0am, 2am, 4am ..., on Feb 1. 等等…；然后结束。Really?, he asked.';
    expect(sentencesOf(text)).toEqual([
      '使用 perl、tcl、ruby……，如果在 Debian 上有现存代码。',
      'run at 0am, 2am, 4am ..., on Feb 1.',
      '等等…；',
      '然后结束。',
      'Really?, he asked.',
    ]);
  });

  it('still ends one before an emoticon, an operator, a line that opens with ";", and after 1000 characters', () => {
    const text = 'Just kidding. :-) Relax. The value assigned. := does the same. Comments are allowed.\n; This line is a comment.';
    expect(sentencesOf(text)).toEqual(['Just kidding.', ':-) Relax.', 'The value assigned.', ':= does the same.', 'Comments are allowed.', '; This line is a comment.']);
    const long = 'See below. ' + 'item. ; '.repeat(2000);
    const parts = sentencesOf(long);
    expect(parts.length).toBeGreaterThan(10);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(1100);
  });

  it('ends no sentence after "e.g.", "i.e.", "cf.", "vs." while the paragraph goes on, a line break after them included', () => {
    const text = 'Limit the bandwidth for APT to e.g.\n    800Kib/sec (=100kiB/sec), as the following. Use a tool, i.e.\n  aptitude. Packages, etc.\n    The next one. See cf.';
    expect(sentencesOf(text)).toEqual([
      'Limit the bandwidth for APT to e.g.\n    800Kib/sec (=100kiB/sec), as the following.',
      'Use a tool, i.e.\n  aptitude.',
      // ("etc." can close a sentence: a line break after it still ends one.)
      'Packages, etc.',
      'The next one.',
      'See cf.',
    ]);
    // Capitalised, or after a bracket or a quote, the same.
    const more = 'E.g.\n  800Kib/sec is fine. See [cf. RFC 2119] for it. A（e.g.\n b） c.';
    expect(sentencesOf(more)).toEqual(['E.g.\n  800Kib/sec is fine.', 'See [cf. RFC 2119] for it.', 'A（e.g.\n b） c.']);
    // In capitals they are names: "VS." (an editor), "CF." (a card) end a sentence as any word does.
    const names = 'Open it in VS. Then press F5. Copy it to the CF. Then boot it.';
    expect(sentencesOf(names)).toEqual(['Open it in VS.', 'Then press F5.', 'Copy it to the CF.', 'Then boot it.']);
  });

  it('handles full-width terminators', () => {
    const text = '第一句！第二句？第三句；';
    expect(sentencesOf(text)).toEqual(['第一句！', '第二句？', '第三句；']);
  });

  it('gives exact offsets for every sentence and chunk of the real article', () => {
    const paragraphs = splitParagraphs(doc.text, doc.contentEnd);
    const chunks = chunkParagraphs(paragraphs);
    const sentences = paragraphs.flatMap((p) => p.sentences);
    expect(sentences.length).toBeGreaterThan(40);
    for (const s of sentences) {
      const slice = doc.text.slice(s.start, s.end);
      expect(slice).toBe(slice.trim());
      expect(slice.length).toBeGreaterThan(0);
    }
    // Chunks are contiguous runs of whole sentences, in order, covering every sentence once.
    expect(chunks.flatMap((c) => c.sentences)).toEqual(sentences);
    for (const c of chunks) {
      expect(c.start).toBe(c.sentences[0].start);
      expect(c.end).toBe(c.sentences[c.sentences.length - 1].end);
    }
  });
});

describe('corpus loader', () => {
  it('reads title, date and a URL-safe id', () => {
    expect(doc.title).toBe('国产 GPU 厂商的 “烧钱与梦想”:在挑战中追寻突围之路');
    expect(doc.date).toBe('2025-07-12');
    expect(doc.docId).toBe('china-gpu-makers-burning-cash-2025-07-12');
  });

  it('cuts the site navigation but keeps the byline', () => {
    const kept = doc.text.slice(0, doc.contentEnd);
    expect(kept).toContain('作者:盛煌娱乐');
    expect(kept).not.toContain('新闻资讯');
    expect(kept).not.toContain('孟买折叠');
    expect(doc.text.slice(doc.contentEnd)).toMatch(/^新闻资讯 News/);
  });

  it('does not cut a navigation-like word in the first half of an article', () => {
    const text = '标题\n相关新闻\n' + '正文内容。'.repeat(50);
    expect(findContentEnd(text)).toBe(text.length);
  });
});

describe('plain text laid out by indentation (man pages)', () => {
  // Hard-wrapped like a rendered man page: long enough, and its full lines run on.
  const man = [
    'OPTIONS',
    '   Pattern Syntax',
    '       -E, --extended-regexp',
    '              Interpret  PATTERNS  as  extended regular expressions (EREs, see',
    '              below).  This option is the same as egrep and it is described',
    '              in the section on regular expressions that comes further down.',
    '',
    '       -F, --fixed-strings',
    '              Interpret PATTERNS as fixed strings, not regular expressions, so',
    '              that no character in them has a special meaning in this mode.',
    '',
    '       -i, --ignore-case',
    '              Ignore case distinctions in patterns and input data, so that',
    '              characters that differ only in case match each other in both.',
  ].join('\n');
  const paragraphs = (labels: boolean) => splitParagraphs(man, man.length, { labels }).map((p) => man.slice(p.start, p.end).split('\n')[0].trim());

  it('a label line is a paragraph of its own, not the start of the sentence under it', () => {
    expect(paragraphs(true)).toEqual(['OPTIONS', 'Pattern Syntax', '-E, --extended-regexp', 'Interpret  PATTERNS  as  extended regular expressions (EREs, see', '-F, --fixed-strings', 'Interpret PATTERNS as fixed strings, not regular expressions, so', '-i, --ignore-case', 'Ignore case distinctions in patterns and input data, so that']);
  });

  it('without labels (structured formats) the block stays one paragraph', () => {
    expect(paragraphs(false)).toEqual(['OPTIONS', '-F, --fixed-strings', '-i, --ignore-case']);
  });
});

describe('a "+" item of hard-wrapped text', () => {
  it('starts a paragraph of its own, and its hanging lines stay in it', () => {
    // Hard-wrapped at 72 columns, its full lines running on, as the Debian Reference's text edition is.
    const text = [
      '    Some hardware needs drivers and firmware from several places, as the',
      '    list below shows in detail for each kind of hardware in the machine.',
      '      * GPU drivers, which the kernel loads for the graphics hardware at',
      '        boot time',
      '          + Intel GPU driver (main), free software shipped in the archive',
      '          + NVIDIA GPU driver (nouveau in main, the binary driver the vendor',
      '            supports in non-free), which needs the non-free area enabled',
      '',
      '    Firmware is code or data loaded onto a device of the target system,',
      '    such as CPU microcode or the rendering code run by a GPU, and many',
      '    firmware packages are not free software because they hold data with',
      '    no source code; such packages are in the non-free-firmware area.',
    ].join('\n');
    const firstLines = splitParagraphs(text).map((p) => text.slice(p.start, p.end).split('\n')[0].trim().slice(0, 20));
    expect(firstLines).toEqual(['Some hardware needs ', '* GPU drivers, which', '+ Intel GPU driver (', '+ NVIDIA GPU driver ', 'Firmware is code or ']);
  });
});

describe('a row of a text table', () => {
  it('is one sentence, whatever punctuation its cells hold', () => {
    const text = ['    |NORMAL  |:q      |quit vim           |', '    |--------+--------+-------------------|', '    |NORMAL  |:q!     |force to quit vim  |', '', 'Press Esc. Then type :wq!  It saves.'].join('\n');
    const sentences = splitParagraphs(text).flatMap((p) => p.sentences.map((s) => text.slice(s.start, s.end)));
    expect(sentences).toContain('|NORMAL  |:q!     |force to quit vim  |');
    expect(sentences).toContain('Press Esc.'); // prose is still split at its sentence ends
    const help = '|x| is the absolute value of x. It is never negative! See also |sign|.';
    expect(splitParagraphs(help).flatMap((p) => p.sentences).length).toBe(3); // a line that only starts with |tag| is prose
  });
});
