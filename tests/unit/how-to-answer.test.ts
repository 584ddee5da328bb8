import { describe, expect, it } from 'vitest';
import { createExtractiveGenerator } from '../../server/generators/extractive/extractive-generator.js';
import { callNamedByHeading, codeCue, howToBonus, stepCue, stepsAfter } from '../../server/generators/extractive/how-to-answer.js';
import { preferByKind } from '../../server/generators/extractive/kind-preference.js';
import { kindOf } from '../../server/generators/extractive/kinds/index.js';
import { followingItems } from '../../server/core/list-leads.js';
import type { LoadedIndex } from '../../server/shared/index-format/loaded-index.js';
import { ALWAYS_ANSWER, bySentence, manualLine, queryOf } from '../helpers/candidates.js';

// Made-up manual text (not the bank's): a widget daemon and a tiny API reference.

describe('how-to answers quote the steps and commands an explanation leads to', () => {
  it('takes the prompt lines after an explanation, and stops at what is not a command', () => {
    const cs = [
      manualLine(1, 'To reload the widget daemon after editing its configuration, run:'),
      manualLine(2, '$ sudo widgetctl reload', { code: true }),
      manualLine(3, '$ widgetctl status', { code: true }),
      // Indented under a prompt, but output or a caption: not more of the command.
      manualLine(4, 'Table 2.1. Widget states', { code: true }),
    ];
    expect(stepsAfter(cs[0], bySentence(cs)).map((c) => c.id)).toEqual([2, 3]);
  });

  it('follows an announced step that announces its own command', () => {
    const cs = [
      manualLine(1, 'Without a network, follow these steps:'),
      manualLine(2, 'Plug in the widget key and use the widget-register command:'),
      manualLine(3, 'widget-register add', { code: true }),
      manualLine(4, 'The widget is then listed by the daemon.'),
    ];
    expect(stepsAfter(cs[0], bySentence(cs)).map((c) => c.id)).toEqual([2, 3]);
  });

  it('quotes the whole numbered procedure with each step’s command', () => {
    const cs = [
      manualLine(1, 'A widget is set up as follows.'),
      manualLine(2, '1. Add the user to the group "widgets" by the following.'),
      manualLine(3, '$ sudo adduser alice widgets', { code: true }),
      manualLine(4, '2. Restart the daemon by the following.'),
      manualLine(5, '$ sudo widgetctl restart', { code: true }),
      manualLine(6, 'Widgets are a fine thing.'),
    ];
    expect(stepsAfter(cs[0], bySentence(cs)).map((c) => c.id)).toEqual([2, 3, 4, 5]);
  });

  it('stops at a heading and at prose nothing announced', () => {
    const cs = [manualLine(1, 'To reload it, run:'), manualLine(2, '2.3. Widget logs', { isHeading: true })];
    expect(stepsAfter(cs[0], bySentence(cs))).toEqual([]);
    const prose = [manualLine(1, 'The widget daemon reads its configuration at start.'), manualLine(2, 'It logs to the journal.')];
    expect(stepsAfter(prose[0], bySentence(prose))).toEqual([]);
  });

  it('answers with the explanation, the command after it, and cites both', async () => {
    const question = 'How do I reload the widget daemon?';
    const cs = [manualLine(1, 'To reload the widget daemon after editing its configuration, run:'), manualLine(2, '$ sudo widgetctl reload', { code: true })];
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query: queryOf(question, ['reload', 'widget', 'daemon']), candidates: cs });
    expect(r.answer).toContain('$ sudo widgetctl reload');
    expect(r.citations).toHaveLength(1);
    expect(r.citations[0].candidateIds).toEqual([1, 2]);
  });

  it('goes on from a quoted announcement to the command it announces', async () => {
    const question = 'How do I make the widget builder sign with my own key?';
    const cs = [
      manualLine(1, 'Instead, the widget builder should sign with your own key.'),
      manualLine(2, 'You do that with the -k option:'),
      manualLine(3, 'widget-build -kKEY-ID', { code: true }),
      manualLine(4, 'Other tools read their settings elsewhere.'),
    ];
    const query = queryOf(question, ['widget', 'builder', 'sign', 'own', 'key']);
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query, candidates: cs });
    expect(r.answer).toBe('Instead, the widget builder should sign with your own key. You do that with the -k option: widget-build -kKEY-ID[1]');
    expect(r.citations).toEqual([{ n: 1, candidateIds: [1, 2, 3] }]);
  });

  it('goes on from a quoted announcement to the list it announces, whatever the question', async () => {
    const question = 'Who are the current widget policy editors?';
    const cs = [
      manualLine(1, 'The widget policy editors delegate their power to the mailing list.'),
      manualLine(2, 'The current editors are:'),
      manualLine(3, '• Ann Smith'),
      manualLine(4, '• Bo Chen'),
    ];
    const query = queryOf(question, ['current', 'widget', 'policy', 'editors']);
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query, candidates: cs });
    expect(r.answer).toBe('The widget policy editors delegate their power to the mailing list. The current editors are: • Ann Smith • Bo Chen[1]');
    // A numbered heading after the list reads as an item, "3. …": the list stops there.
    const numbered = [...cs.slice(0, 2), manualLine(3, '1. Ann Smith'), manualLine(4, '2. Bo Chen'), manualLine(5, '3. Widget policy history', { isHeading: true })];
    const n = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query, candidates: numbered });
    expect(n.citations).toEqual([{ n: 1, candidateIds: [1, 2, 3, 4] }]);
  });

  it('quotes an announcement chosen on its own with its list, and the sentence before it without them', async () => {
    const question = 'Who are the current widget policy editors?';
    const cs = [
      manualLine(1, 'The widget policy board delegates its power to the mailing list.'),
      manualLine(2, 'The current editors are:'),
      manualLine(3, '• Ann Smith'),
      manualLine(4, '• Bo Chen'),
    ];
    const query = queryOf(question, ['current', 'widget', 'policy', 'editors']);
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query, candidates: cs });
    expect(r.answer).toBe('The widget policy board delegates its power to the mailing list.[1] The current editors are: • Ann Smith • Bo Chen[2]');
    expect(r.citations).toEqual([
      { n: 1, candidateIds: [1] },
      { n: 2, candidateIds: [2, 3, 4] },
    ]);
  });

  it('answered by the command line itself, shows the explanation that announced it first', async () => {
    const question = 'How do I run widgetctl reload?';
    const cs = [
      manualLine(1, '2.1. Reloading', { isHeading: true }),
      manualLine(2, 'After editing the configuration, run:', { heading: '2.1. Reloading' }),
      manualLine(3, '$ sudo widgetctl reload', { code: true, lead: 'After editing the configuration, run:' }),
    ];
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query: queryOf(question, ['widgetctl', 'reload']), candidates: cs });
    expect(r.answer).toBe('After editing the configuration, run: $ sudo widgetctl reload[1]');
    expect(r.citations[0].candidateIds).toEqual([2, 3]);
  });

  it('shows the item between the explanation and the command, which says what the command is for', async () => {
    const question = 'How do I run sudo widgetctl reload?';
    const lead = 'Other ways exist:';
    const cs = [
      manualLine(1, '2.1. Reloading', { isHeading: true }),
      manualLine(2, lead, { heading: '2.1. Reloading' }),
      manualLine(3, '* in the early boot shell too:', { lead }),
      manualLine(4, '$ sudo widgetctl reload', { code: true, lead }),
    ];
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query: queryOf(question, ['sudo', 'widgetctl', 'reload']), candidates: cs });
    expect(r.answer).toBe('Other ways exist: * in the early boot shell too: $ sudo widgetctl reload[1]');
    expect(r.citations[0].candidateIds).toEqual([2, 3, 4]);
  });

  it('shows only the item that announced the command, not the other items and commands before it', async () => {
    const question = 'How do I record with tee into a typescript?';
    const lead = 'Other ways exist:';
    const cs = [
      manualLine(1, lead),
      manualLine(2, '* use script, which records everything:', { lead }),
      manualLine(3, '$ script session.log', { code: true, lead }),
      manualLine(4, '* in the early boot shell too:', { lead }),
      manualLine(5, '$ sh -i 2>&1 | tee typescript', { code: true, lead }),
    ];
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query: queryOf(question, ['tee', 'typescript']), candidates: cs });
    expect(r.answer).toBe('Other ways exist: * in the early boot shell too: $ sh -i 2>&1 | tee typescript[1]');
  });

  it('never takes a heading for the explanation', async () => {
    const question = 'How do I run widgetctl reload?';
    const cs = [manualLine(1, '2.1. Reloading widgetctl', { isHeading: true }), manualLine(2, 'Widgetctl reload is safe.', { code: true, lead: '2.1. Reloading widgetctl' })];
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query: queryOf(question, ['widgetctl', 'reload', 'safe']), candidates: cs });
    expect(r.citations[0].candidateIds).toEqual([2]);
  });

  it('shows a refused how-to its closest passage with the command after it', async () => {
    const neverAnswer = { ...ALWAYS_ANSWER, bias: -100, threshold: 0.5 };
    const question = 'How do I reload the widget daemon?';
    const cs = [manualLine(1, 'To reload the widget daemon after editing its configuration, run:'), manualLine(2, '$ sudo widgetctl reload', { code: true }), manualLine(3, 'The widget daemon logs to the journal.')];
    const r = await createExtractiveGenerator({ model: neverAnswer }).generate({ question, history: [], query: queryOf(question, ['reload', 'widget', 'daemon']), candidates: cs });
    expect(r.answered).toBe(false);
    // (With the sentence after it as context: passage-context.ts.)
    expect(r.passages?.[0].candidateIds).toEqual([1, 2, 3]);
    // The command is not offered a second time as a passage of its own.
    expect(r.passages?.flatMap((p) => p.candidateIds).filter((id) => id === 2)).toHaveLength(1);
  });

  it('does not quote a command after an explanation for a question that is not a how-to', async () => {
    const question = 'What does the widget daemon read at start?';
    const cs = [manualLine(1, 'The widget daemon reads its configuration at start.'), manualLine(2, '$ widgetctl status', { code: true })];
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query: queryOf(question, ['widget', 'daemon', 'read', 'start']), candidates: cs });
    expect(r.citations[0].candidateIds).toEqual([1]);
  });
});

describe('an API reference names the call its section heading is about', () => {
  const under = (text: string, heading: string) => manualLine(1, text, { heading });
  it('leads with the call when the sentence does not name it', () => {
    expect(callNamedByHeading(under('Tells the frobnicator to start spinning.', 'Frob › Class: Frobnicator › frob.spin(speed[, options])'))).toBe('frob.spin(speed[, options])');
    expect(callNamedByHeading(under('Call frob.spin() to start spinning.', 'Frob › frob.spin(speed)'))).toBeUndefined();
    expect(callNamedByHeading(under('Spinning is fun.', 'Frob › Spinning things'))).toBeUndefined();
    expect(callNamedByHeading(under('Spinning is fun.', 'Frob › Class: Frobnicator'))).toBeUndefined();
  });

  it('puts the call at the head of a how-to answer', async () => {
    const question = 'How do I make the frobnicator spin?';
    const cs = [under('Tells the frobnicator to start spinning.', 'Frob › frob.spin(speed)')];
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question, history: [], query: queryOf(question, ['frobnicator', 'spin']), candidates: cs });
    expect(r.answer.startsWith('frob.spin(speed): Tells the frobnicator')).toBe(true);
  });
});

describe('a how-to prefers a sentence that reads as a step', () => {
  it('marks explanations that lead to a command and sections that ask how', () => {
    const cs = [
      manualLine(1, 'By default the widget daemon sends no mail.'),
      manualLine(2, 'This is changed by setting mail=yes, then running:'),
      manualLine(3, '$ widgetctl reload', { code: true }),
      manualLine(5, 'Widgets sleep at night.', { heading: 'Widgets › 4.2. How to put widgets to sleep' }),
    ];
    const map = bySentence(cs);
    expect(cs.map((c) => stepCue(c, map))).toEqual([0, 1, 0, 1]);
  });

  it('re-orders by score plus the weight, and leaves the scores alone', () => {
    const talk = { candidate: manualLine(1, 'By default the widget daemon sends no mail.'), score: 0.8 };
    const step = { candidate: manualLine(2, 'Set mail=yes in widget.conf and run:'), score: 0.75 };
    const cmd = { candidate: manualLine(3, '$ widgetctl reload', { code: true }), score: 0.1 };
    const ranked = preferByKind([talk, step, cmd], (c, by) => howToBonus(c, by, { step: 0.1 }));
    expect(ranked.map((e) => e.candidate.id)).toEqual([2, 1, 3]);
    expect(ranked[0].score).toBe(0.75);
    expect(preferByKind([talk, step, cmd], (c, by) => howToBonus(c, by, { step: 0 })).map((e) => e.candidate.id)).toEqual([1, 2, 3]);
  });

  it('marks prose that names an option, a path, a setting, a quoted command or a menu path', () => {
    const named = [
      'If you want extra checks use the --enable-debug configure switch.',
      'This can be changed by replacing notify-by-nothing in the file /etc/widget/contacts',
      '你可以在本机 "~/.ssh/known_hosts" 里删除 "host_key" 条目来重新获得连接。',
      '按照“zip -rX”的方式调用可以获得最大的兼容性。',
      'open widget.conf with an editor and add allowProposal="true" as an option.',
      'gnome-terminal：首选项 → 配置文件 → 兼容性',
    ];
    const talk = ['By default the widget daemon does not send email.', "Don't use it, it's slow.", '事实上跨平台支持最好的存档工具是 zip。', 'Well-known ports are listed below.'];
    expect(named.map((t, i) => codeCue(manualLine(i, t)))).toEqual(named.map(() => 1));
    expect(talk.map((t, i) => codeCue(manualLine(i, t)))).toEqual(talk.map(() => 0));
    // A command line is not prose that names a command: its explanation speaks for it (stepCue).
    expect(codeCue(manualLine(9, '$ widgetctl reload --all', { code: true }))).toBe(0);
  });

  it('adds the step and code weights, and ranks by the key it is given', () => {
    const talk = { candidate: manualLine(1, 'By default the widget daemon sends no mail.'), score: 0.8, context: 0.3 };
    const named = { candidate: manualLine(2, 'To have it mail you, add mail=yes to /etc/widget.conf.'), score: 0.7, context: 0 };
    const w = { step: 0.15, code: 0.2 };
    expect(preferByKind([talk, named], (c, by) => howToBonus(c, by, w)).map((e) => e.candidate.id)).toEqual([2, 1]);
    // With the neighbours' share in the key (the first stage's), the talk keeps first place.
    expect(preferByKind([talk, named], (c, by) => howToBonus(c, by, w), (e) => e.score + e.context).map((e) => e.candidate.id)).toEqual([1, 2]);
  });
});

describe('procedural questions are how-to questions', () => {
  it.each([
    ['要配置小部件,需要哪些步骤?', 'how-to'],
    ['What should I run to reload the widgets?', 'how-to'],
    ['Where do I change the widget colour?', 'how-to'],
    ['用什么命令重启小部件?', 'how-to'],
    ['小部件改用什么材料?', undefined],
    ['哪些小部件支持夜间模式?', 'list'],
  ])('%s → %s', (q, kind) => {
    expect(kindOf(q)?.name).toBe(kind);
  });
});

describe('a chunk that ends on "follow these steps:" brings the steps and the command they announce', () => {
  it('offers the step, and the code line the step announces', () => {
    const sentences = ['Offline, follow these steps:', 'Insert the key and use the widget-register command:', '    widget-register add', 'Done.'];
    let text = '';
    const spans: Array<[number, number, number]> = [];
    for (const s of sentences) {
      spans.push([0, text.length, text.length + s.length]);
      text += `${s}\n\n`;
    }
    const index = { documents: [{ text }], sentences: spans } as unknown as LoadedIndex;
    expect(followingItems(index, 0)).toBe(2);
  });
});
