import { describe, expect, it } from 'vitest';
import { TABLE_LINE, TABLE_RULE, isTableHeader, tableRows, textTableRow } from '../../server/shared/text/text-tables.js';

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

  it('joins a row wrapped over more lines than usual when only one of them has a first cell (a long note beside a name)', () => {
    const fonts = [
      '+-------------------------+------+-------------+',
      '|         package         |popcon|note on font |',
      '|-------------------------+------+-------------|',
      '|                         |      |Chrome OS:   |',
      '|                         |V:20, |Arimo, Tinos |',
      '|fonts-croscore           |I:44  |and Cousine  |',
      '|                         |      |(Google,     |',
      '|                         |      |MCMATC)      |',
      '|-------------------------+------+-------------|',
      '|fonts-crosextra-carlito  |V:23, |Chrome OS:   |',
      '|                         |I:172 |Carlito      |',
      '+-------------------------+------+-------------+',
    ].join('\n');
    const start = fonts.indexOf('|                         |      |Chrome OS:');
    const end = fonts.indexOf('MCMATC)      |') + 'MCMATC)      |'.length;
    expect(textTableRow(fonts, start, end)?.cells).toEqual(['fonts-croscore', 'V:20, I:44', 'Chrome OS: Arimo, Tinos and Cousine (Google, MCMATC)']);
    // As the splitter groups the table: border, header, rule, the five lines as one row, rule, the next row, border.
    expect(tableRows(fonts, 0, fonts.length).map((r) => fonts.slice(r.start, r.end).split('\n').length)).toEqual([1, 1, 1, 5, 1, 2, 1]);
    // A list of commands wrapped over ten lines beside one name is one row too.
    const commands = [
      '+-------------+------+----------------+',
      '|package      |popcon|description     |',
      '|-------------+------+----------------|',
      '|cups         |V:116,|Internet        |',
      '|             |I:406 |Printing server |',
      '|-------------+------+----------------|',
      ...['System V', 'printer', 'commands for', 'CUPS: lp(1),', 'lpstat(1),', 'lpoptions(1),', 'cancel(1),', 'lpmove(8),', 'lpinfo(8),', 'lpadmin(8)'].map(
        (d, i) => `|${(i === 4 ? 'cups-client' : '').padEnd(13)}|${(i === 4 ? 'V:134,' : i === 5 ? 'I:436' : '').padEnd(6)}|${d.padEnd(16)}|`,
      ),
      '|-------------+------+----------------|',
    ].join('\n');
    const rows = tableRows(commands, 0, commands.length).map((r) => commands.slice(r.start, r.end));
    expect(rows.map((r) => r.split('\n').length)).toEqual([1, 1, 1, 2, 1, 10, 1]);
    const client = tableRows(commands, 0, commands.length)[5];
    expect(textTableRow(commands, client.start, client.end)?.cells.slice(0, 2)).toEqual(['cups-client', 'V:134, I:436']);
    // Ruled between categories, the category on a group's first line and a command on every line: rows, not one row.
    const categories = [
      '+---------+--------+--------------+',
      '|category |command |description   |',
      '|---------+--------+--------------|',
      ...['ip', 'ss', 'ping', 'tracepath', 'mtr', 'dig', 'host', 'whois', 'ethtool', 'arp'].map((c, i) => `|${(i === 0 ? 'network' : '').padEnd(9)}|${c.padEnd(8)}|${'tool'.padEnd(14)}|`),
      '|---------+--------+--------------|',
      '|archive  |tar     |tape archiver |',
      '+---------+--------+--------------+',
    ].join('\n');
    expect(tableRows(categories, 0, categories.length).map((r) => categories.slice(r.start, r.end).split('\n').length)).toEqual([1, 1, 1, ...Array(10).fill(1), 1, 1, 1]);
    // Ruled only under its header: its body is one group of lines, each a row, though only the first has a first cell.
    const grouped = [
      '|category |command |description   |',
      '|---------+--------+--------------|',
      '|archive  |tar     |tape archiver |',
      '|         |gzip    |GNU zip       |',
      '|         |bzip2   |block sorting |',
      '|         |xz      |LZMA          |',
      '|         |zstd    |Zstandard     |',
    ].join('\n');
    expect(tableRows(grouped, 0, grouped.length).map((r) => grouped.slice(r.start, r.end).split('\n').length)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('reads each group between two rules on its own: a group that is no one row leaves the other rows of its table whole', () => {
    const commands = [
      '+--------------------------------+-----------+',
      '|            command             |  action   |',
      '|--------------------------------+-----------|',
      '|dpkg -S file_name_pattern       |lists the  |',
      '|                                |packages   |',
      '|--------------------------------+-----------|',
      '|                                |builds the |',
      '|dpkg-source -x package_name_    |source     |',
      '|version-debian.revision.dsc     |tree from  |',
      '|                                |the source |',
      '|                                |package    |',
      '|--------------------------------+-----------|',
      '|debuild binary                  |builds it  |',
      '+--------------------------------+-----------+',
    ].join('\n');
    // The five lines with two first cells are read line by line; the two-line row above them stays one row.
    expect(tableRows(commands, 0, commands.length).map((r) => commands.slice(r.start, r.end).split('\n').length)).toEqual([1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const start = commands.indexOf('|dpkg -S');
    expect(textTableRow(commands, start, commands.indexOf('|packages   |') + '|packages   |'.length)?.cells).toEqual(['dpkg -S file_name_pattern', 'lists the packages']);
  });

  it('reads a Markdown pipe table (header, then its rule) and a row far below its header', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `| pkg${i} | ${i * 10} |`);
    const md = ['Intro line.', '| Package | Size |', '|---|---:|', ...rows].join('\n');
    const start = md.indexOf('| pkg29');
    expect(textTableRow(md, start, md.length)).toEqual({ header: ['Package', 'Size'], cells: ['pkg29', '290'] });
    expect(rowAt(md, '| pkg3 |', 1)).toEqual({ header: ['Package', 'Size'], cells: ['pkg3', '30'] });
  });

  it('reads an "as above" cell (同上, ", ,", 〃) as the nearest value above it in its column, the mark kept beside it', () => {
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
    expect(textTableRow(ditto, at('|stunnel4'), at('|---------+------+----------|\n|telnet') - 1)?.cells).toEqual(['stunnel4', 'SSL (同上)', '通用 SSL 封装']);
    expect(textTableRow(ditto, at('|telnet-s'), ditto.length)?.cells).toEqual(['telnet-s', 'SSL (同上)', '通用 SSL 封装 (同上)']);
    // (Ruled only under its header, with more lines than a wrapped row has: one row per line.)
    const unruled = ['| Client | Protocol |', '|---|---|', '| a | HTTP |', '| b | HTTP |', '| c | HTTP |', '| ftp | FTP |', '| lftp | , , |'].join('\n');
    expect(textTableRow(unruled, unruled.indexOf('| lftp'), unruled.length)?.cells).toEqual(['lftp', 'FTP (, ,)']);
    // Five one-line rows, then a rule further down: each line is a row (as the splitter groups them, more lines than a
    // wrapped row has), not the lines together.
    const mixed = ['| Name | Proto |', '|---|---|', '| a | SSL |', '| b | SSL |', '| c | SSL |', '| d | TLS |', '| e | 同上 |', '|---|---|', '| f | x |'].join('\n');
    expect(textTableRow(mixed, mixed.indexOf('| e'), mixed.indexOf('| e') + '| e | 同上 |'.length)?.cells).toEqual(['e', 'TLS (同上)']);
  });

  it('is nothing where no header sets itself apart: a grid ruled alike everywhere, a table a blank line cut, far down', () => {
    const grid = ['+---+---+', '| a | 1 |', '+---+---+', '| b | 2 |', '+---+---+'].join('\n');
    expect(textTableRow(grid, grid.indexOf('| b'), grid.indexOf('| b') + 9)).toBeUndefined();
    const cut = ['| Package | Size |', '|---|---|', '| a | 1 |', '', '| b | 2 |', '|---|---|', '| c | 3 |'].join('\n');
    expect(textTableRow(cut, cut.indexOf('| c'), cut.length)).toBeUndefined();
    const long = ['| Package | Size |', '|---|---|', ...Array.from({ length: 500 }, (_, i) => `| p${i} | ${i} |`)].join('\n');
    expect(textTableRow(long, long.indexOf('| p499'), long.length)).toBeUndefined();
    expect(textTableRow(long, long.indexOf('| p10 '), long.indexOf('| p10 ') + '| p10 | 10 |'.length)?.cells).toEqual(['p10', '10']);
    // A bullet line ("+ item") above the table is not part of it.
    const bullet = ['+ item', '| Package | Size |', '|---|---|', '| a | 1 |'].join('\n');
    expect(textTableRow(bullet, bullet.indexOf('| a'), bullet.length)).toEqual({ header: ['Package', 'Size'], cells: ['a', '1'] });
  });

  it("is nothing for a wrapped row's continuation line on its own (no first cell)", () => {
    const wrapped = ['| Package | Note |', '|---|---|', '| a | first |', '|   | line two |'].join('\n');
    expect(textTableRow(wrapped, wrapped.indexOf('|   |'), wrapped.length)).toBeUndefined();
  });

  it('is nothing for the header itself, a rule, prose, a table without a header rule or uneven cells', () => {
    const header = TABLE.indexOf('|    软件包');
    expect(textTableRow(TABLE, header, TABLE.indexOf('\n', header))).toBeUndefined();
    const rule = TABLE.indexOf('|---------------+');
    expect(textTableRow(TABLE, rule, TABLE.indexOf('\n', rule))).toBeUndefined();
    expect(textTableRow(TABLE, 0, TABLE.indexOf('\n'))).toBeUndefined();
    const unruled = '| a | 1 |\n| b | 2 |';
    expect(textTableRow(unruled, unruled.indexOf('| b'), unruled.length)).toBeUndefined();
    // A tab-separated line (a format's table, a config file) is not read by column.
    const tabs = 'Client\tProtocol\n\nftp\tFTP';
    expect(textTableRow(tabs, tabs.indexOf('ftp'), tabs.length)).toBeUndefined();
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
    // Indented, as the Debian Reference's plain text is, and read from the trimmed span a sentence has.
    const indented = ['    +----------+', '    |Name |Size|', '    |-----+----|', '    |a    |1   |'].join('\n');
    const start = indented.indexOf('|Name');
    expect(isTableHeader(indented, start, start + '|Name |Size|'.length)).toBe(true);
    // A grid ruled alike everywhere has no header.
    const grid = ['+---+---+', '| a | 1 |', '+---+---+', '| b | 2 |', '+---+---+'].join('\n');
    expect(isTableHeader(grid, ...line(grid, '| a'))).toBe(false);
  });
});

describe('a table drawn with box-drawing characters', () => {
  // groff's tbl output in a man page rendered to UTF-8: verticals between cells, a rule between every row.
  const BOXED = [
    '       ┌─────────┬────────┐',
    '       │目录     │ 用途   │',
    '       ├─────────┼────────┤',
    '       │/usr/bin │ 可执行 │',
    '       │         │ 文件   │',
    '       ├─────────┼────────┤',
    '       │/usr/lib │ 共享库 │',
    '       └─────────┴────────┘',
  ].join('\n');

  it('is rows between rules, each read with its column headers', () => {
    const rows = tableRows(BOXED, 0, BOXED.length).map((r) => BOXED.slice(r.start, r.end));
    expect(rows).toContain('       │/usr/bin │ 可执行 │\n       │         │ 文件   │');
    expect(rows).toContain('       │/usr/lib │ 共享库 │');
    expect(rowAt(BOXED, '│/usr/bin', 2)).toEqual({ header: ['目录', '用途'], cells: ['/usr/bin', '可执行文件'] });
    expect(isTableHeader(BOXED, BOXED.indexOf('│目录'), BOXED.indexOf('\n', BOXED.indexOf('│目录')))).toBe(true);
  });

  it('goes on past a cell spanning rows, whose rule stops at it, and keeps its header', () => {
    const spanned = [
      '┌───────────────┬──────────────┐',
      '│Path           │ Description  │',
      '├───────────────┼──────────────┤',
      '│/etc/systemd   │ configuration│',
      '├───────────────┤ created by   │',
      '│/run/systemd   │ the dbus API │',
      '├───────────────┼──────────────┤',
      '│/usr/lib       │ packages     │',
      '└───────────────┴──────────────┘',
    ].join('\n');
    expect(rowAt(spanned, '│/usr/lib', 1)).toEqual({ header: ['Path', 'Description'], cells: ['/usr/lib', 'packages'] });
    expect(isTableHeader(spanned, spanned.indexOf('│/run'), spanned.indexOf('\n', spanned.indexOf('│/run')))).toBe(false);
  });

  it('has no header when its first row has an empty cell, and splits a box row only at its verticals', () => {
    const headerless = ['┌───────────────┬─────┐', '│YYYYMMDDhhmmss │     │', '├───────────────┼─────┤', '│now            │ x   │', '└───────────────┴─────┘'].join('\n');
    expect(rowAt(headerless, '│now', 1)).toBeUndefined();
    const flags = ['┌───┬───────────────────────┐', '│r  │ O_RDONLY              │', '├───┼───────────────────────┤', '│w  │ O_WRONLY | O_CREAT    │', '└───┴───────────────────────┘'].join('\n');
    expect(rowAt(flags, '│w ', 1)).toEqual({ header: ['r', 'O_RDONLY'], cells: ['w', 'O_WRONLY | O_CREAT'] });
  });

  it('is told from a tree drawn with the same characters, which is no table line', () => {
    expect(TABLE_LINE.test('├─1 /sbin/init')).toBe(false);
    expect(TABLE_LINE.test('│ └─sshd')).toBe(false);
    expect(TABLE_LINE.test('│a │b │')).toBe(true);
    expect(TABLE_RULE.test('├────┼────┤')).toBe(true);
    expect(TABLE_RULE.test('├─1 /sbin/init')).toBe(false);
  });
});
