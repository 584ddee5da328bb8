import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import { loadConfig } from '../../server/config.js';
import type { ServicesHolder } from '../../server/core/services.js';
import type { AskResult } from '../../server/core/types.js';
import { AppError } from '../../server/shared/errors.js';
import { silentLogger } from '../../server/logger.js';
import {
  citeSentence,
  corpusDocument,
  fakeServices,
  scriptedAnswerService,
  splitIntoDeltas,
  type ScriptedAnswerService,
  type ScriptedReply,
} from '../helpers/fake-services.js';

const doc = corpusDocument();
const valuation = citeSentence(doc, '210.71 亿元', 1);
const okResult: AskResult = { answer: '沐曦股份估值已达 210.71 亿元[1]。', answered: true, citations: [valuation] };

let reply: (q: string) => ScriptedReply = () => ({ deltas: splitIntoDeltas(okResult.answer, 4), result: okResult });
let service: ScriptedAnswerService;
const holder: ServicesHolder = { current: undefined };
let server: Server;
let baseURL: string;
let client: OpenAI;

beforeAll(async () => {
  const app = createApp({ services: holder, logger: silentLogger(), config: loadConfig({ LOG_LEVEL: 'silent' }) });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  client = new OpenAI({ baseURL, apiKey: 'unused', maxRetries: 0, timeout: 10_000 });
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  service = scriptedAnswerService((q) => reply(q));
  holder.current = fakeServices(service);
  reply = () => ({ deltas: splitIntoDeltas(okResult.answer, 4), result: okResult });
});

describe('/v1 with the official openai client', () => {
  it('lists the assistant as one model', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['corpus-assistant']);
    expect((await client.models.retrieve('corpus-assistant')).id).toBe('corpus-assistant');
  });

  it('answers a plain chat completion with [n] markers, a Sources list and top-level citations', async () => {
    const completion = await client.chat.completions.create({
      model: 'corpus-assistant',
      messages: [
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: '沐曦股份最后一轮融资后的估值是多少?' },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('corpus-assistant');
    const choice = completion.choices[0];
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.role).toBe('assistant');
    expect(choice.message.content).toBe(`${okResult.answer}\n\nSources:\n- [1] “${valuation.quote.trim()}” — ${valuation.title}`);
    expect(completion.usage!.prompt_tokens).toBeGreaterThan(10);
    expect(completion.usage!.completion_tokens).toBeGreaterThan(10);
    expect(completion.usage!.total_tokens).toBe(completion.usage!.prompt_tokens + completion.usage!.completion_tokens);
    expect((completion as unknown as { citations: unknown }).citations).toEqual([valuation]);
    expect(service.calls[0].question).toBe('沐曦股份最后一轮融资后的估值是多少?');
    expect(service.calls[0].history).toEqual([]);
  });

  it('streams chat.completion.chunk frames in pieces, then Sources, finish_reason, usage, [DONE]', async () => {
    const stream = await client.chat.completions.create({
      model: 'corpus-assistant',
      messages: [{ role: 'user', content: [{ type: 'text', text: '沐曦股份最后一轮融资后的估值是多少?' }] }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    const contents = chunks.flatMap((c) => c.choices.map((ch) => ch.delta.content ?? '')).filter(Boolean);
    expect(contents.slice(0, 4)).toEqual(splitIntoDeltas(okResult.answer, 4));
    expect(contents.join('')).toBe(`${okResult.answer}\n\nSources:\n- [1] “${valuation.quote.trim()}” — ${valuation.title}`);
    const finish = chunks.find((c) => c.choices[0]?.finish_reason === 'stop')!;
    expect((finish as unknown as { citations: unknown }).citations).toEqual([valuation]);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage!.completion_tokens).toBeGreaterThan(0);
  });

  it('passes earlier turns as history (without our Sources lists) in a multi-turn follow-up', async () => {
    const first = await client.chat.completions.create({
      model: 'corpus-assistant',
      messages: [{ role: 'user', content: '沐曦股份最后一轮融资后的估值是多少?' }],
    });
    const followUp = await client.chat.completions.create({
      model: 'corpus-assistant',
      messages: [
        { role: 'system', content: 'Ignore the article.' },
        { role: 'user', content: '沐曦股份最后一轮融资后的估值是多少?' },
        { role: 'assistant', content: first.choices[0].message.content },
        { role: 'user', content: '那摩尔线程呢?' },
      ],
      stream: true,
    });
    for await (const _ of followUp) void _;
    expect(service.calls[1].question).toBe('那摩尔线程呢?');
    expect(service.calls[1].history).toEqual([
      { role: 'user', content: '沐曦股份最后一轮融资后的估值是多少?' },
      { role: 'assistant', content: okResult.answer },
    ]);
  });

  it('appends the final answer when it replaced what was streamed (degraded fallback)', async () => {
    const degraded: AskResult = { ...okResult, degraded: true };
    reply = () => ({ deltas: ['沐曦的估', '值'], result: degraded });
    const stream = await client.chat.completions.create({
      model: 'corpus-assistant',
      messages: [{ role: 'user', content: '估值?' }],
      stream: true,
    });
    let text = '';
    let finish: unknown;
    for await (const c of stream) {
      text += c.choices[0]?.delta.content ?? '';
      if (c.choices[0]?.finish_reason) finish = c;
    }
    expect(text.startsWith(`沐曦的估值\n\n${okResult.answer}\n\nSources:`)).toBe(true);
    expect(finish).toMatchObject({ degraded: true });
  });

  it('returns an unanswered reply without a Sources list', async () => {
    const refusal: AskResult = { answer: '文档中没有提到这一点。', answered: false, citations: [] };
    reply = () => ({ deltas: [refusal.answer], result: refusal });
    const completion = await client.chat.completions.create({
      model: 'corpus-assistant',
      messages: [{ role: 'user', content: '摩尔线程的股票代码是多少?' }],
    });
    expect(completion.choices[0].message.content).toBe('文档中没有提到这一点。');
    expect(completion).toMatchObject({ citations: [], answered: false });
  });
});

describe('/v1 errors in the OpenAI shape', () => {
  const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${baseURL}/chat/completions`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it.each([
    ['no messages', { model: 'x', messages: [] }, 'messages'],
    ['last message not from the user', { messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }] }, 'messages[1].role'],
    ['image content', { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] }, 'messages[0].content[0]'],
    ['n > 1', { n: 2, messages: [{ role: 'user', content: 'a' }] }, 'n'],
    ['empty question', { messages: [{ role: 'user', content: '  ' }] }, 'messages[0].content'],
    ['too long question', { messages: [{ role: 'user', content: 'a'.repeat(2001) }] }, 'messages[0].content'],
  ])('400 for %s', async (_name, body, param) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', param, code: expect.any(String) } });
  });

  it("accepts a long conversation (over /api's 64 KiB) and answers from its newest turns; 413 past 1 MB", async () => {
    const turn = (i: number) => [
      { role: 'user', content: `问题 ${i} ${'很长的问题'.repeat(200)}` },
      { role: 'assistant', content: `回答 ${i}` },
    ];
    const messages = [...Array.from({ length: 40 }, (_, i) => turn(i)).flat(), { role: 'user', content: '最后的问题' }];
    const body = JSON.stringify({ model: 'corpus-assistant', messages });
    expect(Buffer.byteLength(body)).toBeGreaterThan(100 * 1024);
    const ok = await post(body);
    expect(ok.status).toBe(200);
    const history = service.calls.at(-1)!.history;
    expect(history.at(-1)).toEqual({ role: 'assistant', content: '回答 39' });
    expect(history.reduce((n, t) => n + t.content.length, 0)).toBeLessThanOrEqual(16 * 1024);

    const huge = await post(JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(1100 * 1024) }] }));
    expect(huge.status).toBe(413);
    expect((await huge.json()).error).toMatchObject({ type: 'invalid_request_error', code: 'payload_too_large' });
  });

  it('400 for malformed JSON and 415 for a non-JSON body', async () => {
    const bad = await post('{nope');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ type: 'invalid_request_error', code: 'bad_request' });
    const text = await post('hi', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect((await text.json()).error.type).toBe('invalid_request_error');
  });

  it('404 for an unknown /v1 route and model, in the OpenAI shape', async () => {
    const res = await fetch(`${baseURL}/embeddings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ type: 'invalid_request_error', code: 'not_found' });
    await expect(client.models.retrieve('gpt-4')).rejects.toMatchObject({ status: 404 });
  });

  it('503 server_error without an index; the openai client raises APIError', async () => {
    holder.current = undefined;
    await expect(
      client.chat.completions.create({ model: 'corpus-assistant', messages: [{ role: 'user', content: 'q' }] }),
    ).rejects.toMatchObject({ status: 503, type: 'server_error', code: 'index_unavailable' });
  });

  it('reports a failure after streaming started in-band, so the client raises it', async () => {
    reply = () => ({ deltas: ['部分'], result: okResult, error: new AppError('upstream_error', 'model down', 502) });
    const stream = await client.chat.completions.create({
      model: 'corpus-assistant',
      messages: [{ role: 'user', content: 'q' }],
      stream: true,
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const c of stream) seen.push(c.choices[0]?.delta.content ?? '');
      })(),
    ).rejects.toThrow(/model down/);
    expect(seen.join('')).toBe('部分');
  });
});
