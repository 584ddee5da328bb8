import { mkdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createOpenAiGeneratorWithFallback } from '../../server/generators/llm/create-openai-generator.js';
import { buildTestServices, type TestServices } from '../helpers/build-test-services.js';
import { passagesOf, startFakeOpenAiServer, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { launchChromium, shouldSkipBrowserTests, startServer, type TestBrowser, type TestServer } from './chat-harness.js';
import { askAndWait, openChatPage, PHONE } from './chat-page-driver.js';

/**
 * An LLM's Markdown answer in the chat page (issue 15): the real answer service with GENERATOR=openai,
 * the model being the fake OpenAI-compatible server on loopback reached through the real client.
 * Bold, lists and tables render; `javascript:` links, images, raw HTML and event handlers do nothing
 * (under the harness's strict CSP, where a blocked inline handler would also show as a console error).
 */

const OUTPUT_DIR = new URL('../../test-output/', import.meta.url);
const QUESTION = '沐曦股份最后一轮融资后的估值是多少?';

/** What the "model" replies: formatting plus every XSS shape a Markdown path has to survive. */
function markdownReply(citeId: number): string {
  return [
    `**沐曦股份**的估值为 *210.71 亿元*[${citeId}]。`,
    '',
    '- 第一项:融资 8 轮',
    '- 第二项:葛卫东为第二大股东',
    '',
    '| 公司 | 估值 |',
    '|:---|---:|',
    `| 沐曦股份 | 210.71 亿元[${citeId}] |`,
    '',
    '[点我](javascript:alert(1)) [大写](JAVASCRIPT:alert(2)) [编码](javascript&#58;alert(3)) <javascript:alert(4)>',
    '<img src=x onerror=alert(5)> <a href="javascript:alert(6)">raw</a> <svg onload=alert(7)>',
    '![图片](javascript:alert(8)) ![跟踪](http://127.0.0.1:9/track.png) ![x](x" onerror="alert(9))',
    '[数据](data:text/html,<script>alert(10)</script>) [参考][bad]',
    '',
    '[bad]: javascript:alert(11)',
    '',
    '[安全链接](https://example.com/report "报告") https://example.org/plain',
  ].join('\n');
}

describe.skipIf(shouldSkipBrowserTests())('Markdown answers in Chromium', () => {
  let fake: FakeOpenAiServer;
  let built: TestServices;
  let browser: TestBrowser;
  let server: TestServer;
  const pages: Page[] = [];

  beforeAll(async () => {
    await mkdir(OUTPUT_DIR, { recursive: true });
    fake = await startFakeOpenAiServer();
    built = await buildTestServices({
      env: {
        GENERATOR: 'openai',
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_API_KEY: 'sk-test',
        OPENAI_MODEL: 'fake-model',
        OPENAI_MAX_RETRIES: '0',
      },
      generator: (config) => createOpenAiGeneratorWithFallback(config, { cooldownMs: 0 }),
    });
    server = await startServer(built.services);
    browser = await launchChromium();
  });

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await built?.cleanup();
    await fake?.close();
  });

  for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
    it(`${viewport.width} px: renders bold, list and table, keeps [n] as buttons, and executes nothing`, async () => {
      fake.script({
        respond: (messages) => markdownReply(passagesOf(messages).find((p) => p.text.includes('210.71'))!.id),
      });
      const { page, problems, dialogs } = await openChatPage(browser.context, server.url, viewport);
      pages.push(page);
      await askAndWait(page, QUESTION);
      const answer = page.locator('.msg-assistant').last().locator('.answer');

      expect(await answer.locator('strong').first().textContent()).toBe('沐曦股份');
      expect(await answer.locator('em').first().textContent()).toBe('210.71 亿元');
      expect(await answer.locator('ul > li').allTextContents()).toEqual(['第一项:融资 8 轮', '第二项:葛卫东为第二大股东']);
      expect(await answer.locator('table th').allTextContents()).toEqual(['公司', '估值']);
      expect(await answer.locator('table td').first().textContent()).toBe('沐曦股份');
      // Column alignment survives as a class (an inline style would break the CSP).
      expect(await answer.locator('table td.md-align-right').count()).toBe(1);
      expect(await answer.locator('[style]').count()).toBe(0);
      // A table wider than a phone scrolls inside the answer; the conversation never scrolls sideways.
      expect(await page.evaluate(() => ['.chat-scroll', '.messages'].map((s) => document.querySelector(s)!).filter((el) => el.scrollWidth > el.clientWidth + 1).length)).toBe(0);
      // The citation markers are buttons, in the text and inside the table, and open the source.
      expect(await answer.locator('button.cite').count()).toBe(2);
      expect(await answer.locator('table button.cite').count()).toBe(1);

      // Nothing executable: no image, no script, no SVG, no handler attribute, no non-http(s) link.
      expect(await page.locator('main img, main svg, main script, main iframe, main object').count()).toBe(0);
      const handlers = await page.evaluate(() =>
        [...document.querySelectorAll('main *')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
      );
      expect(handlers).toEqual([]);
      const links = await answer.locator('a').evaluateAll((as) =>
        as.map((a) => ({ href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel'), text: a.textContent })),
      );
      // An http(s) image becomes a plain link to it: nothing is loaded unless the reader opens it.
      expect(links).toEqual([
        { href: 'http://127.0.0.1:9/track.png', target: '_blank', rel: 'noopener noreferrer', text: '跟踪' },
        { href: 'https://example.com/report', target: '_blank', rel: 'noopener noreferrer', text: '安全链接' },
        { href: 'https://example.org/plain', target: '_blank', rel: 'noopener noreferrer', text: 'https://example.org/plain' },
      ]);
      // The refused links and the raw HTML stay visible as the text that was written.
      const text = (await answer.textContent()) ?? '';
      expect(text).toContain('[点我](javascript:alert(1))');
      expect(text).toContain('<img src=x onerror=alert(5)>');
      expect(text).toContain('<a href="javascript:alert(6)">raw</a>');

      // Clicking what would have been links does nothing either.
      await answer.getByText('[点我](javascript:alert(1))', { exact: false }).click();
      await answer.locator('button.cite').first().click();
      await page.locator('#source-panel mark').waitFor();
      expect(await page.locator('#source-panel mark').textContent()).toContain('210.71');
      await page.screenshot({ path: new URL(`chat-markdown-${viewport.width}.png`, OUTPUT_DIR).pathname });
      // Two rendered frames after the clicks: anything they scheduled has run (no fixed delay).
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
    });
  }

  it('asks nothing of any other origin while rendering an answer with remote image and link payloads', async () => {
    fake.script({ respond: (messages) => markdownReply(passagesOf(messages).find((p) => p.text.includes('210.71'))!.id) });
    const { page } = await openChatPage(browser.context, server.url);
    pages.push(page);
    const foreign: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(server.url)) foreign.push(req.url());
    });
    await askAndWait(page, QUESTION);
    expect(foreign).toEqual([]);
  });
});
