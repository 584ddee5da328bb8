import { describe, expect, it } from 'vitest';
import { quotedNeighbour } from '../../server/generators/extractive/neighbour-quote.js';
import { createExtractiveGenerator } from '../../server/generators/extractive/extractive-generator.js';
import type { Evidence } from '../../server/generators/extractive/sentence-evidence.js';
import { ALWAYS_ANSWER, manualLine, queryOf } from '../helpers/candidates.js';

// Only what quotedNeighbour reads: the candidate and its score.
const scored = (n: number, score: number, extra: Parameters<typeof manualLine>[2] = {}) =>
  ({ candidate: manualLine(n, `Line ${n} of the widget manual.`, extra), score }) as unknown as Evidence;

describe('the runner-up quoted beside the best sentence', () => {
  it('when it is the next or the previous sentence of the same document and scores at least the share', () => {
    expect(quotedNeighbour([scored(5, 1), scored(6, 0.4)], 0.3)?.candidate.id).toBe(6);
    expect(quotedNeighbour([scored(5, 1), scored(4, 0.4)], 0.3)?.candidate.id).toBe(4);
    expect(quotedNeighbour([scored(5, 1), scored(6, 0.2)], 0.3)).toBeUndefined();
    expect(quotedNeighbour([scored(5, 1), scored(6, 0.4)], null)).toBeUndefined();
  });

  it('not two sentences apart, not in another document, not a heading, not without evidence', () => {
    expect(quotedNeighbour([scored(5, 1), scored(7, 0.9)], 0)).toBeUndefined();
    expect(quotedNeighbour([scored(5, 1), scored(6, 0.9, { docId: 'other' })], 0)).toBeUndefined();
    expect(quotedNeighbour([scored(5, 1), scored(4, 0.9, { isHeading: true })], 0)).toBeUndefined();
    expect(quotedNeighbour([scored(5, 1), scored(6, 0)], 0)).toBeUndefined();
  });
});

describe('an answer that quotes a neighbour', () => {
  const answer = (question: string, terms: string[], lines: ReturnType<typeof manualLine>[], neighbourShare: number | null) =>
    createExtractiveGenerator({ model: ALWAYS_ANSWER, neighbourShare }).generate({
      question,
      history: [],
      query: { ...queryOf(question, terms), answerType: 'number' },
      candidates: lines,
    });

  it('quotes the paragraph in document order, the best sentence still leading with its value', async () => {
    // The best sentence (乙公司's shareholders) comes second; its neighbour, about 甲公司, holds another count.
    const lines = [manualLine(1, '甲公司累计经历 8 轮融资,股东名单中机构云集。'), manualLine(2, '同年成立的乙公司,股东数量多达 86 个。')];
    const r = await answer('乙公司有多少个股东?', ['乙公司', '股东', '数量'], lines, 0);
    expect(r.citations.map((c) => c.candidateIds)).toEqual([[1], [2]]);
    expect(r.answer.startsWith('86 个。甲公司')).toBe(true);
    // Without the neighbour: the best sentence alone.
    const alone = await answer('乙公司有多少个股东?', ['乙公司', '股东', '数量'], lines, null);
    expect(alone.citations.map((c) => c.candidateIds)).toEqual([[2]]);
    expect(alone.answer.startsWith('86 个。同年成立的乙公司')).toBe(true);
  });
});
