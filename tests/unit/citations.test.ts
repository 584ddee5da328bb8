import { describe, expect, it } from 'vitest';
import { replaceMarkers, toCitations } from '../../server/core/citations.js';
import type { CandidateSentence } from '../../server/core/types.js';
import type { LoadedIndex } from '../../server/shared/index-format/loaded-index.js';

const text = '第一句。第二句。第三句。';
const doc = { docId: 'd', source: 'd.txt', title: 't', date: null, hash: 'h', text };
const index = { documentById: new Map([['d', doc]]) } as unknown as LoadedIndex;
const cand = (id: number, sentence: number, start: number, end: number): CandidateSentence => ({
  id, sentence, docId: 'd', start, end, text: text.slice(start, end), chunkRank: 0,
});
const candidates = [cand(1, 0, 0, 4), cand(2, 1, 4, 8), cand(3, 2, 8, 12)];

describe('toCitations', () => {
  it('maps candidate ids to exact spans and merges adjacent sentences', () => {
    const r = toCitations(index, { answer: 'A[1] B[2]', answered: true, citations: [{ n: 1, candidateIds: [2] }, { n: 2, candidateIds: [1, 2] }] }, candidates);
    expect(r.citations).toEqual([
      { n: 1, docId: 'd', source: 'd.txt', title: 't', start: 4, end: 8, quote: '第二句。' },
      { n: 2, docId: 'd', source: 'd.txt', title: 't', start: 0, end: 8, quote: '第一句。第二句。' },
    ]);
  });

  it('removes markers without a citation and citations without a marker', () => {
    const r = toCitations(index, { answer: 'A[1] B[9]', answered: true, citations: [{ n: 1, candidateIds: [3] }, { n: 2, candidateIds: [1] }, { n: 9, candidateIds: [42] }] }, candidates);
    expect(r.answer).toBe('A[1] B');
    expect(r.citations.map((c) => c.n)).toEqual([1]);
  });

  it('a closest passage of several sentences is one exact span', () => {
    const r = toCitations(index, { answer: '没有', answered: false, citations: [], passages: [{ candidateIds: [2, 3] }, { candidateIds: [1] }] }, candidates);
    expect(r.citations).toEqual([
      { n: 1, docId: 'd', source: 'd.txt', title: 't', start: 4, end: 12, quote: '第二句。第三句。', kind: 'passage' },
      { n: 2, docId: 'd', source: 'd.txt', title: 't', start: 0, end: 4, quote: '第一句。', kind: 'passage' },
    ]);
  });

  it('an answer left with no valid citation is not answered', () => {
    const r = toCitations(index, { answer: 'made up[7]', answered: true, citations: [] }, candidates);
    expect(r.answered).toBe(false);
    expect(r.citations).toEqual([]);
  });
});

describe('toCitations: every quoted sentence is cited', () => {
  it('a group that skips a sentence is one span over both, the marker unchanged', () => {
    const r = toCitations(index, { answer: '第一句。第三句。[1]', answered: true, citations: [{ n: 1, candidateIds: [3, 1] }] }, candidates);
    expect(r.answer).toBe('第一句。第三句。[1]');
    expect(r.citations.map((c) => [c.n, c.quote])).toEqual([[1, '第一句。第二句。第三句。']]);
  });

  it('a group marked `wholeSpan` is one span however far apart its sentences are; otherwise the gap ends the span', () => {
    // Sentences 0 and 5 (a table's lead and its first row, the caption, border, header and rule between them).
    const far = [cand(1, 0, 0, 4), cand(2, 5, 8, 12)];
    const cite = (wholeSpan?: boolean) =>
      toCitations(index, { answer: 'A[1]', answered: true, citations: [{ n: 1, candidateIds: [1, 2], ...(wholeSpan ? { wholeSpan } : {}) }] }, far).citations[0].quote;
    expect(cite(true)).toBe('第一句。第二句。第三句。');
    expect(cite()).toBe('第一句。');
  });

  it('markers keep their numbers (the streamed text stays a prefix of the answer), and a [k] the text quotes is left alone', () => {
    const r = toCitations(index, { answer: 'arr[2] 见[2] B[1]', answered: true, citations: [{ n: 1, candidateIds: [1] }, { n: 2, candidateIds: [2] }] }, candidates);
    expect(r.answer).toBe('arr[2] 见[2] B[1]');
    expect(r.citations.map((c) => c.n)).toEqual([1, 2]);
  });
});

describe('replaceMarkers', () => {
  it('replaces what /\\[(\\d+)\\]/g matches, as String.replace does', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = '[[]]0123456789a 。٣';
    const replace = (m: string, n: string) => (Number(n) % 3 === 0 ? '' : `<${m}|${n}>`);
    for (let round = 0; round < 2000; round++) {
      const text = Array.from({ length: Math.floor(random() * 16) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(replaceMarkers(text, replace)).toBe(text.replace(/\[(\d+)\]/g, replace));
    }
    expect(replaceMarkers('a [1][[22]] [x] [3', (m, n) => `(${n})`)).toBe('a (1)[(22)] [x] [3');
  });
});
