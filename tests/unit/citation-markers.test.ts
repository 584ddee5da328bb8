import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarkerFilter, validateMarkers } from '../../server/generators/llm/citation-markers.js';

const streamThrough = (chunks: string[], ids: number[]) => {
  const filter = createMarkerFilter(ids);
  const pieces = chunks.map((c) => filter.push(c));
  pieces.push(filter.flush());
  return { pieces, text: pieces.join(''), cited: [...filter.cited] };
};

describe('validateMarkers', () => {
  it('keeps markers that name an offered passage and drops invented ones', () => {
    const r = validateMarkers('估值为 210.71 亿元[2]，另有说法[9]。', [1, 2, 3]);
    expect(r.text).toBe('估值为 210.71 亿元[2]，另有说法。');
    expect(r.cited).toEqual([2]);
  });

  it('splits grouped markers and normalises full-width brackets', () => {
    expect(validateMarkers('A [1, 3] B【2】 C [3、9]', [1, 2, 3])).toEqual({ text: 'A [1][3] B[2] C [3]', cited: [1, 3, 2] });
  });

  it('accepts Markdown footnote markers', () => {
    expect(validateMarkers('A[^2] B[^7]', [2])).toEqual({ text: 'A[2] B', cited: [2] });
  });

  it('leaves bracketed text that is not a marker alone', () => {
    const text = 'see [note] and [1-3] and [ ] and an unclosed [12';
    expect(validateMarkers(text, [12]).text).toBe(text);
  });

  it('lists each cited id once, in order of first appearance', () => {
    expect(validateMarkers('x[3] y[1] z[3][1]', [1, 3]).cited).toEqual([3, 1]);
  });
});

describe('createMarkerFilter (streaming)', () => {
  it('holds back a marker split across chunks until it is complete', () => {
    const r = streamThrough(['估值为 210.71 亿元[1', '2]。'], [12]);
    expect(r.pieces[0]).toBe('估值为 210.71 亿元');
    expect(r.pieces[1]).toBe('[12]。');
    expect(r.cited).toEqual([12]);
  });

  it('drops an invented marker that arrives in pieces', () => {
    const r = streamThrough(['abc [', '9', '] def'], [1]);
    expect(r.text).toBe('abc  def');
    expect(r.pieces.join('')).not.toContain('9');
  });

  it('releases a stray bracket once it can no longer be a marker', () => {
    const r = streamThrough(['a [b', 'c]'], [1]);
    expect(r.pieces[0]).toBe('a [b');
  });

  it('treats an overlong bracket run as text whether streamed or not', () => {
    const long = `[${Array(20).fill('1').join(', ')}]`;
    expect(validateMarkers(long, [1]).text).toBe(long);
    expect(streamThrough([long.slice(0, 20), long.slice(20)], [1]).text).toBe(long);
  });

  it('streamed output always equals validating the whole text (any chunking)', () => {
    const alphabet = fc.constantFrom('[', ']', '【', '】', '1', '2', '9', ',', ' ', 'a', '中', '、');
    fc.assert(
      fc.property(fc.array(fc.array(alphabet, { maxLength: 12 }).map((cs) => cs.join('')), { maxLength: 16 }), (chunks) => {
        const whole = validateMarkers(chunks.join(''), [1, 2, 12]);
        const streamed = streamThrough(chunks, [1, 2, 12]);
        expect(streamed.text).toBe(whole.text);
        expect(streamed.cited).toEqual(whole.cited);
      }),
      { numRuns: 1000 },
    );
  });
});
