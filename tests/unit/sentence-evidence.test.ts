import { describe, expect, it } from 'vitest';
import { compact, scoreEvidence, termCredit } from '../../server/generators/extractive/sentence-evidence.js';
import type { AnalyzedQuery, CandidateSentence } from '../../server/core/types.js';

describe('a two-character word matches the compound it abbreviates', () => {
  it('营收 ← 营业收入, 科研 ← 科学研究; not any four characters that happen to fit', () => {
    expect(termCredit('营收', compact('营业收入合计仅约 6 亿元'))).toBeGreaterThan(0.5);
    expect(termCredit('科研', compact('用于科学研究的芯片'))).toBeGreaterThan(0.5);
    expect(termCredit('营收', compact('营业外收入有所增加'))).toBe(0);
  });
});

describe('a quoted phrase may be the section heading', () => {
  const query: AnalyzedQuery = {
    text: '“为什么 GNU su 不支持 wheel 组”这句名言是谁说的?',
    answerType: 'person',
    terms: [{ term: '为什么gnusu不支持wheel组', weight: 5, origin: 'question', role: 'topic' }, { term: '名言', weight: 3, origin: 'question' }],
    verbatim: ['为什么gnusu不支持wheel组'],
  };
  const sentence: CandidateSentence = {
    id: 1,
    sentence: 20,
    docId: 'd',
    start: 0,
    end: 30,
    text: '这是在旧的 “info su” 底部 Richard M. Stallman 所说的一句名言。',
    chunkRank: 0,
    heading: '4.5.3. “为什么 GNU su 不支持 wheel 组”',
  };
  it('the sentence under that heading is not missing the quote', () => {
    expect(scoreEvidence(query, [sentence])[0].verbatimMissing).toBe(false);
    expect(scoreEvidence(query, [{ ...sentence, heading: '4.5.2. 其他' }])[0].verbatimMissing).toBe(true);
  });
});
