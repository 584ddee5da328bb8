import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../ingest/formats/html-format.js';
import { extractMarkdown } from '../../ingest/formats/markdown-format.js';
import { textTableRow } from '../../server/shared/text/text-tables.js';
import { isHardWrapped } from '../../server/shared/text/line-joins.js';

/** The row of `text` (a drawn table's line) that starts with `first`, read as the answerer reads it. */
function rowOf(text: string, first: string) {
  const start = text.indexOf(`|${first} |`);
  expect(start, `no row ${first} in ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n', start);
  return textTableRow(text, start, end === -1 ? text.length : end);
}

const TOOLS = `<h1>Archive tools</h1><p>The following table lists archive tools.</p>
<table>
  <thead><tr><th>package</th><th>popcon</th><th>size</th><th>description</th></tr></thead>
  <tbody>
    <tr><td>tar</td><td>V:902</td><td>3144</td><td>the standard archiver</td></tr>
    <tr><td>xz-utils</td><td></td><td>1203</td><td>XZ-format compression</td></tr>
  </tbody>
</table><p>Use tar for bundling files.</p>`;

describe('an HTML table with a header row', () => {
  it('is drawn as a text table whose rows read with their column headers', () => {
    const { text } = extractHtml(TOOLS);
    expect(text).toContain('The following table lists archive tools.\n\n|package |popcon |size |description |\n+---+---+---+---+\n|tar |V:902 |3144 |the standard archiver |');
    expect(text).toContain('\n\nUse tar for bundling files.');
    expect(rowOf(text, 'tar')).toEqual({ header: ['package', 'popcon', 'size', 'description'], cells: ['tar', 'V:902', '3144', 'the standard archiver'] });
    // An empty cell keeps its column (a tab between cells was merged away).
    expect(rowOf(text, 'xz-utils')?.cells).toEqual(['xz-utils', '', '1203', 'XZ-format compression']);
  });

  it('takes the header from <th> cells without <thead>, keeps the caption above, and Word\'s paragraphs in cells as cell text', () => {
    const html =
      '<table><caption>Table 1. Staff</caption><tr><th><p>City</p></th><th><p>Staff</p></th></tr>' +
      '<tr><td><p>Oslo</p><p>(head office)</p></td><td><p>12</p></td></tr><tr><td>Bergen<br>west</td><td>7</td></tr></table>';
    const { text } = extractHtml(html);
    expect(text).toBe('Table 1. Staff\n\n|City |Staff |\n+---+---+\n|Oslo (head office) |12 |\n+---+---+\n|Bergen west |7 |');
    expect(rowOf(text, 'Bergen west')).toEqual({ header: ['City', 'Staff'], cells: ['Bergen west', '7'] });
  });

  it('rules a long table only under its header, and reads its last row with the header', () => {
    const body = Array.from({ length: 30 }, (_, i) => `<tr><td>pkg${i}</td><td>${i}</td></tr>`).join('');
    const { text } = extractHtml(`<table><tr><th>package</th><th>size</th></tr>${body}</table>`);
    expect(text.match(/\+---\+---\+/g)).toHaveLength(1);
    expect(rowOf(text, 'pkg29')).toEqual({ header: ['package', 'size'], cells: ['pkg29', '29'] });
  });

  it('keeps a cell\'s words apart after a block or a break, and Chinese run on across a source line break', () => {
    const html = '<table><tr><th>项目</th><th>说明</th></tr><tr><td><div>one</div>two</td><td>终端模拟器\n网页服务器</td></tr><tr><td>a</td><td>b</td></tr></table>';
    expect(rowOf(extractHtml(html).text, 'one two')?.cells).toEqual(['one two', '终端模拟器网页服务器']);
  });

  it('reads a table nested in a cell as that cell\'s text', () => {
    const html = '<table><tr><th>Key</th><th>Value</th></tr><tr><td>a</td><td><table><tr><td>x</td><td>y</td></tr></table></td></tr><tr><td>b</td><td>2</td></tr></table>';
    const { text } = extractHtml(html);
    expect(rowOf(text, 'a')?.cells).toEqual(['a', 'x y']);
    expect(rowOf(text, 'b')?.cells).toEqual(['b', '2']);
  });
});

describe('an HTML table stays cells between tabs', () => {
  it('when no row is its header (a key column of <th> is no header row)', () => {
    expect(extractHtml('<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>').text).toBe('a\tb\n\nc\td');
    expect(extractHtml('<table><tr><th>Name</th><td>Ann</td></tr><tr><th>Age</th><td>42</td></tr></table>').text).toBe('Name\tAnn\n\nAge\t42');
  });

  it('when a merged cell shifts the columns, or the header is its only row', () => {
    const merged = '<table><tr><th>A</th><th>B</th><th>C</th></tr><tr><td colspan="2">wide</td><td>3</td></tr></table>';
    expect(extractHtml(merged).text).toBe('A\tB\tC\n\nwide\t3');
    expect(extractHtml('<table><tr><th>A</th><th>B</th></tr></table>').text).toBe('A\tB');
  });

  it('when a cell holds a pipe: a command is quoted as written', () => {
    const html = '<table><tr><th>command</th><th>action</th></tr><tr><td>ps aux | pager</td><td>list processes</td></tr></table>';
    expect(extractHtml(html).text).toBe('command\taction\n\nps aux | pager\tlist processes');
  });

  it('when its header cells are empty, a row reads as a rule, or a row is prose too long for one sentence', () => {
    expect(extractHtml('<table><thead><tr><th></th><th></th></tr></thead><tr><td>x</td><td>y</td></tr><tr><td>p</td><td>q</td></tr></table>').text).not.toContain('|');
    expect(extractHtml('<table><tr><th>A</th><th>B</th></tr><tr><td>-</td><td>-</td></tr></table>').text).not.toContain('|');
    expect(extractHtml(`<table><tr><th>ID</th><th>Requirement</th></tr><tr><td>R1</td><td>${'The system shall do it. '.repeat(20)}</td></tr></table>`).text).not.toContain('|');
  });

  it('when it follows a drawn table with nothing between (it would read as the first one\'s rows), or opens a list item', () => {
    const two = '<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table><table><tr><th>C</th><th>D</th></tr><tr><td>3</td><td>4</td></tr></table>';
    expect(extractHtml(two).text).toBe('|A |B |\n+---+---+\n|1 |2 |\n\nC\tD\n\n3\t4');
    expect(extractHtml('<ul><li><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table></li></ul>').text).toBe('• A\tB\n\n1\t2');
  });

  it('when a heading or code is inside it', () => {
    const html = '<table><tr><th>Step</th><th>Command</th></tr><tr><td><h3>One</h3></td><td><pre>make</pre></td></tr></table>';
    expect(extractHtml(html).text).not.toContain('|');
  });
});

describe('a Markdown (GFM) table', () => {
  it('is drawn with its header row, inline markup removed', () => {
    const md = '# Tools\n\n| package | popcon | description |\n|---|---|---|\n| `tar` | V:902 | the **standard** archiver |\n| zstd | | fast |\n\nAfter.\n';
    const { text } = extractMarkdown(Buffer.from(md));
    expect(text).toBe('Tools\n\n|package |popcon |description |\n+---+---+---+\n|tar |V:902 |the standard archiver |\n+---+---+---+\n|zstd | |fast |\n\nAfter.');
    expect(rowOf(text, 'zstd')).toEqual({ header: ['package', 'popcon', 'description'], cells: ['zstd', '', 'fast'] });
  });

  it('keeps its cells between tabs when the header says nothing', () => {
    expect(extractMarkdown(Buffer.from('| | |\n|---|---|\n| a | b |\n')).text).toBe('a\tb');
  });
});

describe('hard-wrap detection', () => {
  it('does not count the rows of a table the reader drew as lines that ran on (a plain-text manual\'s tables count)', () => {
    const address = 'Office address:\nStorgata 12\n0155 Oslo\nNorway';
    const rows = Array.from({ length: 8 }, (_, i) => `|Office number ${i} in the building |${i} |`).join('\n+---+---+\n');
    const text = `${address}\n\n|Office |Staff |\n+---+---+\n${rows}`;
    expect(isHardWrapped(text, true)).toBe(false);
    expect(isHardWrapped(text)).toBe(true);
  });
});
