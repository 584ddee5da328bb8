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
    renderMarkdown(text: string, citations?: { isCited?: (n: number) => boolean; citeNode?: (n: number) => Node }): DocumentFragment;
    languageOf(text: string): 'en' | 'zh';
    pickLanguage(preferred: readonly string[]): 'en' | 'zh';
    asLanguage(value: unknown): 'en' | 'zh' | undefined;
    registerStrings(table: Record<'en' | 'zh', Record<string, string>>): void;
    t(key: string, vars?: Record<string, string | number>, language?: 'en' | 'zh'): string;
    setLanguage(language: 'en' | 'zh'): void;
  };
}

/**
 * Markdown an answer might contain that must never become script, a request or a non-http(s) link.
 * Each is rendered on its own; the test then inspects the resulting nodes.
 */
const XSS_MARKDOWN = [
  '[a](javascript:alert(1))',
  '[a](JaVaScRiPt:alert(1))',
  '[a]( javascript:alert(1) )',
  '[a](javascript&#58;alert(1))',
  '[a](java\u0000script:alert(1))',
  '[a](&#x6A;avascript:alert(1))',
  '[a](vbscript:msgbox(1))',
  '[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[a](file:///etc/passwd)',
  '[a](//evil.example/x)',
  '[a](/api/admin/reload)',
  '<javascript:alert(1)>',
  'javascript:alert(1)',
  '[a][r]\n\n[r]: javascript:alert(1)',
  '![a](javascript:alert(1))',
  '![a](https://evil.example/pixel.png)',
  '![a](x onerror=alert(1))',
  '<img src=x onerror=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<details open ontoggle=alert(1)>',
  '[a](https://ok.example/ "t\" onmouseover=\"alert(1)")',
  '`<img src=x onerror=alert(1)>`',
  '```html\n<script>alert(1)</script>\n```',
  '| a |\n|---|\n| <img src=x onerror=alert(1)> |',
  '**[x](javascript:alert(1))**',
  '[<img src=x onerror=alert(1)>](https://ok.example/)',
];

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
      import('/js/markdown.js'), import('/js/text-language.js'), import('/js/i18n.js'),
    ]).then((modules) => { window.pageModules = Object.assign({}, ...modules); })`);
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

  it('renderMarkdown: no payload yields script, a handler, an image, a frame or a non-http(s) link', async () => {
    const results = await page.evaluate(async (payloads) => {
      const { renderMarkdown } = (window as unknown as PageWindow).pageModules;
      return payloads.map((markdown) => {
        const host = document.createElement('div');
        host.append(renderMarkdown(markdown));
        const all = [...host.querySelectorAll('*')];
        return {
          markdown,
          tags: [...new Set(all.map((el) => el.tagName.toLowerCase()))],
          handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
          hrefs: all.filter((el) => el.hasAttribute('href') || el.hasAttribute('src')).map((el) => el.getAttribute('href') ?? el.getAttribute('src')),
          links: [...host.querySelectorAll('a')].map((a) => `${a.target} ${a.rel}`),
          text: host.textContent,
        };
      });
    }, XSS_MARKDOWN);
    expect(results).toHaveLength(XSS_MARKDOWN.length);
    for (const r of results) {
      expect(r.tags.filter((t) => !['p', 'a', 'strong', 'em', 'code', 'pre', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td'].includes(t)), r.markdown).toEqual([]);
      expect(r.handlers, r.markdown).toEqual([]);
      for (const href of r.hrefs) expect(href, r.markdown).toMatch(/^https:\/\/ok\.example\/|^https:\/\/evil\.example\/pixel\.png$/);
      for (const link of r.links) expect(link, r.markdown).toBe('_blank noopener noreferrer');
    }
    // What was refused is still there as text for the reader.
    expect(results.find((r) => r.markdown === '<img src=x onerror=alert(1)>')!.text?.trim()).toBe('<img src=x onerror=alert(1)>');
    expect(results.find((r) => r.markdown === '[a](javascript:alert(1))')!.text?.trim()).toBe('[a](javascript:alert(1))');
  });

  it('renderMarkdown: formatting renders, and only [n] the caller names become its nodes', async () => {
    const html = await page.evaluate(() => {
      const { renderMarkdown } = (window as unknown as PageWindow).pageModules;
      const host = document.createElement('div');
      host.append(
        renderMarkdown('**估值** 210.71 亿元[1],另见[2]与[12]。\n\n| a | b |\n|:-:|--:|\n| x[1] | y |\n\n1. one\n2. two', {
          isCited: (n) => n === 1 || n === 12,
          citeNode: (n) => {
            const b = document.createElement('button');
            b.className = 'cite';
            b.textContent = `<${n}>`;
            return b;
          },
        }),
      );
      return host.innerHTML.replace(/\n/g, '');
    });
    expect(html).toContain('<strong>估值</strong>');
    expect(html).toContain('亿元<button class="cite">&lt;1&gt;</button>,另见[2]与<button class="cite">&lt;12&gt;</button>');
    expect(html).toContain('<th class="md-align-center">a</th><th class="md-align-right">b</th>');
    expect(html).toContain('<td class="md-align-center">x<button class="cite">&lt;1&gt;</button></td>');
    expect(html).toContain('<ol><li>one</li><li>two</li></ol>');
    expect(html).not.toContain('style=');
  });

  it('languages: the question decides an answer\'s labels; the browser decides the interface; t() fills and falls back', async () => {
    const result = await page.evaluate(() => {
      const m = (window as unknown as PageWindow).pageModules;
      m.registerStrings({ en: { 'test.hello': 'Hello {name}', 'test.onlyEn': 'only English' }, zh: { 'test.hello': '你好 {name}' } });
      const inChinese = m.t('test.hello', { name: 'A' }, 'zh');
      m.setLanguage('zh');
      const current = [m.t('test.hello', { name: 'B' }), m.t('test.onlyEn'), m.t('test.missing'), m.t('test.hello', {}, 'en')];
      m.setLanguage('en');
      return {
        inChinese,
        current,
        of: ['沐曦股份的估值是多少?', 'What is 摩尔线程 worth?', 'What is MetaX worth?', 'GPU 2024?', '123', ''].map(m.languageOf),
        picked: [['zh-CN', 'en'], ['zh-TW'], ['zh'], ['en-US', 'zh-CN'], ['fr'], []].map(m.pickLanguage),
        as: ['zh', 'en', 'fr', null].map(m.asLanguage),
      };
    });
    expect(result.inChinese).toBe('你好 A');
    expect(result.current).toEqual(['你好 B', 'only English', 'test.missing', 'Hello {name}']);
    expect(result.of).toEqual(['zh', 'zh', 'en', 'en', 'en', 'en']);
    expect(result.picked).toEqual(['zh', 'zh', 'zh', 'en', 'en', 'en']);
    expect(result.as).toEqual(['zh', 'en', undefined, undefined]);
  });
});
