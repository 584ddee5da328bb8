import { describe, expect, it } from 'vitest';
import { MAX_TABLE_ROWS, followingItems, isCodeLine, listLead, tableIntroducedBy, tableRowOf } from '../../server/core/list-leads.js';
import type { LoadedIndex } from '../../server/shared/index-format/loaded-index.js';

// Only what list-leads reads: the documents' text and the sentence spans.
function fakeIndex(sentences: string[]): LoadedIndex {
  let text = '';
  const spans: Array<[number, number, number]> = [];
  for (const s of sentences) {
    spans.push([0, text.length, text.length + s.length]);
    text += `${s}\n`;
  }
  return { documents: [{ text }], sentences: spans } as unknown as LoadedIndex;
}

describe('list leads and the items a chunk announces', () => {
  const index = fakeIndex([
    'Unit files are loaded from these paths:',
    '* /etc/systemd/system: the administrator’s files',
    '* /run/systemd/system: runtime files',
    'The kernel message level can be set by its threshold.',
    '# dmesg -n3',
    'Table 3.4 lists the levels.',
  ]);

  it('finds the sentence that announced an item, past the items before it', () => {
    expect(listLead(index, 2)).toBe('Unit files are loaded from these paths:');
    expect(listLead(index, 3)).toBeUndefined();
  });

  it('offers the items after a chunk that ends on an announcement, and the command after an explanation', () => {
    expect(followingItems(index, 0)).toBe(2);
    expect(followingItems(index, 3)).toBe(1);
    expect(followingItems(index, 4)).toBe(0);
  });

  it('reads an announcement that a hard wrap breaks, in either language, as announcing', () => {
    const wrapped = fakeIndex(['The supported types are as\n    follows.', '- ext4', '常用的文件系统如\n    下。', '- xfs']);
    expect(followingItems(wrapped, 0)).toBe(1);
    expect(listLead(wrapped, 1)).toBe('The supported types are as follows.');
    expect(followingItems(wrapped, 2)).toBe(1);
    expect(listLead(wrapped, 3)).toBe('常用的文件系统如下。');
  });

  it('gives a table row its caption and its column headers, however far down the table it is', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `|pkg${i}  |${i}  |`);
    const table = fakeIndex(['Table 6.1. List of clients', '+--------+----+', '|Package |Size|', '|--------+----|', ...rows]);
    expect(listLead(table, 4)).toBe('Table 6.1. List of clients Package Size');
    expect(listLead(table, 23)).toBe('Table 6.1. List of clients Package Size');
    // The header itself is an item of the caption only.
    expect(listLead(table, 2)).toBe('Table 6.1. List of clients');
  });
});

describe('the table a sentence introduces', () => {
  const rows = Array.from({ length: 10 }, (_, i) => [`|pkg${i}  |${i}  |`, '|--------+----|']).flat();
  const index = fakeIndex([
    'Several packages provide it.',
    'Table 6.1. List of clients',
    '+--------+----+',
    '|Package |Size|',
    '|--------+----|',
    ...rows.slice(0, -1),
    '+--------+----+',
    'Table 6.2. List of servers',
    '+--------+----+',
    '|Package |Size|',
    '|--------+----|',
    '|srv     |1   |',
    '+--------+----+',
    'After the tables, prose.',
  ]);
  const introduced = (ix: LoadedIndex, s: number) => tableIntroducedBy(ix, s, tableRowOf(ix, s));

  it('is found past its caption, border, header and rule, with where its rows end and how many they are', () => {
    expect(introduced(index, 0)).toEqual({ firstRow: 5, lastRow: 23, rows: 10 });
    // Without a caption, the border is the frame's first line.
    const bare = fakeIndex(['Its fields:', '+----+----+', '|name|uid |', '|----+----|', '|root|0   |', '+----+----+']);
    expect(introduced(bare, 0)).toEqual({ firstRow: 4, lastRow: 4, rows: 1 });
  });

  it('is none for a row, a frame line, a code line or plain prose, nor for a row right under the sentence', () => {
    expect([1, 3, 5, 7, 25, 30].map((s) => introduced(index, s))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    const code = fakeIndex(['$ dpkg -l', 'Table 1.1. Packages', '+---+---+', '|a  |b  |', '|---+---|', '|x  |1  |', '+---+---+']);
    expect(introduced(code, 0)).toBeUndefined();
    // A table ruled only under its header: a wrapped cell's next line is no row, and introduces none of the rows below it.
    const wrapped = fakeIndex(['Parsers:', '+--------+------------+', '|package |description |', '|--------+------------|', '|bison   |GNU LALR    |', '|        |generator   |', '|byacc   |Berkeley    |', '+--------+------------+']);
    expect(introduced(wrapped, 0)).toEqual({ firstRow: 4, lastRow: 6, rows: 2 });
    expect(introduced(wrapped, 5)).toBeUndefined();
  });

  it("follows a chunk that ends on the introducing sentence, or inside the frame, with the frame and the rows (not the next table's)", () => {
    // The four frame lines, then MAX_TABLE_ROWS rows with the rules between them.
    const through = 4 + MAX_TABLE_ROWS * 2 - 1;
    expect(followingItems(index, 0)).toBe(through);
    expect(followingItems(index, 3)).toBe(through - 3);
    // A chunk that ends on a row, or on the table's last rule, is followed by nothing.
    expect(followingItems(index, 5)).toBe(0);
    expect(followingItems(index, 24)).toBe(0);
    // Up to the last row: the next table's caption, or its top border when it has none, is not followed into.
    for (const next of [['Table 1.2. Next'], []]) {
      const two = fakeIndex(['Two of them:', 'Table 1.1. Two', '+---+---+', '|a  |b  |', '|---+---|', '|x  |1  |', '+---+---+', ...next, '+---+---+', '|c  |d  |', '|---+---|', '|y  |2  |']);
      expect(followingItems(two, 0)).toBe(5);
    }
  });
});

describe('code lines', () => {
  it('counts a line inside a code block the format marked, though nothing indents or prompts it', () => {
    const text = 'This example prints the .txt files:\nimport os\nprint(1)\nAfter it, prose.\n';
    const line = (s: string) => [0, text.indexOf(s), text.indexOf(s) + s.length] as [number, number, number];
    const spans = [line('This example prints the .txt files:'), line('import os'), line('print(1)'), line('After it, prose.')];
    const code = { start: text.indexOf('import os'), end: text.indexOf('print(1)') + 'print(1)'.length };
    const marked = { documents: [{ text, codeBlocks: [code] }], sentences: spans } as unknown as LoadedIndex;
    expect([0, 1, 2, 3].map((s) => isCodeLine(marked, s))).toEqual([false, true, true, false]);
    // Its lines do not take the words of the sentence above as their lead (only the one right after the colon does).
    expect(listLead(marked, 1)).toBe('This example prints the .txt files:');
    expect(listLead(marked, 2)).toBeUndefined();
    const unmarked = { documents: [{ text }], sentences: spans } as unknown as LoadedIndex;
    expect([0, 1, 2, 3].map((s) => isCodeLine(unmarked, s))).toEqual([false, false, false, false]);
  });
});
