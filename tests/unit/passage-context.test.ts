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

  it('adds the sentences after, then before, within the budget, never across a heading or a document', () => {
    expect(withContext([lines[2]], bySentence(lines)).map((c) => c.id)).toEqual([2, 3, 4]);
    // A small budget keeps the next sentence only.
    const size = (s: string) => s.replace(/\s+/g, '').length;
    expect(withContext([lines[2]], bySentence(lines), size(lines[2].text) + size(lines[3].text)).map((c) => c.id)).toEqual([3, 4]);
    // Nothing fits: the sentence alone.
    expect(withContext([lines[2]], bySentence(lines), 1).map((c) => c.id)).toEqual([3]);
    // Another document's sentence right after is not context.
    const last = manualLine(7, 'Last line.');
    expect(withContext([last], bySentence([...lines, last])).map((c) => c.id)).toEqual([7]);
  });

  it('shows a refusal each sentence once: a sentence inside an earlier passage takes no place of its own', async () => {
    const question = 'Which colours does the highlight use?';
    const r = await createExtractiveGenerator({ model: NEVER_ANSWER }).generate({
      question,
      history: [],
      query: queryOf(question, ['colour', 'highlighted', 'never']),
      candidates: lines,
    });
    expect(r.answered).toBe(false);
    const shown = r.passages!.flatMap((p) => p.candidateIds);
    expect(shown).toContain(4);
    expect(new Set(shown).size).toBe(shown.length);
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
    expect(await ask(0, 'Which colours does the highlight use?')).toMatchObject({ answered: false, answer: 'No sentence in the documents clearly answers this.' });
    expect(await ask(0, '高亮用什么颜色?')).toMatchObject({ answered: false, answer: '文档中没有句子明确回答这个问题。' });
    // Probability ~0: the plain refusal.
    expect(await ask(-10, 'Which colours does the highlight use?')).toMatchObject({ answered: false, answer: 'The documents do not say.' });
  });
});
