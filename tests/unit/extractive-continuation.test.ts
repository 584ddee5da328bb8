import { describe, expect, it } from 'vitest';
import { createExtractiveGenerator } from '../../server/generators/extractive/extractive-generator.js';
import type { AnalyzedQuery, CandidateSentence } from '../../server/core/types.js';
import { ALWAYS_ANSWER } from '../helpers/candidates.js';

const sentence = (n: number, text: string): CandidateSentence => ({ id: n, sentence: 100 + n, docId: 'd', start: n * 100, end: n * 100 + text.length, text, chunkRank: 0 });

const query: AnalyzedQuery = {
  text: 'Why make a rescue USB stick from grub-rescue-pc before playing with the boot loader?',
  answerType: 'other',
  terms: ['rescue', 'grub-rescue-pc', 'boot', 'loader'].map((term) => ({ term, weight: 2, origin: 'question' as const })),
};

describe('a "why?" answered by a sentence without a reason quotes the sentence that goes on about it', () => {
  const first = sentence(1, 'Do not play with boot loaders without rescue media created from images in the grub-rescue-pc package.');
  it('appends the next sentence when it refers back', async () => {
    const generator = createExtractiveGenerator({ model: ALWAYS_ANSWER });
    const next = sentence(2, 'It makes you boot your system even without a functioning bootloader.');
    const r = await generator.generate({ question: query.text, history: [], query, candidates: [first, next] });
    expect(r.answer).toContain('It makes you boot your system');
    expect(r.citations[0].candidateIds).toEqual([1, 2]);
  });
  it('does not when the next sentence starts something else', async () => {
    const generator = createExtractiveGenerator({ model: ALWAYS_ANSWER });
    const other = sentence(2, 'The kernel is loaded by the boot loader.');
    const r = await generator.generate({ question: query.text, history: [], query, candidates: [first, other] });
    expect(r.citations[0].candidateIds).toEqual([1]);
  });
});
