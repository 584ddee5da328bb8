import { describe, expect, it } from 'vitest';
import { resolveQuestion, type TermStats } from '../../server/core/query-analysis.js';
import { scoreEvidence } from '../../server/generators/extractive/sentence-evidence.js';
import type { CandidateSentence } from '../../server/core/types.js';

// Every word known and equally rare: what is tested is which words the follow-up carries, not their weights.
const stats: TermStats = {
  idf: () => 2,
  documentFrequency: () => 1,
  chunkCount: 50,
  alternatives: (w) => (w === '营收' ? ['收入'] : []),
};

const history = [
  { role: 'user' as const, content: '摩尔线程2022到2024年研发费用一共多少?' },
  { role: 'assistant' as const, content: '摩尔线程2022年至2024年研发费用累计达38.1亿元。' },
];

function candidate(id: number, text: string, chunkRank: number): CandidateSentence {
  return { id, sentence: id, docId: 'd', start: 0, end: text.length, text, chunkRank };
}

describe('"营收呢?" asks an attribute about the previous question\'s topic', () => {
  it('keeps the rest of the previous turn (its years, what it asked about) as context, not as words to answer', () => {
    const query = resolveQuestion('营收呢?', history, stats);
    const own = query.terms.filter((t) => t.origin === 'question' && !t.term.startsWith('~')).map((t) => t.term);
    const context = query.terms.filter((t) => t.origin === 'context').map((t) => t.term);
    expect(own).toEqual(expect.arrayContaining(['营收']));
    expect(own).not.toContain('研发');
    expect(context).toEqual(expect.arrayContaining(['2022', '2024', '研发']));
  });

  it('prefers the sentence that continues the conversation over one that merely names topic and attribute, whatever the retrieval order', () => {
    const query = resolveQuestion('营收呢?', history, stats);
    const elsewhere = candidate(1, '摩尔线程的收入中,2024 年 AI 智算产品贡献超 77% 营收。', 0);
    const same = candidate(2, '摩尔线程 2022 年至 2024 年研发费用累计达 38.1 亿元,而营业收入合计仅约 6 亿元。', 3);
    const [a, b] = scoreEvidence(query, [elsewhere, same]);
    expect(b.score).toBeGreaterThan(a.score);
    // The context only weighs: a sentence without the asked attribute still loses to one with it.
    const [without] = scoreEvidence(query, [candidate(3, '摩尔线程 2022 年至 2024 年研发费用累计达 38.1 亿元。', 0)]);
    expect(without.score).toBeLessThan(a.score);
  });
});
