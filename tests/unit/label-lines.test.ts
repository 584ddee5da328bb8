import { describe, expect, it } from 'vitest';
import { indentWidth, labelLines } from '../../server/shared/text/label-lines.js';

const labels = (text: string) => labelLines(text).map((l) => [text.slice(l.start, l.end), l.indent]);

describe('label lines of indented plain text', () => {
  it("finds a man page's section, group and option labels with their columns", () => {
    const man = [
      'NAME',
      '       grep - print lines that match patterns',
      '',
      'OPTIONS',
      '   Pattern Syntax',
      '       -E, --extended-regexp',
      '              Interpret  PATTERNS  as  extended regular expressions (EREs, see',
      '              below).',
      '',
      '       --help Output a usage message and exit.',
      '',
      '       -n <0|1|false>',
      '              Numeric mode.',
    ].join('\n');
    expect(labels(man)).toEqual([
      ['NAME', 0],
      ['OPTIONS', 0],
      ['Pattern Syntax', 3],
      ['-E, --extended-regexp', 7],
      ['-n <0|1|false>', 7],
    ]);
  });

  it('prose, list items, code and lines inside a paragraph are not labels', () => {
    const text = [
      'Run this command as root:',
      '    # apt-get update',
      '',
      'if [ "$TERM" != "dumb" ]; then',
      '    echo smart',
      '',
      '$ sudo rdiff-backup -r now \\',
      '      /backup /restore',
      '',
      "server.on('error', (err) => {",
      '  console.error(err);',
      '',
      '  • a bullet item',
      '    wrapped on',
      '',
      // "+": Markdown's item, and the Debian Reference text's second level.
      '  + NVIDIA GPU 驱动 (由厂家支持的二进',
      '    制驱动)',
      '',
      'A paragraph whose second line',
      'is short',
      '    and then indented.',
      '',
      'A label with nothing indented under it',
      'Same column.',
    ].join('\n');
    expect(labels(text)).toEqual([]);
  });

  it('an option label may open with "+" (sort(1)\'s "+POS1 [-POS2]"); a "+" border or a "+ " item is none', () => {
    const text = ['       +POS1 [-POS2]', '              start a key at POS1 (origin 0), end it at POS2', '', '  +-----+', '    |a |'].join('\n');
    expect(labels(text)).toEqual([['+POS1 [-POS2]', 7]]);
  });

  it("a short item over a nested list is its term (the Debian Reference text's definition lists); a wrapped item is none", () => {
    const text = [
      '      * "推荐"',
      '',
      '          + 这里表示一个强，但不是绝对的依赖关系。',
      '',
      '      * "建议"',
      '',
      '          + 较弱的依赖。',
      '',
      '      * Hard link',
      '          + Duplicate name for an existing file',
      // Not a term: says a clause; its nested item is no deeper than its text; its next line is no item.
      '  * Install the package first.',
      '      + then configure it',
      '  * a term',
      '    + same column as its text',
      '  * NVIDIA GPU 驱动 (由厂家支持的二进',
      '        制驱动)',
      // A wrapped item whose next line opens with a section number, one column deeper than its text.
      '      * 在遇到问题的情况下，安装上游相应的沙盒化二进制软件包（参见第',
      '         7.6 节 “沙盒”）',
    ].join('\n');
    expect(labels(text)).toEqual([
      ['* "推荐"', 6],
      ['* "建议"', 6],
      ['* Hard link', 6],
    ]);
  });

  it('counts tabs to the next stop of eight', () => {
    expect(indentWidth('\tx')).toBe(8);
    expect(indentWidth('  \tx')).toBe(8);
    expect(indentWidth('   x')).toBe(3);
  });
});
