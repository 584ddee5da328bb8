import { describe, expect, it } from 'vitest';
import { splitParagraphs } from '../../ingest/sentence-splitter.js';
import { isHardWrapped, joinWrappedLines } from '../../server/shared/text/line-joins.js';

const wrappedEn = Array.from({ length: 6 }, (_, i) =>
  `    Paragraph ${i} starts here and it keeps going for a while so that the\n    line is full before it breaks, then it ends here.\n`,
).join('\n');
const wrappedZh = Array.from({ length: 6 }, () => '    典型的启动过程像是一个四级的火箭。每一级火箭将系统控制权交给下一\n    级。然后继续写一些别的内容，让这一行也足够长到需要换行才能写\n    完。\n').join('\n');

describe('hard-wrapped text', () => {
  it('is detected; one-paragraph-per-line text is not', () => {
    expect(isHardWrapped(wrappedEn)).toBe(true);
    expect(isHardWrapped(wrappedZh)).toBe(true);
    expect(isHardWrapped(Array.from({ length: 10 }, () => '很长的一段话'.repeat(30)).join('\n'))).toBe(false);
  });

  it('joins line breaks: nothing between CJK characters, one space between Latin words', () => {
    expect(joinWrappedLines('交给下一\n    级。')).toBe('交给下一级。');
    expect(joinWrappedLines('the\n    line is')).toBe('the line is');
  });

  it('joins a path or URL broken after one of its slashes; a slash standing alone or closing a C comment does not', () => {
    expect(joinWrappedLines("char y[10]; /* prevent buffer overflow */\n    y[10] = '\\0';")).toBe("char y[10]; /* prevent buffer overflow */ y[10] = '\\0';");
    expect(joinWrappedLines('creating "/etc/\n    systemd/network/dhcp.network". E.g.:')).toBe('creating "/etc/systemd/network/dhcp.network". E.g.:');
    expect(joinWrappedLines('修改"/etc/\n    sysctl.conf"。')).toBe('修改"/etc/sysctl.conf"。');
    expect(joinWrappedLines('see https://wiki.debian.org/\n    NetworkManager for more')).toBe('see https://wiki.debian.org/NetworkManager for more');
    expect(joinWrappedLines('the root directory /\n    is mounted')).toBe('the root directory / is mounted');
    expect(joinWrappedLines('中文/\n    英文')).toBe('中文/ 英文');
  });

  it('joins an absolute path broken before one of its slashes; not a relative path, a URL, nor a lone slash', () => {
    expect(joinWrappedLines('the /usr/sbin\n        /sendmail command')).toBe('the /usr/sbin/sendmail command');
    expect(joinWrappedLines('在 “/etc/pam.d\n    /su” 中启用')).toBe('在 “/etc/pam.d/su” 中启用');
    expect(joinWrappedLines('value like "/run/user/1000\n    /.mutter-Xwaylandauth"')).toBe('value like "/run/user/1000/.mutter-Xwaylandauth"');
    expect(joinWrappedLines('files and dirs\n    /etc/hosts')).toBe('files and dirs /etc/hosts');
    expect(joinWrappedLines('see a/b\n    /c')).toBe('see a/b /c');
    expect(joinWrappedLines('see http://x.org/a\n    /b')).toBe('see http://x.org/a /b');
    expect(joinWrappedLines('under /etc\n    / and')).toBe('under /etc / and');
    expect(joinWrappedLines('the /usr/sbin\r\n  /sendmail')).toBe('the /usr/sbin/sendmail');
    expect(joinWrappedLines('keys in "~/.ssh\n    /authorized_keys" and "~\n    /.bashrc"')).toBe('keys in "~/.ssh/authorized_keys" and "~/.bashrc"');
    // A full stop ends the path; a word longer than 200 characters is not read back to its start (a URL or a relative
    // path must not pass for an absolute one there).
    expect(joinWrappedLines('Edit /etc/hosts.\n    /etc/hosts.allow next')).toBe('Edit /etc/hosts. /etc/hosts.allow next');
    const long = `see http://x.org${'/bbbbbbbbb'.repeat(20)}`;
    expect(joinWrappedLines(`${long}\n    /c`)).toBe(`${long} /c`);
    expect(joinWrappedLines(`see aaaaaaaaaa${'/bbbbbbbbb'.repeat(20)}\n    /c`)).toBe(`see aaaaaaaaaa${'/bbbbbbbbb'.repeat(20)} /c`);
    // Two paths on two lines of one sentence read as one: nothing tells them from a path the wrap broke (the choice).
    expect(joinWrappedLines('The files it reads are\n    /etc/passwd\n    /etc/shadow')).toBe('The files it reads are /etc/passwd/etc/shadow');
  });

  it("joins a word groff hyphenated across lines (U+2010 before a lower-case letter or between capitals); keeps other hyphens", () => {
    expect(joinWrappedLines('use: equiv\u2010\n              alent to -a')).toBe('use: equivalent to -a');
    expect(joinWrappedLines('--interactive=al\u2010\n    ways')).toBe('--interactive=always');
    expect(joinWrappedLines('SIM\u2010\n    PLE_BACKUP_SUFFIX')).toBe('SIMPLE_BACKUP_SUFFIX');
    expect(joinWrappedLines('version 2\u2010\n    3 only')).toBe('version 2\u2010 3 only');
    expect(joinWrappedLines('use --class\u2010\n    path here')).toBe('use --class\u2010path here');
    expect(joinWrappedLines('see the --\n    config option')).toBe('see the -- config option');
  });

  it('keeps a sentence broken across lines whole, with offsets into the original text', () => {
    const sentences = splitParagraphs(wrappedZh).flatMap((p) => p.sentences);
    const texts = sentences.map((s) => wrappedZh.slice(s.start, s.end));
    expect(texts).toContain('每一级火箭将系统控制权交给下一\n    级。');
    expect(joinWrappedLines(texts[1])).toBe('每一级火箭将系统控制权交给下一级。');
    const en = splitParagraphs(wrappedEn).flatMap((p) => p.sentences);
    expect(en).toHaveLength(6);
  });

  it('does not cut at section numbers', () => {
    const text = '3.1. An overview of the boot process\n\nTable 4.1. Three files\n';
    expect(splitParagraphs(text).flatMap((p) => p.sentences).map((s) => text.slice(s.start, s.end))).toEqual([
      '3.1. An overview of the boot process',
      'Table 4.1. Three files',
    ]);
  });

  it('keeps a number that continues a line cut mid-sentence; a numbered item after a finished sentence still starts its own', () => {
    const text =
      wrappedEn +
      '\n    The udev system provides mechanism for the automatic hardware\n    discovery since Linux kernel\n    2.6. Upon discovery of each device the\n    udev system starts a user process.\n' +
      '\n    Reset it with the following steps.\n    1. Boot the rescue media.\n';
    const sentences = splitParagraphs(text).flatMap((p) => p.sentences).map((s) => joinWrappedLines(text.slice(s.start, s.end)));
    expect(sentences).toContain('The udev system provides mechanism for the automatic hardware discovery since Linux kernel 2.6.');
    expect(sentences).toContain('1. Boot the rescue media.');
  });

  it('keeps a table row whose cells wrap onto more lines as one sentence, when the table is ruled between rows', () => {
    const rule = '    |------------+------+---------------------------|';
    const ruled = [
      wrappedEn,
      rule,
      '    |ibus-hangul |I:2   |Korean                     |',
      rule,
      '    |ibus-keyman |V:0,  |Multilingual: Keyman engine|',
      '    |            |I:0   |for over 2000 languages    |',
      rule,
      '',
    ].join('\n');
    const rows = splitParagraphs(ruled).flatMap((p) => p.sentences).map((s) => ruled.slice(s.start, s.end)).filter((t) => t.includes('ibus'));
    expect(rows).toEqual(['|ibus-hangul |I:2   |Korean                     |', '|ibus-keyman |V:0,  |Multilingual: Keyman engine|\n    |            |I:0   |for over 2000 languages    |']);
    // Ruled only under the header: every line is a row of its own.
    const headerOnly = [wrappedEn, '    |name  |size|', rule, '    |foo   |1   |', '    |bar   |2   |', '    |baz   |3   |', '    |qux   |4   |', '    |quux  |5   |', ''].join('\n');
    const lines = splitParagraphs(headerOnly).flatMap((p) => p.sentences).map((s) => headerOnly.slice(s.start, s.end));
    expect(lines).toContain('|foo   |1   |');
    expect(lines).toContain('|quux  |5   |');
  });
  it('reads a man page with a box-drawn table wider than its page as hard-wrapped, and each ruled row as one sentence', () => {
    // groff's tables rendered to UTF-8 (file-hierarchy(7) in Chinese): rows padded far past the page's 80 columns.
    const pad = ' '.repeat(120);
    const page = [
      wrappedZh,
      '       ┌──────────┬──────────────' + '─'.repeat(120) + '┐',
      '       │目录      │ 用途' + pad + '│',
      '       ├──────────┼──────────────' + '─'.repeat(120) + '┤',
      '       │/usr/bin  │ 应该出现在 $PATH' + pad + '│',
      '       │          │ 搜索路径中的可执行文件。' + pad + '│',
      '       ├──────────┼──────────────' + '─'.repeat(120) + '┤',
      '       │/usr/lib  │ 共享库。' + pad + '│',
      '       └──────────┴──────────────' + '─'.repeat(120) + '┘',
      '',
    ].join('\n');
    expect(isHardWrapped(page)).toBe(true);
    const sentences = splitParagraphs(page, page.length, { labels: true }).flatMap((p) => p.sentences).map((s) => page.slice(s.start, s.end));
    expect(sentences).toContain('典型的启动过程像是一个四级的火箭。');
    expect(sentences).toContain('每一级火箭将系统控制权交给下一\n    级。');
    const usrBin = sentences.filter((s) => s.includes('/usr/bin'));
    expect(usrBin).toHaveLength(1);
    expect(usrBin[0]).toContain('搜索路径中的可执行文件。');
    expect(sentences.some((s) => s.includes('/usr/lib') && s.includes('/usr/bin'))).toBe(false);
    // A short page whose one table is its widest text still reads as hard-wrapped: its lines count as lines.
    const short = ['    典型的启动过程像是一个四级的火箭。每一级火箭将系统控制权交给下一', '    级。', ...Array.from({ length: 8 }, () => `    ├${'─'.repeat(30)}┼${'─'.repeat(33)}┤`)].join('\n');
    expect(isHardWrapped(short)).toBe(true);
  });
});
