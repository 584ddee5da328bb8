import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import type { ServicesHolder } from '../../server/core/services.js';
import { silentLogger } from '../../server/logger.js';
import { buildTestServices, type TestServices } from '../helpers/build-test-services.js';

/**
 * /v1 on the default offline setup (local embeddings, extractive generator), driven by the
 * official `openai` package the way chat clients use it. With API_KEYS set, as a deployment would.
 */
type WithCitations = { citations: Array<{ n: number; docId: string; start: number; end: number; quote: string }> };

let t: TestServices;
let server: Server;
let client: OpenAI;
let baseURL: string;

beforeAll(async () => {
  t = await buildTestServices({ env: { API_KEYS: 'key-1,key-2' } });
  const holder: ServicesHolder = { current: t.services };
  server = createApp({ services: holder, logger: silentLogger(), config: t.config }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  client = new OpenAI({ baseURL, apiKey: 'key-2', maxRetries: 0 });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.cleanup();
});

const expectExact = (citations: WithCitations['citations']) => {
  expect(citations.length).toBeGreaterThan(0);
  for (const c of citations) expect(t.services.index.documentById.get(c.docId)!.text.slice(c.start, c.end)).toBe(c.quote);
};

describe('/v1/chat/completions on the offline default', () => {
  it('plain: answer with [n], a Sources list and exact top-level citations', async () => {
    const completion = await client.chat.completions.create({
      model: 'corpus-assistant',
      messages: [{ role: 'user', content: '摩尔线程有多少名员工?' }],
    });
    const content = completion.choices[0].message.content!;
    expect(content).toMatch(/1126[^\n]*\[\d+\]/);
    expect(content).toMatch(/\n\nSources:\n- \[\d+\] “[^”]*1126/);
    expectExact((completion as unknown as WithCitations).citations);
    expect(completion.choices[0].finish_reason).toBe('stop');
  });

  it('streamed: chunks end with finish_reason stop, citations and usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'corpus-assistant',
      messages: [{ role: 'user', content: '沐曦股份最后一轮融资后的估值是多少?' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: (WithCitations & { choices: Array<{ finish_reason: string | null }> }) | undefined;
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0]?.finish_reason) finish = chunk as unknown as typeof finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toContain('210.71');
    expect(text).toContain('Sources:');
    expect(finish!.choices[0].finish_reason).toBe('stop');
    expectExact(finish!.citations);
    expect(usage!.total_tokens).toBeGreaterThan(0);
  });

  it('multi-turn follow-up: the earlier turns resolve "那沐曦呢?"', async () => {
    const first = await client.chat.completions.create({
      model: 'corpus-assistant',
      messages: [{ role: 'user', content: '摩尔线程三年累计亏损多少?' }],
    });
    const second = await client.chat.completions.create({
      model: 'corpus-assistant',
      messages: [
        { role: 'user', content: '摩尔线程三年累计亏损多少?' },
        { role: 'assistant', content: first.choices[0].message.content },
        { role: 'user', content: '那沐曦呢?' },
      ],
    });
    expect(second.choices[0].message.content).toContain('32.90');
    expectExact((second as unknown as WithCitations).citations);
  });

  it('a wrong key gets a 401 authentication_error the openai client understands', async () => {
    const wrong = new OpenAI({ baseURL, apiKey: 'nope', maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toMatchObject({ status: 401, type: 'authentication_error', code: 'unauthorized' });
  });
});
