import { describe, expect, it } from 'vitest';
import { createExtractiveGenerator } from '../../server/generators/extractive/extractive-generator.js';
import type { AnalyzedQuery } from '../../server/core/types.js';
import { ALWAYS_ANSWER, candidate } from '../helpers/candidates.js';

const ask = (question: string, query: Omit<AnalyzedQuery, 'text'>, text: string) =>
  createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query: { text: question, ...query }, candidates: [candidate(1, text)] });

describe('an answer across languages leads with the value in the asker\'s language', () => {
  it('an English asker gets a Chinese amount in English, then the quote', async () => {
    const r = await ask(
      'How much did MetaX spend on R&D?',
      { answerType: 'number', translated: true, terms: [{ term: 'spend', weight: 1, origin: 'question', alternatives: ['研发投入'] }] },
      '沐曦股份研发投入合计 24.66 亿元。',
    );
    expect(r.answer.startsWith('2.466 billion yuan (24.66 亿元) — ')).toBe(true);
    expect(r.answer).toContain('研发投入合计 24.66 亿元');
  });

  it('a Chinese asker gets the number of an English sentence, without its English noun', async () => {
    const r = await ask('LXDE 桌面支持多少种语言?', { answerType: 'number', translated: true, terms: [{ term: '语言', weight: 1, origin: 'question', alternatives: ['languag'] }] }, 'The LXDE desktop supports 35 languages.');
    expect(r.answer.startsWith('35 — The LXDE desktop supports 35 languages.')).toBe(true);
  });

  it('two candidate values lead with neither: the quote says which is which', async () => {
    const r = await ask('从哪个内核版本开始有多少种 namespace?', { answerType: 'number', translated: true, terms: [{ term: 'namespac', weight: 1, origin: 'question' }] }, 'Since kernel version 5.6, there are 8 kinds of namespaces.');
    expect(r.answer.startsWith('Since kernel version 5.6')).toBe(true);
  });
});
