/**
 * Issue 17: a citation click fetches the cited passage's neighbourhood, not the whole document, and
 * more of the document is loaded as the reader scrolls towards either end. Chromium over the real app
 * with a large document (~1.5 M characters) and a scripted answer citing a sentence in its middle.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeServices, scriptedAnswerService, citeSentence, type FakeDocument } from '../helpers/fake-services.js';
import { launchChromium, shouldSkipBrowserTests, startServer, type TestBrowser, type TestServer } from './chat-harness.js';

const LINE = (i: number) => `第 ${i} 段:国产 GPU 厂商的说明文字,用于测试来源面板的分段加载。\n`;
const DOC: FakeDocument = {
  docId: 'big-doc',
  source: 'big-doc.txt',
  title: '很长的文档',
  date: null,
  text: Array.from({ length: 40_000 }, (_, i) => (i === 20_000 ? '被引用的句子在这里,估值 210.71 亿元。\n' : LINE(i))).join(''),
};
const CITATION = citeSentence(DOC, '被引用的句子在这里', 1);

describe.skipIf(shouldSkipBrowserTests())('source panel windows', () => {
  let browser: TestBrowser;
  let server: TestServer;

  beforeAll(async () => {
    const answers = scriptedAnswerService(() => ({
      deltas: ['估值 210.71 亿元 [1]。'],
      result: { answer: '估值 210.71 亿元 [1]。', answered: true, citations: [CITATION] },
    }));
    server = await startServer(fakeServices(answers, [DOC]), { RATE_LIMIT_PER_MINUTE: '0' });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openCitation(): Promise<{ page: Page; requests: URL[]; sizes: number[]; problems: string[] }> {
    const page = await browser.context.newPage();
    const requests: URL[] = [];
    const sizes: number[] = [];
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(String(err)));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
    page.on('request', (r: Request) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/documents/')) requests.push(url);
    });
    page.on('response', async (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/documents/')) sizes.push((await r.body()).length);
    });
    await page.goto(server.url);
    await page.locator('#question').fill('估值是多少?');
    await page.locator('#question').press('Enter');
    await page.locator('.msg-assistant:not(.is-streaming) .answer button.cite').first().click();
    await page.locator('#source-panel mark').waitFor();
    return { page, requests, sizes, problems };
  }

  const bodyText = (page: Page) => page.locator('#source-body').evaluate((b) => b.textContent ?? '');

  it('fetches the neighbourhood of the cited passage, marks it, and never the whole document', async () => {
    const { page, requests, sizes, problems } = await openCitation();
    expect(await page.locator('#source-panel mark').textContent()).toBe(CITATION.quote);
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) {
      expect(url.searchParams.get('full')).toBeNull();
      expect(url.searchParams.has('start') && url.searchParams.has('end')).toBe(true);
    }
    const first = requests[0];
    expect(Number(first.searchParams.get('start'))).toBeLessThanOrEqual(CITATION.start);
    expect(Number(first.searchParams.get('end'))).toBeGreaterThanOrEqual(CITATION.end);
    // Each response is a window: a small fraction of the ~3 MB document.
    expect(Math.max(...sizes)).toBeLessThan(100_000);
    const text = await bodyText(page);
    expect(text.length).toBeLessThan(DOC.text.length / 10);
    // What is shown is the document's text at those offsets, contiguous.
    expect(DOC.text.includes(text)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('loads more when scrolled to either end, keeping the text contiguous and the mark in place', async () => {
    const { page, problems } = await openCitation();
    const before = await bodyText(page);
    const startOf = (t: string) => DOC.text.indexOf(t);
    const loadedStart = startOf(before);

    // Scroll to the bottom: later text is appended (an event-driven load; wait for the text to grow).
    await page.locator('#source-body').evaluate((b) => (b.scrollTop = b.scrollHeight));
    await page.waitForFunction((n) => (document.querySelector('#source-body')?.textContent ?? '').length > n, before.length);
    const afterDown = await bodyText(page);
    expect(afterDown.startsWith(before)).toBe(true);
    expect(DOC.text.includes(afterDown)).toBe(true);

    // Scroll to the top: earlier text is prepended.
    await page.locator('#source-body').evaluate((b) => (b.scrollTop = 0));
    await page.waitForFunction((n) => (document.querySelector('#source-body')?.textContent ?? '').length > n, afterDown.length);
    const afterUp = await bodyText(page);
    expect(afterUp.endsWith(afterDown)).toBe(true);
    expect(startOf(afterUp)).toBeLessThan(loadedStart);
    expect(DOC.text.includes(afterUp)).toBe(true);
    expect(await page.locator('#source-panel mark').textContent()).toBe(CITATION.quote);
    expect(problems).toEqual([]);
    await page.close();
  });
});
