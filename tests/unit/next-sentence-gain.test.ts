import { describe, expect, it } from 'vitest';
import { nextAddsCoverage } from '../../server/generators/extractive/next-sentence-gain.js';
import { createExtractiveGenerator } from '../../server/generators/extractive/extractive-generator.js';
import { ALWAYS_ANSWER, manualLine, queryOf } from '../helpers/candidates.js';

// The question's words fall on two adjacent sentences: the first names the widget's access, the next gives the default.
const question = 'What is the default widget access?';
const terms = ['widget', 'access', 'default'];
const lines = [
  manualLine(1, 'Access to the widget is set in its own file.'),
  manualLine(2, 'The default is local only.'),
  manualLine(3, 'Restart it afterwards.'),
];

describe('the next sentence quoted for the words the best one lacks', () => {
  it('when the pair says at least the gain more of the question than the sentence alone', () => {
    const query = queryOf(question, terms);
    expect(nextAddsCoverage(lines[0], lines[1], query, { gain: 0.1, coverage: new Map([[2, 1]]) })).toBe(true);
    // Adds nothing the question asks.
    expect(nextAddsCoverage(lines[1], lines[2], query, { gain: 0.1, coverage: new Map([[3, 1]]) })).toBe(false);
    // A gain above what the pair adds, or none fitted.
    expect(nextAddsCoverage(lines[0], lines[1], query, { gain: 0.5, coverage: new Map([[2, 1]]) })).toBe(false);
    expect(nextAddsCoverage(lines[0], lines[1], query, { gain: null, coverage: new Map() })).toBe(false);
    // A next sentence that says no question word of its own is not scored as a pair.
    expect(nextAddsCoverage(lines[0], lines[1], query, { gain: 0.1, coverage: new Map([[2, 0]]) })).toBe(false);
  });

  it('an answer quotes the best sentence with the next one in one citation, only with a gain', async () => {
    const answer = (nextGain: number | null) =>
      createExtractiveGenerator({ model: ALWAYS_ANSWER, neighbourShare: null, nextGain }).generate({
        question,
        history: [],
        query: queryOf(question, terms),
        candidates: lines,
      });
    expect((await answer(null)).citations.map((c) => c.candidateIds)).toEqual([[1]]);
    const both = await answer(0.1);
    expect(both.citations.map((c) => c.candidateIds)).toEqual([[1, 2]]);
    expect(both.answer).toContain('The default is local only.');
  });
});
