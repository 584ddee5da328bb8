import { describe, expect, it } from 'vitest';
import { askedColumn, rowAsItem, rowAsRead } from '../../server/generators/extractive/table-answer.js';
import type { AnalyzedQuery, WeightedTerm } from '../../server/core/types.js';
import { createExtractiveGenerator } from '../../server/generators/extractive/extractive-generator.js';
import { ALWAYS_ANSWER } from '../helpers/candidates.js';

const row = {
  header: ['软件包', '流行度', '大小', '说明'],
  cells: ['openssl', 'V:841, I:995', '2269', '安全套接字层 (SSL)二进制和相关的加密工具'],
};
const query = (terms: Array<Partial<WeightedTerm> & { term: string; weight: number }>): AnalyzedQuery => ({
  text: '',
  answerType: 'number',
  terms: terms.map((t) => ({ origin: 'question' as const, ...t })),
});

describe('the column of a table row a question asks', () => {
  it('is the one whose header a question word (or its translation) names', () => {
    expect(askedColumn(query([{ term: 'openssl', weight: 3 }, { term: '大小', weight: 2 }]), row)).toBe(2);
    expect(askedColumn(query([{ term: 'popular', weight: 2, alternatives: ['流行度', '流行'] }]), row)).toBe(1);
  });

  it('is not the first column (it names the row), nor one named only by a bigram or an earlier turn, nor a tie', () => {
    expect(askedColumn(query([{ term: '软件包', weight: 2 }]), row)).toBeUndefined();
    expect(askedColumn(query([{ term: '~大小', weight: 2 }]), row)).toBeUndefined();
    expect(askedColumn(query([{ term: '大小', weight: 2, origin: 'history' }]), row)).toBeUndefined();
    // Nor by the words a follow-up carries over as context ("它的优先级是什么?" after an answer that named a column).
    expect(askedColumn(query([{ term: '大小', weight: 2, origin: 'context' }, { term: '优先级', weight: 1 }]), row)).toBeUndefined();
    // A question that names only the row ("And openssl?" after a size question) asks what the conversation named.
    expect(askedColumn(query([{ term: 'openssl', weight: 3 }, { term: '大小', weight: 2, origin: 'context' }]), row)).toBe(2);
    expect(askedColumn(query([{ term: '大小', weight: 2 }, { term: '说明', weight: 2 }]), row)).toBeUndefined();
    // The heavier word decides.
    expect(askedColumn(query([{ term: '大小', weight: 3 }, { term: '说明', weight: 1 }]), row)).toBe(2);
  });
});

describe('a table row as read', () => {
  it('pairs each cell with its header and leaves out empty cells', () => {
    expect(rowAsRead(row)).toBe('软件包: openssl; 流行度: V:841, I:995; 大小: 2269; 说明: 安全套接字层 (SSL)二进制和相关的加密工具');
    expect(rowAsRead({ header: ['Name', '', 'Note'], cells: ['a', 'b', ''] })).toBe('Name: a; b');
  });
});

describe('an answer from a table row', () => {
  const text = '|openssl        |V:841, |2269|SSL    |安全套接字层 (SSL)二进制和|\n|               |I:995  |    |       |相关的加密工具            |';
  const candidate = {
    id: 1,
    sentence: 7,
    docId: 'd',
    start: 0,
    end: text.length,
    text,
    chunkRank: 0,
    table: { header: ['软件包', '流行度', '大小', '协议', '说明'], cells: ['openssl', 'V:841, I:995', '2269', 'SSL', '安全套接字层 (SSL)二进制和相关的加密工具'] },
  };
  const ask = (question: string, terms: WeightedTerm[]) =>
    createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query: { text: question, answerType: 'number', terms }, candidates: [candidate] });

  it('leads with the cell of the column asked and quotes the row as header: cell pairs, citing the row', async () => {
    const r = await ask('openssl 这个软件包的大小是多少?', [
      { term: 'openssl', weight: 3, origin: 'question', role: 'topic' },
      { term: '大小', weight: 2, origin: 'question' },
    ]);
    expect(r.answer).toBe('openssl 大小:2269。软件包: openssl; 流行度: V:841, I:995; 大小: 2269; 协议: SSL; 说明: 安全套接字层 (SSL)二进制和相关的加密工具[1]');
    expect(r.citations[0].candidateIds).toEqual([1]);
  });

  it('leads with no figure for a "why", even when it names a column', async () => {
    const q = '为什么 openssl 的大小这么大?';
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({
      question: q,
      history: [],
      query: { text: q, answerType: 'other', terms: [{ term: 'openssl', weight: 3, origin: 'question' }, { term: '大小', weight: 2, origin: 'question' }] },
      candidates: [candidate],
    });
    expect(r.answer.startsWith('软件包: openssl;')).toBe(true);
  });

  it('leads with no number of the row when the question names no column (V:841 is not "how many")', async () => {
    const r = await ask('How many openssl?', [{ term: 'openssl', weight: 3, origin: 'question' }]);
    expect(r.answer.startsWith('软件包: openssl;')).toBe(true);
  });
});

describe('a list answered from the table its best sentence introduces', () => {
  const lead = 'Several packages provide a parser generator in Debian.';
  const candidate = (id: number, sentence: number, text: string, extra: object = {}) => ({ id, sentence, docId: 'd', start: sentence * 10, end: sentence * 10 + 5, text, chunkRank: 0, ...extra });
  const header = ['package', 'size', 'description'];
  const candidates = [
    candidate(1, 0, lead, { firstRow: 5 }),
    candidate(2, 5, '|bison |3116|GNU parser generator |', { table: { header, cells: ['bison', '3116', 'GNU parser generator'] } }),
    candidate(3, 7, '|byacc |258 |Berkeley parser generator |', { table: { header, cells: ['byacc', '258', 'Berkeley parser generator'] } }),
    // Past the table's bottom border and a sentence not offered: another table's row is not this list's.
    candidate(4, 10, '|flex  |1279|fast lexical analyzer |', { table: { header, cells: ['flex', '1279', 'fast lexical analyzer'] } }),
  ];
  const terms: WeightedTerm[] = ['packages', 'parser', 'generator'].map((term) => ({ term, weight: 2, origin: 'question' }));
  const ask = (question: string) =>
    createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query: { text: question, answerType: 'entity', terms }, candidates });

  it('reads each row as its name and description after the sentence, all in one citation through the table', async () => {
    for (const q of ['Which packages provide a parser generator?', 'Debian 里有哪些 parser generator packages?']) {
      const r = await ask(q);
      expect(r.answer).toBe(`${lead} bison (GNU parser generator); byacc (Berkeley parser generator)[1]`);
      expect(r.citations).toEqual([{ n: 1, candidateIds: [1, 2, 3], through: true }]);
    }
  });

  it('separates the items as a Chinese document writes them after a Chinese sentence', async () => {
    const zh = [{ ...candidates[0], text: '有几个软件包提供 parser generator。' }, ...candidates.slice(1)];
    const q = '哪些 packages 提供 parser generator?';
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question: q, history: [], query: { text: q, answerType: 'entity', terms }, candidates: zh });
    expect(r.answer).toBe('有几个软件包提供 parser generator。 bison (GNU parser generator)；byacc (Berkeley parser generator)[1]');
  });

  it('quotes the sentence alone for a question that asks for one thing, or a reason', async () => {
    for (const q of ['Which package provides a parser generator?', 'Why do packages provide a parser generator?']) {
      const r = await ask(q);
      expect(r.answer.startsWith(lead)).toBe(true);
      expect(r.answer).not.toContain('bison');
      expect(r.citations[0].through).toBeUndefined();
    }
  });

  it('names an item by its first cell, with its last as the description when there is one', () => {
    expect(rowAsItem({ header: header, cells: ['bison', '3116', 'GNU parser generator'] })).toBe('bison (GNU parser generator)');
    expect(rowAsItem({ header: ['name', 'note'], cells: ['x', ''] })).toBe('x');
  });
});
