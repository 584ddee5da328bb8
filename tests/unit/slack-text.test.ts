import { describe, expect, it } from 'vitest';
import { chunkEscaped, escapeAndFit, escapeMrkdwn, slackTextToPlain } from '../../server/slack/slack-text.js';
import { toHistory } from '../../server/slack/thread-history.js';
import { createTtlCache } from '../../server/slack/ttl-cache.js';

describe('slackTextToPlain', () => {
  it('drops the leading bot mention and decodes entities', () => {
    expect(slackTextToPlain('<@UBOT> 摩尔线程有多少名员工?')).toBe('摩尔线程有多少名员工?');
    expect(slackTextToPlain('<@UBOT|corpus-bot>: a &lt; b &amp;&amp; c &gt; d')).toBe('a < b && c > d');
    expect(slackTextToPlain('how many? <@UBOT>', 'UBOT')).toBe('how many?');
  });

  it('turns other markup into readable text', () => {
    expect(slackTextToPlain('ask <@U1|alice> in <#C1|general> <!here> about <https://ex.com|this> and <https://ex.com/x>')).toBe(
      'ask @alice in #general @here about this (https://ex.com) and https://ex.com/x',
    );
    expect(slackTextToPlain('<mailto:a@b.c|a@b.c>')).toBe('a@b.c');
  });

  it('keeps a literal "&lt;" typed by the user as text', () => {
    expect(slackTextToPlain('&amp;lt;')).toBe('&lt;');
  });
});

describe('escaping and fitting', () => {
  it('escapes the three control characters', () => {
    expect(escapeMrkdwn('<a & b>')).toBe('&lt;a &amp; b&gt;');
  });

  it('fits escaped text without cutting entities', () => {
    const out = escapeAndFit('&&&&', 12);
    expect(out).toBe('&amp;&amp;…');
    expect(out.length).toBeLessThanOrEqual(12);
    expect(escapeAndFit('short', 10)).toBe('short');
  });

  it('chunks on sentence boundaries and keeps all text', () => {
    const text = 'First sentence. Second one! 第三句。\n\nFourth?';
    const chunks = chunkEscaped(text, 20);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(20);
    expect(chunks.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });
});

describe('toHistory (thread → history)', () => {
  it('keeps earlier human and own turns, drops other bots, system messages and later messages', () => {
    const history = toHistory(
      [
        { ts: '1.1', user: 'U1', text: '<@UBOT> first question' },
        { ts: '1.2', user: 'UBOT', bot_id: 'BBOT', text: 'first answer [1]\nSources: [1] Title' },
        { ts: '1.3', bot_id: 'BOTHER', subtype: 'bot_message', text: 'noise' },
        { ts: '1.4', user: 'U2', subtype: 'channel_join', text: 'joined' },
        { ts: '1.5', user: 'U1', text: '<@UBOT> follow-up' },
        { ts: '1.6', user: 'U1', text: 'after' },
      ],
      '1.5',
      'UBOT',
      'BBOT',
    );
    expect(history).toEqual([
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'first answer [1]' },
    ]);
  });

  it('bounds the history to the same limits as /api/ask', () => {
    const messages = Array.from({ length: 60 }, (_, i) => ({ ts: `1.${String(i + 10)}`, user: 'U1', text: 'x'.repeat(3000) }));
    const history = toHistory(messages, '9', 'UBOT');
    expect(history.length).toBeLessThanOrEqual(20);
    expect(history.every((t) => t.content.length <= 2000)).toBe(true);
    expect(history.reduce((n, t) => n + t.content.length, 0)).toBeLessThanOrEqual(16 * 1024);
  });
});

describe('createTtlCache', () => {
  it('claims a key once, forgets it after the TTL, and evicts the oldest when full', () => {
    let now = 0;
    const cache = createTtlCache<true>({ maxEntries: 2, ttlMs: 100, clock: () => now });
    expect(cache.claim('a', true)).toBe(true);
    expect(cache.claim('a', true)).toBe(false);
    now = 100;
    expect(cache.claim('a', true)).toBe(true);
    cache.set('b', true);
    cache.set('c', true);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBe(true);
  });
});
