import { describe, expect, it } from 'vitest';
import { createExtractiveGenerator } from '../../server/generators/extractive/extractive-generator.js';
import { withContext } from '../../server/generators/extractive/passage-context.js';
import { bySentence, manualLine, queryOf } from '../helpers/candidates.js';

// Manual-style text written for these tests (not the bank's).
const NEVER_ANSWER = { features: ['coverage'] as never[], weights: [0], bias: -10, threshold: 0.5 };

describe('a closest passage shows its sentence in context', () => {
  const lines = [
    manualLine(1, 'Output options', { isHeading: true }),
    manualLine(2, 'The tool prints one line per file.'),
    manualLine(3, 'Colour controls how matches are highlighted.'),
    manualLine(4, 'WHEN is never, always, or auto.'),
    manualLine(5, 'Input options', { isHeading: true }),
    manualLine(6, 'Other text.', { docId: 'other' }),
  ];

  it('adds the next sentence after, then before, in turn within the budget, never across a heading or a document', () => {
    expect(withContext([lines[2]], bySentence(lines)).map((c) => c.id)).toEqual([2, 3, 4]);
    // A small budget keeps the next sentence only.
    const size = (s: string) => s.replace(/\s+/g, '').length;
    expect(withContext([lines[2]], bySentence(lines), new Set(), size(lines[2].text) + size(lines[3].text)).map((c) => c.id)).toEqual([3, 4]);
    // Nothing fits: the sentence alone.
    expect(withContext([lines[2]], bySentence(lines), new Set(), 1).map((c) => c.id)).toEqual([3]);
    // Another document's sentence before it, or after it, is not context.
    const last = manualLine(7, 'Last line.');
    expect(withContext([last], bySentence([...lines, last])).map((c) => c.id)).toEqual([7]);
    const first = manualLine(5, 'A plain line of the other manual.', { docId: 'other' });
    expect(withContext([first], bySentence([first, lines[5]])).map((c) => c.id)).toEqual([5, 6]);
    expect(withContext([lines[5]], bySentence([manualLine(7, 'Next line.'), lines[5]])).map((c) => c.id)).toEqual([6]);
  });

  it('stops at a sentence an earlier passage shows', () => {
    expect(withContext([lines[2]], bySentence(lines), new Set([4])).map((c) => c.id)).toEqual([2, 3]);
  });

  it('shows a refusal each sentence once: no passage overlaps another, a sentence already shown takes no place', async () => {
    // Five consecutive lines, each about 90 characters: the best (3) grows into 4, the next best (2) must not take 3 again.
    const long = (n: number, words: string) => manualLine(n, `${words} ${'and the tool goes on to describe it at some length here '.repeat(1)}now.`);
    const five = [long(1, 'Alpha colour one'), long(2, 'Beta colour highlighted two'), long(3, 'Gamma colour highlighted never three'), long(4, 'Delta four'), long(5, 'Epsilon five')];
    const question = 'Which colours does the highlight use, never?';
    const r = await createExtractiveGenerator({ model: NEVER_ANSWER }).generate({ question, history: [], query: queryOf(question, ['colour', 'highlighted', 'never']), candidates: five });
    expect(r.answered).toBe(false);
    const ids = r.passages!.flatMap((p) => p.candidateIds);
    expect(ids).toContain(3);
    expect(new Set(ids).size).toBe(ids.length);
    // Each passage is one run of consecutive sentences.
    for (const p of r.passages!) expect(p.candidateIds).toEqual([...p.candidateIds].sort((a, b) => a - b).map((id, i, a) => a[0] + i));
  });
});

describe('a refusal says how sure it is', () => {
  const lines = [manualLine(1, 'Colour controls how matches are highlighted.'), manualLine(2, 'WHEN is never, always, or auto.')];
  const ask = (bias: number, question: string) =>
    createExtractiveGenerator({ model: { features: ['coverage'] as never[], weights: [0], bias, threshold: 0.75 } }).generate({
      question,
      history: [],
      query: queryOf(question, ['colour', 'highlighted']),
      candidates: lines,
    });

  it('says plainly that the documents do not say it when the best passage is unlikely to answer, and that no sentence clearly answers otherwise', async () => {
    // Probability 0.5 (bias 0): a likely but not confident passage.
    expect(await ask(0, 'Which colours does the highlight use?')).toMatchObject({ answered: false, answer: 'The documents do not say this clearly.' });
    expect(await ask(0, '高亮用什么颜色?')).toMatchObject({ answered: false, answer: '文档中没有明确说到这一点。' });
    // Probability ~0: the plain refusal.
    expect(await ask(-10, 'Which colours does the highlight use?')).toMatchObject({ answered: false, answer: 'The documents do not say.' });
  });
});
