import { describe, expect, it } from 'vitest';
import { createExtractiveGenerator } from '../../server/generators/extractive/extractive-generator.js';
import type { AnalyzedQuery, CandidateSentence } from '../../server/core/types.js';
import { ALWAYS_ANSWER } from '../helpers/candidates.js';

// "那摩尔线程呢?" after "沐曦有多少名员工?": the swap puts 摩尔线程 in 沐曦's place (query-analysis.ts), and the sentence
// that answers must name it — itself, or, when it says 该公司/它, in the passage before it.
const sentence = (n: number, text: string): CandidateSentence => ({ id: n, sentence: 100 + n, docId: 'd', start: n * 100, end: n * 100 + text.length, text, chunkRank: 0 });
const query: AnalyzedQuery = {
  text: '摩尔线程有多少名员工?',
  answerType: 'number',
  measure: '名',
  terms: [
    { term: '摩尔线程', weight: 3, origin: 'question', role: 'topic' },
    { term: '员工', weight: 2, origin: 'question' },
  ],
  required: ['摩尔线程'],
  swappedIn: ['摩尔线程'],
};
const history = [
  { role: 'user' as const, content: '沐曦有多少名员工?' },
  { role: 'assistant' as const, content: '文档中没有提到这一点。' },
];
const ask = (candidates: CandidateSentence[]) => createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question: '那摩尔线程呢?', history, query, candidates });

describe('a name-swapped follow-up is answered only by a sentence about the swapped-in name', () => {
  it('refuses, whatever the model says, when no sentence names the new name: the value is the previous topic\'s', async () => {
    const r = await ask([sentence(1, '沐曦股份成立于 2020 年。'), sentence(2, '其员工总数为 800 名。')]);
    expect(r.answered).toBe(false);
    expect(r.answer).not.toContain('800');
    expect(r.passages?.length).toBeGreaterThan(0);
  });

  it('answers from a lower-ranked sentence that names it, and quotes no second sentence about the previous topic', async () => {
    // 总数 makes the sentence about 沐曦 the better match, but it is about the topic the swap replaced.
    const q: AnalyzedQuery = { ...query, terms: [...query.terms, { term: '总数', weight: 10, origin: 'question' }] };
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({
      question: '那摩尔线程呢?',
      history,
      query: q,
      candidates: [sentence(1, '沐曦股份的员工总数为 800 名,研发员工占比过半。'), sentence(5, '与之相比,摩尔线程员工 1126 名。')],
    });
    expect(r.answered).toBe(true);
    expect(r.answer).toMatch(/^摩尔线程:1126 名/);
    expect(r.answer).not.toContain('800');
    expect(r.citations.map((c) => c.candidateIds)).toEqual([[5]]);
  });

  it('accepts 该公司 when the passage before names the new name, two sentences back', async () => {
    const q: AnalyzedQuery = { ...query, text: '摩尔线程的员工总数是多少?', terms: [...query.terms, { term: '总数', weight: 2, origin: 'question' }] };
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({
      question: '那摩尔线程呢?',
      history,
      query: q,
      candidates: [sentence(1, '摩尔线程专注于全功能 GPU 的研发。'), sentence(2, '产品线覆盖数据中心与桌面显卡。'), sentence(3, '截至 2024 年底,该公司员工总数为 1126 名。')],
    });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('1126');
  });
});
