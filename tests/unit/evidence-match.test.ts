import { describe, expect, it } from 'vitest';
import { checkCase, holdsEvidence, statedValue, valueCitedElsewhere } from '../../server/eval/score-cases.js';
import type { LoadedIndex } from '../../server/shared/index-format/loaded-index.js';

describe('holdsEvidence (the bank finds a case\'s supporting sentence)', () => {
  it('matches the evidence however a later reader spaced the same words', () => {
    expect(holdsEvidence('用 passwd -e 用户命令强迫密码失效', 'passwd -e用户命令')).toBe(true);
    expect(holdsEvidence('package_name.conffiles list of configuration files', 'conffileslist')).toBe(true);
  });

  it('compares full-width and half-width forms alike (NFKC)', () => {
    expect(holdsEvidence('端口 ８０８０ 上', '8080')).toBe(true);
  });

  it('does not match other words', () => {
    expect(holdsEvidence('列出所有进程 ps auxf', 'ps aux -l')).toBe(false);
    expect(holdsEvidence('the ls command lists files', 'lsof')).toBe(false);
  });
});

describe('statedValue (the figure an answer leads with is what the reader takes as the answer)', () => {
  const quote = '截至 2025 年 3 月最后一轮融资,其估值已达 210.71 亿元。';
  it('reads a value lead before the quote, with or without its subject', () => {
    expect(statedValue(`沐曦:8 轮。${quote}[1]`, [quote])).toBe('沐曦:8 轮');
    expect(statedValue(`2014-08-01。Four decisions were involved: Bug #727708 2014-02-11.[1]`, ['Four decisions were involved'])).toBe('2014-08-01');
    expect(statedValue(`21.071 billion yuan (210.71 亿元) — ${quote}[1]`, [quote])).toBe('21.071 billion yuan (210.71 亿元)');
  });

  it('is not the quoted sentence itself, nor an opening without a figure', () => {
    expect(statedValue('安装 libpaper1 软件包。 这个设置会被保存在 /etc/papersize。[1]', ['安装 libpaper1 软件包。'])).toBeUndefined();
    expect(statedValue(`摩尔线程有员工。${quote}[1]`, [quote])).toBeUndefined();
    const release = 'Debian 12 — codenamed bookworm — was released in June 2023.';
    expect(statedValue(`${release}[1]`, [release])).toBeUndefined();
  });
});

describe('checkCase judges the stated value', () => {
  const doc = { id: 'd', text: '累计经历 8 轮融资,其估值已达 210.71 亿元。' };
  const index = { documentById: new Map([[doc.id, doc]]) } as unknown as LoadedIndex;
  const cited = { n: 1, docId: 'd', source: 'd.txt', title: 'd', start: 0, end: doc.text.length, quote: doc.text };
  const c = { id: 'x', kind: 'fact', q: '估值到了多少?', expect: ['210.71 亿元'], evidence: '其估值已达' };
  it('fails an answer whose lead is another figure, although the quote holds the expected one', () => {
    const problems = checkCase(c, { answer: `沐曦:8 轮。${doc.text}[1]`, answered: true, citations: [cited] }, index);
    expect(problems).toEqual(['leads with "沐曦:8 轮", not 210.71 亿元']);
  });
  it('passes a lead that is the expected figure without the unit written after it, not a longer number', () => {
    const rounds = { ...c, q: '融了几轮?', expect: ['8 轮', '8 rounds'], evidence: '累计经历' };
    expect(checkCase(rounds, { answer: `8 — ${doc.text}[1]`, answered: true, citations: [cited] }, index)).toEqual([]);
    const tens = { ...rounds, expect: ['80 轮'] };
    expect(checkCase(tens, { answer: `8 — 80 轮,${doc.text}[1]`, answered: true, citations: [cited] }, index)).toContain('leads with "8", not 80 轮');
    const decimal = { ...rounds, expect: ['8.5 轮'] };
    expect(checkCase(decimal, { answer: `8 — 8.5 轮,${doc.text}[1]`, answered: true, citations: [cited] }, index)).toContain('leads with "8", not 8.5 轮');
    // A magnitude, a percent, a range or the rest of a date changes the number: not a unit left out.
    for (const other of ['8 万', '8%', '8-10 轮', '8 million', '8:30']) {
      const c2 = { ...rounds, expect: [other] };
      expect(checkCase(c2, { answer: `8 — ${other},${doc.text}[1]`, answered: true, citations: [cited] }, index)).toContain(`leads with "8", not ${other}`);
    }
    const date = { ...rounds, expect: ['2024-08-01'] };
    expect(checkCase(date, { answer: `2024 — 2024-08-01,${doc.text}[1]`, answered: true, citations: [cited] }, index)).toContain('leads with "2024", not 2024-08-01');
  });
  it('passes the same quote led by the expected figure, or with no lead at all', () => {
    expect(checkCase(c, { answer: `沐曦:210.71 亿元。${doc.text}[1]`, answered: true, citations: [cited] }, index)).toEqual([]);
    expect(checkCase(c, { answer: `${doc.text}[1]`, answered: true, citations: [cited] }, index)).toEqual([]);
  });
});

describe('valueCitedElsewhere (a wrong answer told apart in the report)', () => {
  const text = 'Wichert Akkerman succeeded Ian Jackson as Debian Project Leader in January of 1999.';
  const doc = { id: 'h', text };
  const index = { documentById: new Map([[doc.id, doc]]) } as unknown as LoadedIndex;
  const cited = { n: 1, docId: 'h', source: 'h.html', title: 'h', start: 0, end: text.length, quote: text };
  const c = { id: 'x', kind: 'when', q: 'When did Wichert Akkerman become DPL?', expect: ['January of 1999'], evidence: 'Wichert Akkerman led Debian' };

  it('is true when the only fault is citing another sentence that states the value', () => {
    const result = { answer: `${text}[1]`, answered: true, citations: [cited] };
    const problems = checkCase(c, result, index, { foldCase: true });
    expect(problems).toEqual(['no citation quotes "Wichert Akkerman led Debian"']);
    expect(valueCitedElsewhere(problems, c, result)).toBe(true);
  });

  it('is false when the answer or the cited sentence lacks the value, or the answer was refused', () => {
    const other = 'Ian Jackson led Debian from January 1996.';
    const wrong = { answer: `${other}[1]`, answered: true, citations: [{ ...cited, end: other.length, quote: other }] };
    expect(valueCitedElsewhere(checkCase(c, wrong, { documentById: new Map([['h', { id: 'h', text: other }]]) } as unknown as LoadedIndex, { foldCase: true }), c, wrong)).toBe(false);
    const refused = { answer: 'The documents do not say this clearly.', answered: false, citations: [] as typeof wrong.citations };
    expect(valueCitedElsewhere(checkCase(c, refused, index, { foldCase: true }), c, refused)).toBe(false);
  });
});
