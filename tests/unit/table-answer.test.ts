import { describe, expect, it } from 'vitest';
import { askedColumn, rowAsItem, rowAsRead } from '../../server/generators/extractive/table-answer.js';
import type { AnalyzedQuery, CandidateSentence, WeightedTerm } from '../../server/core/types.js';
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

describe('a column whose cell the question already says is not the one it asks', () => {
  const tools = { header: ['old net-tools', 'new iproute2', 'operation'], cells: ['arp(8)', 'ip neigh', 'ARP or NDISC cache entries'] };
  it('is passed over, though a question word names its header', () => {
    // ("ip" is inside "iproute2": the question names the column's cell, "ip neigh", not its header.)
    const said = query([{ term: 'ip', weight: 2 }, { term: 'neigh', weight: 3 }, { term: 'cache', weight: 2 }]);
    expect(askedColumn(said, tools)).toBeUndefined();
    const commands = { header: ['package', 'command', 'description'], cells: ['patchutils', 'recountdiff (1)', 'recompute counts and offsets'] };
    expect(askedColumn(query([{ term: 'recountdiff', weight: 4 }, { term: 'command', weight: 1 }]), commands)).toBeUndefined();
    // The question's terms are stemmed ("route" → rout): "ip route" is said as much as "ip neigh".
    const route = { header: ['old net-tools', 'new iproute2', 'operation'], cells: ['route(8)', 'ip route', 'routing table'] };
    expect(askedColumn(query([{ term: 'ip', weight: 2 }, { term: 'rout', weight: 3 }]), route)).toBeUndefined();
    // A cell the question does not say still answers its header's question.
    expect(askedColumn(query([{ term: 'arp', weight: 3 }, { term: 'iproute2', weight: 2 }]), tools)).toBe(1);
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
  const candidate = (id: number, sentence: number, text: string, extra: Partial<CandidateSentence> = {}): CandidateSentence => ({ id, sentence, docId: 'd', start: sentence * 10, end: sentence * 10 + 5, text, chunkRank: 0, ...extra });
  const header = ['package', 'size', 'description'];
  const row = (id: number, sentence: number, name: string, description: string) =>
    candidate(id, sentence, `|${name} |1 |${description} |`, { table: { header, cells: [name, '1', description] }, lead: 'Table 12.11. List of parser generators package size description' });
  const candidates = [
    candidate(1, 0, lead, { introducesTable: { firstRow: 5, lastRow: 9, rows: 3 } }),
    row(2, 5, 'bison', 'GNU parser generator'),
    // A wrapped cell's next line: offered, but no row.
    candidate(3, 6, '|      |  |(LALR) |'),
    row(4, 7, 'byacc', 'Berkeley parser generator'),
    row(5, 9, 'btyacc', 'backtracking parser generator'),
    // Past the table's last row: another table's.
    row(6, 12, 'flex', 'fast lexical analyzer'),
  ];
  const terms: WeightedTerm[] = ['packages', 'parser', 'generator'].map((term) => ({ term, weight: 2, origin: 'question' }));
  const ask = (question: string, list = candidates, asked = terms) =>
    createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query: { text: question, answerType: 'entity', terms: asked }, candidates: list });
  const items = 'bison (GNU parser generator); byacc (Berkeley parser generator); btyacc (backtracking parser generator)';

  it('reads each row as its name and description after the sentence, all in one citation through the table', async () => {
    for (const q of ['Which packages provide a parser generator?', 'Debian 里有哪些 parser generator packages?']) {
      const r = await ask(q);
      expect(r.answer).toBe(`${lead} ${items}[1]`);
      expect(r.citations).toEqual([{ n: 1, candidateIds: [1, 2, 4, 5], wholeSpan: true }]);
    }
  });

  it('ends with "…" when the table has rows it does not quote', async () => {
    const r = await ask('Which packages provide a parser generator?', [{ ...candidates[0], introducesTable: { firstRow: 5, lastRow: 11, rows: 4 } }, ...candidates.slice(1)]);
    expect(r.answer).toBe(`${lead} ${items}; …[1]`);
  });

  it('quotes the sentence alone for a question that asks for one thing or a reason, or whose words name nothing of the table', async () => {
    const answers = [
      await ask('Which package provides a parser generator?'),
      await ask('Why do packages provide a parser generator?'),
      await ask('Which packages does the sentence name?', candidates, [{ term: 'several', weight: 2, origin: 'question' }]),
    ];
    for (const r of answers) {
      expect(r.answer.startsWith(lead)).toBe(true);
      expect(r.answer).not.toContain('bison');
      expect(r.citations[0].wholeSpan).toBeUndefined();
    }
  });

  it('separates the items as a Chinese document writes them after a Chinese sentence', async () => {
    const zh = [{ ...candidates[0], text: '有几个软件包提供 parser generator。' }, ...candidates.slice(1)];
    const asked: WeightedTerm[] = ['提供', 'parser', 'generator'].map((term) => ({ term, weight: 2, origin: 'question' }));
    const r = await ask('哪些软件包提供 parser generator?', zh, asked);
    expect(r.answer).toBe(`有几个软件包提供 parser generator。 ${items.replaceAll('; ', '；')}[1]`);
  });

  it('names an item by its first cell, with its last cell that has words as the description', () => {
    expect(rowAsItem({ header, cells: ['bison', '3116', 'GNU parser generator'] })).toBe('bison (GNU parser generator)');
    expect(rowAsItem({ header: ['package', 'description', 'size'], cells: ['bison', 'GNU parser generator', '3116'] })).toBe('bison (GNU parser generator)');
    expect(rowAsItem({ header: ['软件包', '说明'], cells: ['bison', 'GNU 解析器生成器'] })).toBe('bison（GNU 解析器生成器）');
    expect(rowAsItem({ header: ['name', 'note'], cells: ['x', ''] })).toBe('x');
  });
});
