import { describe, expect, it } from 'vitest';
import { isTableHeader, textTableRow } from '../../server/shared/text/text-tables.js';

// A table as the Debian Reference prints it in plain text: a top border, the header, a rule, rows ruled between them,
// wrapped cells (Chinese runs on, English with a space).
const TABLE = [
  '表 6.13. 网络应用客户端列表',
  '',
  '+---------------------------------------------------+',
  '|    软件包     |流行度 |大小|           说明           |',
  '|---------------+-------+----+--------------------------|',
  '|openssl        |V:841, |2269|安全套接字层 (SSL)二进制和|',
  '|               |I:995  |    |相关的加密工具            |',
  '|---------------+-------+----+--------------------------|',
  '|wget           |V:222, |3605|web download tool for     |',
  '|               |I:983  |    |HTTP and FTP              |',
  '+---------------------------------------------------+',
].join('\n');
/** The row of `text` that starts with `first` and runs over `lines` lines. */
function rowAt(text: string, first: string, lines: number) {
  const start = text.indexOf(first);
  let end = start;
  for (let i = 0; i < lines; i++) {
    const next = text.indexOf('\n', end + 1);
    end = next === -1 ? text.length : next;
  }
  return textTableRow(text, start, end);
}

describe('a row of a text table read with its column headers', () => {
  it('joins each wrapped cell over its lines and pairs it with its header', () => {
    const start = TABLE.indexOf('|openssl');
    const end = TABLE.indexOf('\n', TABLE.indexOf('|               |I:995'));
    expect(textTableRow(TABLE, start, end)).toEqual({
      header: ['软件包', '流行度', '大小', '说明'],
      cells: ['openssl', 'V:841, I:995', '2269', '安全套接字层 (SSL)二进制和相关的加密工具'],
    });
    const wget = TABLE.indexOf('|wget');
    expect(textTableRow(TABLE, wget, TABLE.indexOf('\n', TABLE.indexOf('HTTP and FTP')))?.cells[3]).toBe('web download tool for HTTP and FTP');
  });

  it('reads a Markdown pipe table (header, then its rule) and a row far below its header', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `| pkg${i} | ${i * 10} |`);
    const md = ['Intro line.', '| Package | Size |', '|---|---:|', ...rows].join('\n');
    const start = md.indexOf('| pkg29');
    expect(textTableRow(md, start, md.length)).toEqual({ header: ['Package', 'Size'], cells: ['pkg29', '290'] });
    expect(rowAt(md, '| pkg3 |', 1)).toEqual({ header: ['Package', 'Size'], cells: ['pkg3', '30'] });
  });

  it('reads an "as above" cell (同上, ", ,", 〃) as the nearest value above it in its column', () => {
    const ditto = [
      '|软件包   |协议  |说明      |',
      '|---------+------+----------|',
      '|openssl  |SSL   |加密工具  |',
      '|---------+------+----------|',
      '|stunnel4 |同上  |通用 SSL  |',
      '|         |      |封装      |',
      '|---------+------+----------|',
      '|telnet-s |同上  |同上      |',
    ].join('\n');
    const at = (row: string) => ditto.indexOf(row);
    expect(textTableRow(ditto, at('|stunnel4'), at('|---------+------+----------|\n|telnet') - 1)?.cells).toEqual(['stunnel4', 'SSL', '通用 SSL 封装']);
    expect(textTableRow(ditto, at('|telnet-s'), ditto.length)?.cells).toEqual(['telnet-s', 'SSL', '通用 SSL 封装']);
    const unruled = ['| Client | Protocol |', '|---|---|', '| ftp | FTP |', '| lftp | , , |'].join('\n');
    expect(textTableRow(unruled, unruled.indexOf('| lftp'), unruled.length)?.cells).toEqual(['lftp', 'FTP']);
    const tabs = 'Client\tProtocol\n\nftp\tFTP\n\nlftp\t〃';
    expect(textTableRow(tabs, tabs.indexOf('lftp'), tabs.length)?.cells).toEqual(['lftp', 'FTP']);
  });

  it('is nothing for the header itself, a rule, prose, a table without a header rule or uneven cells', () => {
    const header = TABLE.indexOf('|    软件包');
    expect(textTableRow(TABLE, header, TABLE.indexOf('\n', header))).toBeUndefined();
    const rule = TABLE.indexOf('|---------------+');
    expect(textTableRow(TABLE, rule, TABLE.indexOf('\n', rule))).toBeUndefined();
    expect(textTableRow(TABLE, 0, TABLE.indexOf('\n'))).toBeUndefined();
    const unruled = '| a | 1 |\n| b | 2 |';
    expect(textTableRow(unruled, unruled.indexOf('| b'), unruled.length)).toBeUndefined();
    // A stray pipe in a cell ("a || b") splits the row into more cells than the header has: not read as columns.
    const piped = '| Operator | Meaning |\n|---|---|\n| a || b | or |';
    expect(textTableRow(piped, piped.indexOf('| a ||'), piped.length)).toBeUndefined();
  });
});

describe("a table's header row", () => {
  const line = (text: string, first: string) => {
    const start = text.indexOf(first);
    const end = text.indexOf('\n', start);
    return [start, end === -1 ? text.length : end] as const;
  };
  it('is the row with only rules above it in its table and a rule under it, not a row of values', () => {
    expect(isTableHeader(TABLE, ...line(TABLE, '|    软件包'))).toBe(true);
    // openssl's row also has a rule above and under it (the table is ruled between its rows).
    expect(isTableHeader(TABLE, ...line(TABLE, '|openssl'))).toBe(false);
    const md = 'Intro.\n| Package | Size |\n|---|---|\n| a | 1 |';
    expect(isTableHeader(md, ...line(md, '| Package'))).toBe(true);
    expect(isTableHeader(md, ...line(md, '| a |'))).toBe(false);
    expect(isTableHeader(md, ...line(md, 'Intro.'))).toBe(false);
  });
});
