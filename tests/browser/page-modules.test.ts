import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, shouldSkipBrowserTests, startServer, type TestBrowser, type TestServer } from './chat-harness.js';
import { chatServices, type ChatServices } from './chat-services.js';

/**
 * Unit tests of the page's own ES modules, run where they run: imported into Chromium from the server.
 * (They are plain browser JS without a build step, so this is also the check that they load as served.)
 */
/** The exports under test, as the page's JS modules define them. */
interface PageWindow {
  pageModules: {
    readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: string }>;
    parseRetryAfter(value: string | null, now?: number): number | undefined;
    createConversation(): {
      addExchange(question: string, answer: string): void;
      history(): Array<{ role: 'user' | 'assistant'; content: string }>;
    };
  };
}

describe.skipIf(shouldSkipBrowserTests())('chat page modules in Chromium', () => {
  let browser: TestBrowser;
  let server: TestServer;
  let chat: ChatServices;
  let page: Page;

  beforeAll(async () => {
    chat = await chatServices();
    server = await startServer(chat.services);
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.goto(server.url);
    // Passed as a string: vitest would otherwise rewrite import() inside the evaluated function.
    await page.evaluate(`Promise.all([
      import('/js/sse-reader.js'), import('/js/api-errors.js'), import('/js/conversation.js'),
    ]).then(([sse, errors, conversation]) => { window.pageModules = { ...sse, ...errors, ...conversation }; })`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await chat?.cleanup();
  });

  it('readSse parses frames whatever the chunk boundaries (CRLF, split UTF-8, comments, multi-line data)', async () => {
    const results = await page.evaluate(async () => {
      const { readSse } = (window as unknown as PageWindow).pageModules;
      const wire =
        ': heartbeat\n\nevent: delta\r\ndata: {"text":"估值 😀"}\r\n\r\n' +
        'event: note\ndata: line one\ndata: line two\n\n: heartbeat\n\nevent: done\ndata: {"answered":true}\n\n';
      const bytes = new TextEncoder().encode(wire);
      const runs: Array<Array<{ event: string; data: string }>> = [];
      for (let size = 1; size <= 9; size++) {
        const stream = new ReadableStream({
          start(controller) {
            for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
            controller.close();
          },
        });
        const events: Array<{ event: string; data: string }> = [];
        for await (const event of readSse(stream)) events.push(event);
        runs.push(events);
      }
      return runs;
    });
    const expected = [
      { event: 'delta', data: '{"text":"估值 😀"}' },
      { event: 'note', data: 'line one\nline two' },
      { event: 'done', data: '{"answered":true}' },
    ];
    for (const run of results) expect(run).toEqual(expected);
  });

  it('parseRetryAfter reads delta-seconds and HTTP dates', async () => {
    const parsed = await page.evaluate(async () => {
      const { parseRetryAfter } = (window as unknown as PageWindow).pageModules;
      const now = Date.parse('2026-01-01T00:00:00Z');
      return [
        parseRetryAfter('30', now),
        parseRetryAfter(' 5 ', now),
        parseRetryAfter('Thu, 01 Jan 2026 00:01:30 GMT', now),
        parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now),
        parseRetryAfter('soon', now),
        parseRetryAfter(null, now),
      ];
    });
    expect(parsed).toEqual([30, 5, 90, 0, undefined, undefined]);
  });

  it('the conversation keeps whole exchanges within the server limits (20 turns, 16 KiB)', async () => {
    const result = await page.evaluate(async () => {
      const { createConversation } = (window as unknown as PageWindow).pageModules;
      const byCount = createConversation();
      for (let i = 0; i < 15; i++) byCount.addExchange(`q${i}`, `a${i}`);
      const bySize = createConversation();
      for (let i = 0; i < 5; i++) bySize.addExchange(`q${i}`, 'x'.repeat(5000));
      const history = byCount.history();
      history[0].content = 'mutated copy';
      return {
        count: byCount.history().length,
        first: byCount.history()[0],
        last: byCount.history().at(-1),
        sizeTurns: bySize.history().length,
        sizeChars: bySize.history().reduce((n, t) => n + t.content.length, 0),
        sizeFirstRole: bySize.history()[0].role,
      };
    });
    expect(result.count).toBe(20);
    expect(result.first).toEqual({ role: 'user', content: 'q5' });
    expect(result.last).toEqual({ role: 'assistant', content: 'a14' });
    expect(result.sizeTurns).toBe(6);
    expect(result.sizeChars).toBeLessThanOrEqual(16 * 1024);
    expect(result.sizeFirstRole).toBe('user');
  });
});
