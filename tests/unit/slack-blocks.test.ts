import { describe, expect, it } from 'vitest';
import type { AskResult, Citation } from '../../server/core/types.js';
import {
  buildAnswerMessage,
  buildNoticeMessage,
  MAX_QUOTE_CHARS,
  NOT_ANSWERED_TEXT,
  PASSAGES_HEADING,
  SHARE_ACTION_ID,
  SLACK_LIMITS,
} from '../../server/slack/answer-blocks.js';

type AnyBlock = { type: string; text?: { text: string }; elements?: Array<{ text?: string; action_id?: string; value?: string }> };

const cite = (n: number, quote = `第 ${n} 句引用。`, extra: Partial<Citation> = {}): Citation => ({
  n,
  docId: 'doc',
  source: 'china-gpu-makers.txt',
  title: '国产 GPU 公司烧钱',
  start: 0,
  end: quote.length,
  quote,
  ...extra,
});

const blocksOf = (r: AskResult, opts = {}) => buildAnswerMessage(r, opts).blocks as unknown as AnyBlock[];
const texts = (blocks: AnyBlock[]) => blocks.flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')]);

/** Everything Slack validates, checked on every message built here. */
function expectWithinSlackLimits(blocks: AnyBlock[]) {
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const b of blocks) {
    if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (b.type === 'context') {
      expect(b.elements!.length).toBeGreaterThan(0);
      expect(b.elements!.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
      for (const e of b.elements!) expect(e.text!.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    }
  }
}

describe('buildAnswerMessage', () => {
  it('puts the answer in a mrkdwn section and numbered sources with quotes in a context block', () => {
    const result: AskResult = {
      answer: '摩尔线程共有 1126 名员工 [1]。',
      answered: true,
      citations: [cite(1, '人力成本方面,摩尔线程 1126 名员工中研发人员占比达 74.94%。')],
    };
    const msg = buildAnswerMessage(result);
    const blocks = msg.blocks as unknown as AnyBlock[];
    expect(blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: result.answer } });
    expect(blocks[1].type).toBe('divider');
    expect(blocks[2].type).toBe('context');
    expect(blocks[2].elements![0].text).toBe('*[1]* *国产 GPU 公司烧钱* — “人力成本方面,摩尔线程 1126 名员工中研发人员占比达 74.94%。”');
    expect(msg.text).toBe('摩尔线程共有 1126 名员工 [1]。\nSources: [1] 国产 GPU 公司烧钱');
    expectWithinSlackLimits(blocks);
  });

  it('escapes &, < and > in answers, quotes, titles and questions so corpus text cannot ping or break markup', () => {
    const result: AskResult = {
      answer: 'A < B & C > D <!channel> <@U123>',
      answered: true,
      citations: [cite(1, 'x <!here> & y', { title: 'R&D <b>' })],
    };
    const msg = buildAnswerMessage(result, { question: 'is a<b & c>d?' });
    const all = texts(msg.blocks as unknown as AnyBlock[]).join('\n') + msg.text;
    expect(all).not.toMatch(/<!channel>|<!here>|<@U123>|<b>/);
    expect(all).toContain('A &lt; B &amp; C &gt; D &lt;!channel&gt; &lt;@U123&gt;');
    expect(all).toContain('x &lt;!here&gt; &amp; y');
    expect(all).toContain('R&amp;D &lt;b&gt;');
    expect(all).toContain('is a&lt;b &amp; c&gt;d?');
  });

  it('links the title when the source is an http(s) URL', () => {
    const msg = buildAnswerMessage({ answer: 'a [1]', answered: true, citations: [cite(1, 'q', { source: 'https://example.com/a?b=1' })] });
    expect(texts(msg.blocks as unknown as AnyBlock[]).join()).toContain('<https://example.com/a?b=1|国产 GPU 公司烧钱>');
  });

  it('says plainly when there is no answer, and does not present sources as evidence', () => {
    const msg = buildAnswerMessage({ answer: '文章中没有提到这一信息。', answered: false, citations: [cite(1)] });
    const blocks = msg.blocks as unknown as AnyBlock[];
    expect(blocks[0].text!.text).toContain(NOT_ANSWERED_TEXT);
    expect(blocks.some((b) => b.type === 'context')).toBe(false);
    expect(msg.text.startsWith(NOT_ANSWERED_TEXT)).toBe(true);
    expect(msg.text).not.toContain('Sources');
  });

  it('shows a refusal\'s closest passages under a heading that says they are not an answer', () => {
    const msg = buildAnswerMessage({ answer: '文章没有提到这一点。', answered: false, citations: [cite(1, '最接近的一句。', { kind: 'passage' })] });
    const all = texts(msg.blocks as unknown as AnyBlock[]).join('\n');
    expect(all).toContain(PASSAGES_HEADING);
    expect(all).toContain('最接近的一句。');
    expect(msg.text).toContain(PASSAGES_HEADING);
    expect(msg.text).not.toContain('Sources');
    expectWithinSlackLimits(msg.blocks as unknown as AnyBlock[]);
  });

  it('notes a degraded (extractive fallback) answer', () => {
    const msg = buildAnswerMessage({ answer: 'a', answered: true, citations: [], degraded: true });
    expect(texts(msg.blocks as unknown as AnyBlock[]).join()).toMatch(/language model was unavailable/);
  });

  it('splits a long answer into sections of at most 3,000 characters without losing text', () => {
    const sentence = '这是一个相当长的句子,用来测试分段是否正确。';
    const answer = sentence.repeat(400); // ~8,800 characters
    const blocks = blocksOf({ answer, answered: true, citations: [cite(1)] });
    const sections = blocks.filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThanOrEqual(3);
    expect(sections.map((s) => s.text!.text).join('')).toBe(answer);
    // Split on sentence ends, not mid-sentence.
    for (const s of sections) expect(s.text!.text.endsWith('。')).toBe(true);
    expectWithinSlackLimits(blocks);
  });

  it('hard-splits a single sentence longer than a section, counting escaped characters', () => {
    const answer = '&'.repeat(2000); // 10,000 characters once escaped
    const blocks = blocksOf({ answer, answered: true, citations: [] });
    expectWithinSlackLimits(blocks);
    const joined = blocks.filter((b) => b.type === 'section').map((s) => s.text!.text).join('');
    expect(joined).toBe('&amp;'.repeat(2000));
  });

  it('uses several context blocks of ≤10 elements for many sources and stays within 50 blocks', () => {
    const citations = Array.from({ length: 23 }, (_, i) => cite(i + 1));
    const blocks = blocksOf({ answer: 'a', answered: true, citations });
    const contexts = blocks.filter((b) => b.type === 'context');
    expect(contexts.map((c) => c.elements!.length)).toEqual([10, 10, 3]);
    expectWithinSlackLimits(blocks);
  });

  it('caps pathological sizes: 1,000 sources and a 200,000-character answer still fit', () => {
    const citations = Array.from({ length: 1000 }, (_, i) => cite(i + 1, '很长的引用'.repeat(400)));
    const answer = '句子。'.repeat(70_000);
    const msg = buildAnswerMessage({ answer, answered: true, citations }, { question: 'q'.repeat(5000), shareValue: 'id' });
    const blocks = msg.blocks as unknown as AnyBlock[];
    expectWithinSlackLimits(blocks);
    expect(blocks.at(-1)!.type).toBe('actions');
    expect(texts(blocks).join()).toMatch(/more sources/);
    expect(texts(blocks).join()).toMatch(/Answer shortened/);
    expect(blocks[0].elements![0].text!.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText); // the question
    for (const e of blocks.slice(1).filter((b) => b.type === 'context').flatMap((b) => b.elements!)) {
      expect(e.text!.length).toBeLessThanOrEqual(MAX_QUOTE_CHARS + 400);
    }
    expect(msg.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  });

  it('truncates long quotes with an ellipsis and never splits a surrogate pair', () => {
    const quote = '😀'.repeat(MAX_QUOTE_CHARS);
    const [el] = blocksOf({ answer: 'a', answered: true, citations: [cite(1, quote)] })
      .filter((b) => b.type === 'context')
      .flatMap((b) => b.elements!);
    expect(el.text).toContain('…');
    expect(el.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('adds the question and a Share button when asked to', () => {
    const blocks = blocksOf(
      { answer: 'a', answered: true, citations: [] },
      { question: '摩尔线程有多少名员工?', askedBy: 'U0ASKER01', shareValue: 'share-id' },
    );
    expect(blocks[0].elements![0].text).toBe('*<@U0ASKER01> asked:* 摩尔线程有多少名员工?');
    const actions = blocks.at(-1)!;
    expect(actions.type).toBe('actions');
    expect(actions.elements![0]).toMatchObject({ action_id: SHARE_ACTION_ID, value: 'share-id' });
  });
});

describe('buildNoticeMessage', () => {
  it('is a single escaped section with the same plain text', () => {
    const msg = buildNoticeMessage('Sorry <oops> & more');
    expect(msg.text).toBe('Sorry &lt;oops&gt; &amp; more');
    expect(msg.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Sorry &lt;oops&gt; &amp; more' } }]);
  });
});
