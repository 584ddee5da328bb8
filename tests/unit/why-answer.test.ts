import { describe, expect, it } from 'vitest';
import { createExtractiveGenerator } from '../../server/generators/extractive/extractive-generator.js';
import { kindBonus, preferByKind } from '../../server/generators/extractive/kind-preference.js';
import { why } from '../../server/generators/extractive/kinds/why.js';
import { reasonAfter, reasonBefore, reasonCue, whyBonus } from '../../server/generators/extractive/why-answer.js';
import { ALWAYS_ANSWER, bySentence, manualLine, queryOf } from '../helpers/candidates.js';

// Manual-style text written for these tests (not the bank's).

describe('a why is answered by the reason', () => {
  it('takes the sentence before a consequence, in either language, never a heading or another document', () => {
    const en = [manualLine(1, 'Relay data should be limited to series of 7 bit data.'), manualLine(2, 'So binary data are encoded into 7 bit format before they are sent.')];
    expect(reasonBefore(en[1], bySentence(en))?.id).toBe(1);
    const zh = [manualLine(1, '从另外一个方面，小部件脚本有内部处理数据能力，是快的。'), manualLine(2, '所以许多维护脚本使用这种语言。')];
    expect(reasonBefore(zh[1], bySentence(zh))?.id).toBe(1);
    const heading = [manualLine(1, '3.2. Encoding', { isHeading: true }), manualLine(2, 'Therefore the encoder runs first.')];
    expect(reasonBefore(heading[1], bySentence(heading))).toBeUndefined();
    const other = [manualLine(1, 'One thing.', { docId: 'other' }), manualLine(2, 'For this reason, releases are not affected.')];
    expect(reasonBefore(other[1], bySentence(other))).toBeUndefined();
    // Not a consequence: nothing before it is taken.
    expect(reasonBefore(manualLine(3, 'Sometimes the encoder runs first.'), bySentence(en))).toBeUndefined();
  });

  it('marks a sentence that gives a reason', () => {
    expect(reasonCue(manualLine(1, 'Only interfaces not listed there are managed, to avoid conflict with the old tool.'))).toBe(1);
    expect(reasonCue(manualLine(2, '应避免使用其它后缀，以免文件传输到其它系统时发生混淆。'))).toBe(1);
    expect(reasonCue(manualLine(3, 'The tool never changes the permissions of links.'))).toBe(0);
  });

  it('prefers the reason by its weight', () => {
    const statement = { candidate: manualLine(1, 'The tool never changes the permissions of symbolic links.'), score: 0.8 };
    const reason = { candidate: manualLine(2, 'This is not a problem since the permissions of links are never used.'), score: 0.7 };
    expect(preferByKind([statement, reason], (c) => 0.15 * reasonCue(c)).map((e) => e.candidate.id)).toEqual([2, 1]);
    expect(preferByKind([statement, reason], (c) => 0.05 * reasonCue(c)).map((e) => e.candidate.id)).toEqual([1, 2]);
  });

  it('ranks a why question by the committed weight: the reason first when it scores nearly as well', () => {
    const statement = { candidate: manualLine(1, 'The tool never changes the permissions of symbolic links.'), score: 0.8 };
    const reason = { candidate: manualLine(2, 'It skips symbolic links because their permissions are never used.'), score: 0.7 };
    expect(whyBonus(reason.candidate, { reason: 0.3 })).toBeCloseTo(0.3);
    expect(whyBonus(statement.candidate, { reason: 0.3 })).toBe(0);
    // The committed file's weight (why-weights.json, fitted by fit:how-to) is what a why question's ranking uses.
    const bonus = kindBonus(why);
    expect(bonus).toBeDefined();
    expect(preferByKind([statement, reason], bonus).map((e) => e.candidate.id)).toEqual([2, 1]);
    // Far behind, the reason does not win.
    expect(preferByKind([statement, { ...reason, score: 0.3 }], bonus).map((e) => e.candidate.id)).toEqual([1, 2]);
  });

  it('answers a why matched by a consequence with the reason before it, and cites both', async () => {
    const question = 'Why are binary data encoded into 7 bit format?';
    const cs = [manualLine(1, 'Relay data should be limited to series of 7 bit data.'), manualLine(2, 'So binary data are encoded into 7 bit format before they are sent.')];
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query: queryOf(question, ['binary', 'encoded', 'format']), candidates: cs });
    expect(r.answer.startsWith('Relay data should be limited to series of 7 bit data. So binary data')).toBe(true);
    expect(r.citations[0].candidateIds).toEqual([1, 2]);
  });

  it('quotes the reason before a consequence that also takes its subject from it, citing that sentence once', async () => {
    // "command" is only in the sentence before: the consequence takes it from there (usesPrevious), and still quotes it.
    const question = 'Why do the maintainer scripts of packages restart daemons with the invoke tool and not the plain command?';
    const cs = [
      manualLine(1, 'The plain command ignores runlevels and may start the wrong jobs.'),
      manualLine(2, 'Therefore the maintainer scripts of packages restart daemons with the invoke tool.'),
    ];
    const query = queryOf(question, ['maintainer', 'scripts', 'packages', 'restart', 'daemons', 'invoke', 'command']);
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query, candidates: cs });
    expect(r.answer).toBe(`${cs[0].text} ${cs[1].text}[1]`);
    expect(r.citations).toEqual([{ n: 1, candidateIds: [1, 2] }]);
  });

  it('shows a refused why the reason with the consequence as one passage', async () => {
    const neverAnswer = { ...ALWAYS_ANSWER, bias: -100, threshold: 0.5 };
    const question = '为什么许多维护脚本使用这种语言?';
    const cs = [manualLine(1, '从另外一个方面，小部件脚本有内部处理数据能力，是快的。'), manualLine(2, '所以许多维护脚本使用这种语言。')];
    const r = await createExtractiveGenerator({ model: neverAnswer }).generate({ question, history: [], query: queryOf(question, ['维护', '脚本', '语言']), candidates: cs });
    expect(r.answered).toBe(false);
    expect(r.passages?.[0].candidateIds).toEqual([1, 2]);
    expect(r.passages).toHaveLength(1);
  });
});

describe('a why matched by a statement', () => {
  it('quotes the sentence after it that goes on about it, when the statement gives no reason', () => {
    const cs = [manualLine(1, 'Do not run the widget updater without rescue media.'), manualLine(2, 'It makes you boot from the rescue system when the update fails.')];
    expect(reasonAfter(cs[0], bySentence(cs))?.id).toBe(2);
    const own = [manualLine(1, 'Do not run the updater alone, because it may fail.'), manualLine(2, 'It makes you boot from the rescue system.')];
    expect(reasonAfter(own[0], bySentence(own))).toBeUndefined();
  });
});
