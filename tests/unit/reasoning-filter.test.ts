import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReasoningFilter, stripReasoning } from '../../server/generators/llm/reasoning-filter.js';

describe('reasoning filter', () => {
  it('removes <think> blocks, including tags split across chunks', () => {
    const f = createReasoningFilter();
    const out = ['<thi', 'nk>passage [9] or NOT_IN_ARTICLE?</th', 'ink>\n\n估值 210.71 亿元[2]'].map((c) => f.push(c)).join('') + f.flush();
    expect(out).toBe('\n\n估值 210.71 亿元[2]');
  });

  it('drops an unterminated block and keeps text that only looks like a tag start', () => {
    expect(stripReasoning('answer <thinking aloud')).toBe('answer <thinking aloud');
    expect(stripReasoning('a<think>never closed')).toBe('a');
    expect(stripReasoning('a <thin')).toBe('a <thin');
  });

  it('streaming equals stripping the whole text (any chunking)', () => {
    const piece = fc.constantFrom('<think>', '</think>', '<', 't', 'hink>', '</', 'a', '中', '[1]', ' ');
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 5 }).map((p) => p.join('')), { maxLength: 10 }), (chunks) => {
        const f = createReasoningFilter();
        const streamed = chunks.map((c) => f.push(c)).join('') + f.flush();
        expect(streamed).toBe(stripReasoning(chunks.join('')));
      }),
      { numRuns: 1000 },
    );
  });
});
