import { describe, expect, it } from 'vitest';
import type { GeneratedAnswer } from '../../server/core/types.js';
import type { Generator } from '../../server/core/generator.js';
import { AppError } from '../../server/shared/errors.js';
import { createFallbackGenerator } from '../../server/generators/llm/fallback-generator.js';
import { ARTICLE_SENTENCES, makeCandidates, makeInput } from '../helpers/candidates.js';

const input = makeInput('沐曦估值?', makeCandidates(ARTICLE_SENTENCES));
const extractive: Generator = {
  name: 'extractive',
  async generate(_input, options) {
    options?.onDelta?.('提取的答案[1]');
    return { answer: '提取的答案[1]', answered: true, citations: [{ n: 1, candidateIds: [2] }] };
  },
};

function primaryThat(behaviour: () => Promise<GeneratedAnswer>, condense?: () => Promise<string>) {
  const calls = { generate: 0, condense: 0 };
  const generator: Generator = {
    name: 'openai:test',
    async generate(_input, options) {
      calls.generate++;
      options?.onDelta?.('部分');
      return behaviour();
    },
    ...(condense
      ? {
          condenseQuestion: async () => {
            calls.condense++;
            return condense();
          },
        }
      : {}),
  };
  return { generator, calls };
}

describe('fallback generator', () => {
  it('passes the primary answer through untouched', async () => {
    const ok = { answer: 'LLM[2]', answered: true, citations: [{ n: 2, candidateIds: [2] }] };
    const { generator } = primaryThat(async () => ok);
    const g = createFallbackGenerator({ primary: generator, fallback: extractive });
    expect(await g.generate(input)).toEqual(ok);
    expect(g.name).toBe('openai:test');
  });

  it.each([
    ['upstream_error', new AppError('upstream_error', 'HTTP 500', 502)],
    ['timeout', new AppError('timeout', 'no response', 504)],
    ['anything else', new Error('socket hang up')],
  ])('falls back with degraded:true on %s, separating it from partial streamed text', async (_name, error) => {
    const { generator } = primaryThat(async () => Promise.reject(error));
    const deltas: string[] = [];
    const result = await createFallbackGenerator({ primary: generator, fallback: extractive }).generate(input, {
      onDelta: (t) => deltas.push(t),
    });
    expect(result).toEqual({ answer: '提取的答案[1]', answered: true, citations: [{ n: 1, candidateIds: [2] }], degraded: true });
    expect(deltas).toEqual(['部分', '\n\n', '提取的答案[1]']);
  });

  it('rethrows a cancellation instead of answering nobody', async () => {
    const controller = new AbortController();
    controller.abort();
    const { generator } = primaryThat(async () => Promise.reject(new AppError('cancelled', 'gone', 499)));
    await expect(
      createFallbackGenerator({ primary: generator, fallback: extractive }).generate(input, { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('skips the primary during the cooldown after a failure, then tries it again', async () => {
    let clock = 0;
    let fail = true;
    const { generator, calls } = primaryThat(async () =>
      fail ? Promise.reject(new AppError('timeout', 't', 504)) : { answer: 'ok[1]', answered: true, citations: [{ n: 1, candidateIds: [1] }] },
    );
    const g = createFallbackGenerator({ primary: generator, fallback: extractive, cooldownMs: 1000, now: () => clock });
    expect((await g.generate(input)).degraded).toBe(true);
    fail = false;
    clock = 500;
    expect((await g.generate(input)).degraded).toBe(true);
    expect(calls.generate).toBe(1);
    clock = 1000;
    expect((await g.generate(input)).degraded).toBeUndefined();
    expect(calls.generate).toBe(2);
  });

  it('condense: uses the primary, returns the question unchanged when it fails', async () => {
    const history = [{ role: 'user' as const, content: '摩尔线程亏损?' }];
    const ok = primaryThat(async () => ({ answer: '', answered: false, citations: [] }), async () => '沐曦亏损?');
    expect(await createFallbackGenerator({ primary: ok.generator, fallback: extractive }).condenseQuestion!('那沐曦呢?', history)).toBe(
      '沐曦亏损?',
    );
    const down = primaryThat(
      async () => Promise.reject(new AppError('upstream_error', 'x', 502)),
      async () => Promise.reject(new AppError('upstream_error', 'x', 502)),
    );
    const g = createFallbackGenerator({ primary: down.generator, fallback: extractive });
    expect(await g.condenseQuestion!('那沐曦呢?', history)).toBe('那沐曦呢?');
    // The failed condense opened the cooldown: generate goes straight to the fallback, no second wait.
    expect((await g.generate(input)).degraded).toBe(true);
    expect(down.calls.generate).toBe(0);
  });

  it('has no condenseQuestion when the primary has none', () => {
    const { generator } = primaryThat(async () => ({ answer: '', answered: false, citations: [] }));
    expect(createFallbackGenerator({ primary: generator, fallback: extractive }).condenseQuestion).toBeUndefined();
  });
});
