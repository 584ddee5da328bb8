import { describe, expect, it } from 'vitest';
import { historyFromTurns, titleFrom } from '../../server/core/conversation-service.js';
import { reportWindow } from '../../server/core/report-window.js';
import { reportToCsv } from '../../server/core/report-csv.js';
import { normaliseQuestion } from '../../server/storage/normalise-question.js';
import { buildAnswerMessage, SLACK_LIMITS } from '../../server/slack/answer-blocks.js';
import { FEEDBACK_BLOCK_ID } from '../../server/slack/feedback-blocks.js';
import type { StoredTurn } from '../../server/storage/conversation-repository.js';

const NOW = Date.UTC(2026, 11, 1, 12);

describe('normaliseQuestion', () => {
  it('groups spellings that differ only in width, case, spaces and punctuation', () => {
    expect(normaliseQuestion(' 摩尔线程的股票代码是多少 ？')).toBe(normaliseQuestion('摩尔线程的股票代码是多少?'));
    expect(normaliseQuestion('Who founded Moore Threads?')).toBe(normaliseQuestion('who  founded MOORE threads'));
    expect(normaliseQuestion('ＧＰＵ 2024年')).toBe('gpu2024年');
    expect(normaliseQuestion('沐曦的估值')).not.toBe(normaliseQuestion('摩尔线程的估值'));
  });
});

describe('reportWindow', () => {
  it('reads durations, dates and "all"; rejects anything else with a 400', () => {
    expect(reportWindow('7d', NOW)).toEqual({ since: NOW - 7 * 86_400_000, until: NOW + 1 });
    expect(reportWindow('24h', NOW).since).toBe(NOW - 86_400_000);
    expect(reportWindow('2w', NOW).since).toBe(NOW - 14 * 86_400_000);
    expect(reportWindow(undefined, NOW).since).toBe(NOW - 7 * 86_400_000);
    expect(reportWindow('2026-11-01', NOW).since).toBe(Date.UTC(2026, 10, 1));
    expect(reportWindow('all', NOW).since).toBe(0);
    for (const bad of ['yesterday', '7', '-1d', '2026-13-45x']) expect(() => reportWindow(bad, NOW)).toThrow(/since must be/);
  });
});

describe('stored turns → history', () => {
  const turn = (q: string, a: string): StoredTurn => ({ messageId: q, question: q, answer: a, answered: true, degraded: false, citations: [], createdAt: 0 });
  it('alternates question and answer, newest kept within the API limits, never starting with an answer', () => {
    expect(historyFromTurns([turn('q1', 'a1'), turn('q2', 'a2')])).toEqual([
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'q2' },
      { role: 'assistant', content: 'a2' },
    ]);
    const many = Array.from({ length: 15 }, (_, i) => turn(`q${i}`, `a${i}`));
    const h = historyFromTurns(many);
    expect(h).toHaveLength(20);
    expect(h[0]).toEqual({ role: 'user', content: 'q5' });
    const long = historyFromTurns([turn('old', 'x'.repeat(9000)), turn('mid', 'y'.repeat(9000)), turn('new', 'z')]);
    expect(long[0]).toEqual({ role: 'user', content: 'mid' });
  });

  it('titles a conversation by its first question, on one line', () => {
    expect(titleFrom('  摩尔线程\n有多少名员工?  ')).toBe('摩尔线程 有多少名员工?');
    expect(titleFrom('问'.repeat(300))).toHaveLength(120);
  });
});

describe('Slack feedback buttons', () => {
  const result = { answer: '1126 名员工[1]', answered: true, citations: [{ n: 1, docId: 'd', source: 'd.txt', title: 'D', start: 0, end: 4, quote: '1126' }] };
  it('appear only on stored answers, carrying the messageId, within the block limit', () => {
    expect(buildAnswerMessage(result).blocks.some((b) => 'block_id' in b && b.block_id === FEEDBACK_BLOCK_ID)).toBe(false);
    const stored = buildAnswerMessage({ ...result, messageId: 'msg-1' });
    const block = stored.blocks.find((b) => 'block_id' in b && b.block_id === FEEDBACK_BLOCK_ID) as { elements: Array<{ value: string }> };
    expect(block.elements.map((e) => e.value)).toEqual(['msg-1', 'msg-1']);
    const huge = buildAnswerMessage({ ...result, answer: 'x '.repeat(200_000), messageId: 'msg-2' });
    expect(huge.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(huge.blocks.at(-1)).toMatchObject({ block_id: FEEDBACK_BLOCK_ID });
  });
});

describe('report CSV', () => {
  it('quotes commas, quotes and newlines, and escapes formula-looking cells', () => {
    const csv = reportToCsv({
      since: '2026-11-24T00:00:00.000Z',
      until: '2026-12-01T00:00:00.000Z',
      totals: { questions: 1, answered: 0, unanswered: 1, up: 0, down: 0, satisfactionRate: null },
      unanswered: [{ question: '=HYPERLINK("x"), "quoted"\nline', normalized: 'x', count: 1, lastAskedAt: '2026-11-30T00:00:00.000Z' }],
      downVoted: [],
      perDay: [],
      topPassages: [],
    });
    expect(csv.startsWith('\uFEFFsection,')).toBe(true);
    expect(csv).toContain(`unanswered,"'=HYPERLINK(""x""), ""quoted""\nline",1`);
  });
});
