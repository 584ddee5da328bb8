import { describe, expect, it } from 'vitest';
import { createExtractiveGenerator } from '../../server/generators/extractive/extractive-generator.js';
import { holdsNewShape, shapeAskedFor } from '../../server/generators/extractive/asked-shape.js';
import { ALWAYS_ANSWER, manualLine, queryOf } from '../helpers/candidates.js';

// Manual-style text written for these tests (not the bank's).
const answer = (question: string, terms: string[], lines: ReturnType<typeof manualLine>[]) =>
  createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query: queryOf(question, terms), candidates: lines });

describe('the answer comes in the next sentence', () => {
  it('when the question asks for a shape by name, not when it only mentions one', () => {
    expect(shapeAskedFor('Which command brings the link up?')).toBe('name');
    expect(shapeAskedFor('what config file holds it?')).toBe('path');
    expect(shapeAskedFor('对应的模块要用哪个命令手动启用？')).toBe('name');
    expect(shapeAskedFor('What does the widget daemon read at start?')).toBeUndefined();
    expect(shapeAskedFor('这个命令有什么用？')).toBeUndefined();
  });

  it('a name the question does not already say', () => {
    expect(holdsNewShape('name', 'The widgetconf tool sets up the link.', 'Which command brings the link up after widgetconf?')).toBe(false);
    expect(holdsNewShape('name', 'Run wctl-up to bring it up.', 'Which command brings the link up after widgetconf?')).toBe(true);
    expect(holdsNewShape('name', '如果服务是在 Widget 策略之后安装的，就要手动启用模块。', '在 Widget 策略之后装的服务，用哪个命令启用模块？')).toBe(false);
    expect(holdsNewShape('name', 'wmodule 命令可以实现该目的。', '在 Widget 策略之后装的服务，用哪个命令启用模块？')).toBe(true);
  });

  it('quotes the next sentence when it names the asked command and the matched one does not', async () => {
    const lines = [manualLine(1, 'The widgetconf tool sets up the widget link for you.'), manualLine(2, 'The wctl-up command then brings the link up.'), manualLine(3, 'Logs go to the journal.')];
    const r = await answer('Which command brings the widget link up once widgetconf is done?', ['widgetconf', 'widget', 'link'], lines);
    expect(r.answer).toContain('wctl-up');
    expect(r.citations[0].candidateIds).toEqual([1, 2]);
  });

  it('quotes the reason that follows for a why, and the body under a heading', async () => {
    const why = [manualLine(1, 'The usual way is to feed the widget installer an empty input.'), manualLine(2, 'Most installers fall back to their defaults, because they expect no answer.')];
    const r = await answer('Why does feeding the widget installer an empty input work?', ['widget', 'installer', 'empty', 'input'], why);
    expect(r.answer).toContain('because they expect no answer');
    const heading = [manualLine(1, 'Widget::Clean::Interval', { isLabel: true }), manualLine(2, 'It controls how often old widgets are removed.')];
    expect((await answer('Widget::Clean::Interval', ['widget::clean::interval'], heading)).answer).toContain('how often old widgets');
  });

  it('quotes the next sentence for a how-to when only it names what to run or press', async () => {
    const lines = [
      manualLine(1, 'Any widget file whose name starts with a period is hidden by default.'),
      manualLine(2, 'Use the --all option, or press Ctrl+H, to show them.'),
      manualLine(3, 'Logs go to the journal.'),
    ];
    const r = await answer('How do I see hidden widget files?', ['hidden', 'widget', 'files'], lines);
    expect(r.answer).toContain('--all');
    expect(r.citations[0].candidateIds).toEqual([1, 2]);
    // A sentence that names the action itself is quoted alone.
    const alone = [manualLine(1, 'Use the --all option to show hidden widget files.'), manualLine(2, 'The --long option shows their sizes.')];
    expect((await answer('How do I see hidden widget files?', ['hidden', 'widget', 'files'], alone)).citations[0].candidateIds).toEqual([1]);
  });

  it('leaves a sentence that answers alone', async () => {
    const lines = [manualLine(1, 'Run wctl-up to bring the widget link up.'), manualLine(2, 'The wctl-down command takes it down.')];
    const r = await answer('Which command brings the widget link up?', ['widget', 'link'], lines);
    expect(r.citations[0].candidateIds).toEqual([1]);
    expect(r.answer).not.toContain('wctl-down');
  });
});

describe('the answer comes next: review cases', () => {
  it('reads whole numbers, whole tokens of the question, and prose as prose', () => {
    expect(holdsNewShape('number', 'The daemon listens on port 22.', 'Which port does the daemon of version 2 use?', false, true)).toBe(true);
    expect(holdsNewShape('name', 'The ls tool lists them.', 'Which tools show files?', false, true)).toBe(true);
    expect(holdsNewShape('name', 'Its settings, e.g. the log level, are well-known and built-in.', 'Which command starts it?', false, true)).toBe(false);
    expect(shapeAskedFor('为什么命令 apt 会报错？')).toBeUndefined();
    expect(shapeAskedFor('What does command mode do?')).toBeUndefined();
    expect(shapeAskedFor("What's the command that lists them?")).toBe('name');
    expect(shapeAskedFor('用哪条命令查看？')).toBe('name');
  });

  it('quotes a list under a heading whole, and never a sentence twice', async () => {
    const heading = [manualLine(1, 'Supported widget formats', { isHeading: true }), manualLine(2, '- PNG'), manualLine(3, '- JPEG'), manualLine(4, 'Other text.')];
    const r = await answer('Supported widget formats', ['supported', 'widget', 'formats'], heading);
    expect(r.answer).toContain('JPEG');
    const why = [
      manualLine(1, 'The widget cache can grow large over time.'),
      manualLine(2, 'Entries are never evicted because the store keeps them.'),
      manualLine(3, 'So the widget cache will grow without bound.'),
    ];
    const w = await createExtractiveGenerator({ model: ALWAYS_ANSWER, maxSentences: 2 }).generate({
      question: 'Why does the widget cache grow?',
      history: [],
      query: queryOf('Why does the widget cache grow?', ['widget', 'cache', 'grow']),
      candidates: why,
    });
    const ids = w.citations.flatMap((c) => c.candidateIds);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
