import { describe, expect, it } from 'vitest';
import { createAnswerCache } from '../../server/core/answer-cache.js';
import type { AskResult } from '../../server/core/types.js';

const result = (answer: string, extra: Partial<AskResult> = {}): AskResult => ({ answer, answered: true, citations: [], ...extra });

describe('answer cache', () => {
  it('returns a stored answer for the same question and history only', () => {
    const cache = createAnswerCache(10)!;
    cache.set('问题?', [], result('a'));
    expect(cache.get('问题?', [])?.answer).toBe('a');
    expect(cache.get(' 问题? ', [])?.answer).toBe('a');
    expect(cache.get('问题?', [{ role: 'user', content: '之前' }])).toBeUndefined();
    expect(cache.get('别的?', [])).toBeUndefined();
  });

  it('evicts the least recently used entry', () => {
    const cache = createAnswerCache(2)!;
    cache.set('a', [], result('a'));
    cache.set('b', [], result('b'));
    cache.get('a', []);
    cache.set('c', [], result('c'));
    expect(cache.get('b', [])).toBeUndefined();
    expect(cache.get('a', [])?.answer).toBe('a');
    expect(cache.get('c', [])?.answer).toBe('c');
  });

  it('never keeps a degraded (fallback) answer, and size 0 means no cache', () => {
    const cache = createAnswerCache(5)!;
    cache.set('q', [], result('fallback', { degraded: true }));
    expect(cache.get('q', [])).toBeUndefined();
    expect(createAnswerCache(0)).toBeUndefined();
  });
});
