import { mkdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { launchChromium, shouldSkipBrowserTests, startServer, type TestBrowser, type TestServer } from './chat-harness.js';
import { chatServices, XSS_PAYLOAD, XSS_TITLE, type ChatServices } from './chat-services.js';

const OUTPUT_DIR = new URL('../../test-output/', import.meta.url);
const VALUATION_QUESTION = '沐曦股份的估值是多少?';
const FOLLOW_UP = '那摩尔线程的股东有多少个?';
/** Its answer is long enough (~100 characters, paced) to press Stop in the middle. */
const LONG_ANSWER_QUESTION = '摩尔线程 2022 年至 2024 年累计亏损多少?';

interface OpenedPage {
  page: Page;
  /** Console/CSP problems and uncaught errors: must stay empty. */
  problems: string[];
  /** alert()/confirm() dialogs: an XSS would show up here. */
  dialogs: string[];
}

describe.skipIf(shouldSkipBrowserTests())('chat page in Chromium', () => {
  let browser: TestBrowser;
  let server: TestServer;
  let chat: ChatServices;
  const pages: Page[] = [];

  beforeAll(async () => {
    await mkdir(OUTPUT_DIR, { recursive: true });
    chat = await chatServices();
    server = await startServer(chat.services);
    browser = await launchChromium();
  });

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await chat?.cleanup();
  });

  async function openPage(viewport = { width: 1280, height: 800 }): Promise<OpenedPage> {
    const page = await browser.context.newPage();
    pages.push(page);
    await page.setViewportSize(viewport);
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(String(err)));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(server.url);
    return { page, problems, dialogs };
  }

  async function ask(page: Page, question: string): Promise<void> {
    const before = await page.locator('.msg-assistant').count();
    await page.locator('#question').fill(question);
    await page.locator('#question').press('Enter');
    await page.locator('.msg-assistant').nth(before).waitFor();
    await page.locator('.msg-assistant:not(.is-streaming)').nth(before).waitFor();
  }

  const lastAnswer = (page: Page) => page.locator('.msg-assistant').last();

  it('streams the answer to the valuation question, with the input disabled until it is done', async () => {
    const { page, problems, dialogs } = await openPage();
    // Named after the corpus (GET /api/corpus): the test corpus holds two documents.
    await page.waitForFunction(() => document.title === 'Ask your 2 documents');
    await expect(page.getByRole('textbox', { name: 'Your question about the documents' }).isVisible()).resolves.toBe(true);

    // Shift+Enter adds a line and sends nothing.
    await page.locator('#question').fill('第一行');
    await page.locator('#question').press('Shift+Enter');
    await page.keyboard.type('第二行');
    expect(await page.locator('#question').inputValue()).toBe('第一行\n第二行');
    expect(await page.locator('.msg').count()).toBe(0);

    await page.locator('#question').fill(VALUATION_QUESTION);
    await page.locator('#question').press('Enter');
    // Part of the answer is on screen while the stream is still open.
    const partial = await page.waitForFunction(() => {
      const answer = document.querySelector('.msg-assistant.is-streaming .answer');
      return answer && answer.textContent && answer.textContent.length > 0 ? answer.textContent : false;
    });
    const partialText = String(await partial.jsonValue());
    expect(await page.locator('#question').isDisabled()).toBe(true);
    expect(await page.locator('#stop').isVisible()).toBe(true);
    // Screen readers hear the stream through a live region that only grows; the visible answer is re-rendered.
    expect(await page.locator('.msg-assistant .answer-live').getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('.msg-assistant .answer').getAttribute('aria-live')).toBeNull();

    await page.locator('.msg-assistant:not(.is-streaming)').waitFor();
    const answer = ((await lastAnswer(page).locator('.answer').textContent()) ?? '').trim();
    expect(answer).toContain('210.71 亿元');
    expect(partialText.length).toBeLessThan(answer.length);
    expect(await page.locator('#question').isDisabled()).toBe(false);
    expect(await page.locator('#stop').isHidden()).toBe(true);
    // The question box gets the keyboard back.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('question');
    // Sources with quotes under the answer.
    const quote = await lastAnswer(page).locator('.source-quote').first().textContent();
    expect(quote).toContain('210.71 亿元');
    expect(server.asks.at(-1)).toEqual({ path: '/api/ask/stream', body: { question: VALUATION_QUESTION, history: [] } });
    await page.screenshot({ path: new URL('chat-desktop-1280.png', OUTPUT_DIR).pathname, fullPage: true });

    // Copy answer puts the answer and its quoted sources on the clipboard (labelled in the question's language).
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await lastAnswer(page).getByRole('button', { name: '复制回答' }).click();
    await lastAnswer(page).getByRole('button', { name: '已复制' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(answer);
    expect(copied).toContain(`[1] ${quote}`);
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('opens [1] in the source panel with the cited span in a <mark>, and returns focus on Escape', async () => {
    const { page, problems } = await openPage();
    await ask(page, VALUATION_QUESTION);
    const quote = await lastAnswer(page).locator('.source-quote').first().textContent();

    const cite = lastAnswer(page).locator('.answer button.cite', { hasText: '[1]' });
    await cite.click();
    const mark = page.locator('#source-panel mark');
    await mark.waitFor();
    expect(await mark.count()).toBe(1);
    expect(await mark.textContent()).toBe(quote);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('source-panel');
    // The whole document is shown, not just the quote.
    const body = (await page.locator('#source-body').textContent()) ?? '';
    expect(body.length).toBeGreaterThan(3000);
    expect(body.startsWith('国产 GPU 厂商的')).toBe(true);
    // Scrolled into view inside the panel.
    const inView = await page.evaluate(() => {
      const m = document.querySelector('#source-panel mark')!.getBoundingClientRect();
      const b = document.querySelector('#source-body')!.getBoundingClientRect();
      return m.top >= b.top && m.bottom <= b.bottom;
    });
    expect(inView).toBe(true);
    await page.screenshot({ path: new URL('chat-desktop-1280-source.png', OUTPUT_DIR).pathname });

    await page.keyboard.press('Escape');
    expect(await page.locator('#source-panel').isHidden()).toBe(true);
    expect(await cite.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('sends the conversation history with a follow-up, and New conversation clears it', async () => {
    const { page } = await openPage();
    await ask(page, VALUATION_QUESTION);
    // One paragraph of Markdown: its text is the answer as sent (block breaks aside).
    const firstAnswer = (await lastAnswer(page).locator('.answer').textContent())?.trim();

    const followUp = page.waitForRequest((req) => req.url().endsWith('/api/ask/stream'));
    await ask(page, FOLLOW_UP);
    const sent = (await followUp).postDataJSON();
    expect(sent).toEqual({
      question: FOLLOW_UP,
      history: [
        { role: 'user', content: VALUATION_QUESTION },
        { role: 'assistant', content: firstAnswer },
      ],
    });
    expect(chat.calls.at(-1)!.history).toHaveLength(2);
    expect(await lastAnswer(page).locator('.answer').textContent()).toContain('86 个');

    await page.getByRole('button', { name: 'New conversation' }).click();
    expect(await page.locator('.msg').count()).toBe(0);
    expect(await page.locator('#starters').isVisible()).toBe(true);
    // Starters come from the corpus's sections; a click asks one with no history.
    const fresh = page.waitForRequest((req) => req.url().endsWith('/api/ask/stream'));
    const starter = page.locator('.starter').first();
    const starterQuestion = await starter.getAttribute('data-question');
    await starter.click();
    expect((await fresh).postDataJSON()).toEqual({ question: starterQuestion, history: [] });
    await page.locator('.msg-assistant:not(.is-streaming)').waitFor();
  });

  it('renders hostile corpus text literally: no element, no dialog, characters visible', async () => {
    const { page, problems, dialogs } = await openPage();
    // An <img src=x onerror=alert(1)> parsed anywhere would request "x"; its alert comes once that request has ended.
    const imageRequests: Request[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/x')) imageRequests.push(request);
    });
    await ask(page, '示例公司的吉祥物叫什么?');
    const answer = lastAnswer(page);
    expect(await answer.locator('.answer').textContent()).toContain(XSS_PAYLOAD);
    // (The sentence after it, which holds more hostile text, may be quoted too: neighbour-quote.ts.)
    expect(await answer.locator('.source-quote').first().textContent()).toContain(XSS_PAYLOAD);
    await answer.locator('.answer button.cite').first().click();
    await page.locator('#source-panel mark').waitFor();
    expect(await page.locator('#source-panel mark').textContent()).toContain(XSS_PAYLOAD);
    expect(await page.locator('#source-body').textContent()).toContain('<script>alert(2)</script>');
    expect(await page.locator('#source-title').textContent()).toBe(XSS_TITLE);
    await expect(page.getByText(XSS_PAYLOAD).first().isVisible()).resolves.toBe(true);
    // Nothing was parsed as markup anywhere in the page.
    expect(await page.locator('main img, aside img, main script, aside script, aside b, main b').count()).toBe(0);
    // Wait for what an injected image would have started (its request, then one round trip through the page for its error
    // event), not for a fixed time; with no such request there is nothing an alert could come from.
    for (const request of imageRequests) await (await request.response())?.finished();
    if (imageRequests.length) await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows an unanswerable question as "not in the documents", with no Copy button', async () => {
    const { page } = await openPage();
    await ask(page, '今天北京的天气怎么样?');
    const answer = lastAnswer(page);
    expect(await answer.getAttribute('class')).toContain('msg-unanswered');
    expect(await answer.locator('.answer-badge').textContent()).toBe('文档中没有答案');
    expect(await answer.locator('.answer-badge').isVisible()).toBe(true);
    // No cited sources. The answerer (issue 10) may offer its closest passages, labelled as not an answer.
    expect(await answer.locator('.sources:not(.sources-passages)').count()).toBe(0);
    for (const title of await answer.locator('.sources-passages .sources-title').allTextContents()) expect(title).toBe('最接近的段落(不是答案)');
    expect(await answer.getByRole('button', { name: /copy|复制/i }).count()).toBe(0);
    expect(await page.locator('#status').textContent()).toBe('The documents do not answer that question.');
    await page.screenshot({ path: new URL('chat-desktop-1280-unanswered.png', OUTPUT_DIR).pathname });
  });

  it('Stop cancels the answer and the server-side work', async () => {
    const { page } = await openPage();
    const calls = chat.calls.length;
    await page.locator('#question').fill(LONG_ANSWER_QUESTION);
    await page.locator('#question').press('Enter');
    await page.locator('.msg-assistant.is-streaming').waitFor();
    await page.waitForFunction(() => (document.querySelector('.msg-assistant .answer')?.textContent ?? '').length > 0);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.locator('.msg-stopped').waitFor();
    expect(await page.locator('.msg-stopped .answer-note').textContent()).toContain('已停止');
    expect(await page.locator('#question').isDisabled()).toBe(false);
    await expect(chat.calls[calls].outcome).resolves.toBe('aborted');
    const shown = (await page.locator('.msg-stopped .answer').textContent()) ?? '';
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).not.toContain('38.1 亿元');
  });

  it('explains 429 (with Retry-After), 5xx and network failures', async () => {
    const { page } = await openPage();
    let mode: 'rate' | 'server' | 'network' = 'rate';
    await page.route('**/api/ask/stream', (route) => {
      if (mode === 'network') return route.abort('connectionrefused');
      if (mode === 'rate') {
        return route.fulfill({
          status: 429,
          headers: { 'Retry-After': '17', 'Content-Type': 'application/json' },
          body: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests.' } }),
        });
      }
      return route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internal', message: 'Internal server error.' } }),
      });
    });
    await ask(page, VALUATION_QUESTION);
    expect(await lastAnswer(page).locator('.answer-error').textContent()).toBe(
      'Too many questions in a short time. Please wait 17 seconds and try again.',
    );
    mode = 'server';
    await ask(page, VALUATION_QUESTION);
    expect(await lastAnswer(page).locator('.answer-error').textContent()).toContain('HTTP 500');
    mode = 'network';
    await ask(page, VALUATION_QUESTION);
    expect(await lastAnswer(page).locator('.answer-error').textContent()).toBe(
      'Could not reach the server. Check your connection and try again.',
    );
    expect(await page.locator('#status').textContent()).toContain('Could not reach the server');
    await page.screenshot({ path: new URL('chat-desktop-1280-errors.png', OUTPUT_DIR).pathname });
  });

  it('asks once for an API key after a 401 (API_KEYS set on the server) and retries with it', async () => {
    const secured = await startServer(chat.services, { API_KEYS: 's3cret' });
    try {
      const page = await browser.context.newPage();
      pages.push(page);
      const authHeaders: Array<string | undefined> = [];
      page.on('request', (req) => {
        // The questions and the document fetch carry the key; GET /api/corpus at load (it only names the page) and the
        // background /api/health look-up never ask for one.
        if (/\/api\/(ask|documents)/.test(req.url())) authHeaders.push(req.headers()['authorization']);
      });
      await page.goto(secured.url);
      await page.locator('#question').fill(VALUATION_QUESTION);
      await page.locator('#question').press('Enter');
      await page.locator('#key-dialog[open]').waitFor();
      await page.getByLabel('API key', { exact: true }).fill('wrong');
      await page.getByLabel('API key', { exact: true }).press('Enter');
      await page.locator('.msg-assistant:not(.is-streaming)').waitFor();
      expect(await lastAnswer(page).locator('.answer-error').textContent()).toContain('API key was not accepted');
      expect(await page.evaluate(() => sessionStorage.getItem('corpus-qa.api-key'))).toBeNull();

      await page.locator('#question').fill(VALUATION_QUESTION);
      await page.locator('#question').press('Enter');
      await page.locator('#key-dialog[open]').waitFor();
      await page.getByLabel('API key', { exact: true }).fill('s3cret');
      await page.getByLabel('API key', { exact: true }).press('Enter');
      await page.locator('.msg-assistant:not(.is-streaming)').nth(1).waitFor();
      expect(await lastAnswer(page).locator('.answer').textContent()).toContain('210.71');
      // The document fetch reuses the stored key without asking again.
      await lastAnswer(page).locator('.answer button.cite').first().click();
      await page.locator('#source-panel mark').waitFor();
      expect(authHeaders).toEqual([undefined, 'Bearer wrong', undefined, 'Bearer s3cret', 'Bearer s3cret']);
      expect(await page.evaluate(() => sessionStorage.getItem('corpus-qa.api-key'))).toBe('s3cret');
    } finally {
      await secured.close();
    }
  });

  it('works at 375 px: no sideways scrolling, the source panel is a bottom sheet', async () => {
    const { page, problems } = await openPage({ width: 375, height: 740 });
    await page.screenshot({ path: new URL('chat-phone-375-start.png', OUTPUT_DIR).pathname });
    await ask(page, VALUATION_QUESTION);
    await ask(page, '示例公司的吉祥物叫什么?');
    const overflow = () =>
      page.evaluate(() =>
        [document.documentElement, ...document.querySelectorAll<HTMLElement>('.chat-scroll, .source-body, .composer')]
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .map((el) => `${el.tagName}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`),
      );
    expect(await overflow()).toEqual([]);
    expect(await page.evaluate(() => window.scrollX === 0 && document.documentElement.scrollWidth <= 375)).toBe(true);
    await page.screenshot({ path: new URL('chat-phone-375.png', OUTPUT_DIR).pathname });

    await page.locator('.msg-assistant').first().locator('.answer button.cite').first().click();
    await page.locator('#source-panel mark').waitFor();
    const sheet = await page.locator('#source-panel').boundingBox();
    expect(sheet).not.toBeNull();
    expect(sheet!.x).toBe(0);
    expect(sheet!.width).toBe(375);
    expect(Math.round(sheet!.y + sheet!.height)).toBe(740);
    expect(await overflow()).toEqual([]);
    const markBox = await page.locator('#source-panel mark').boundingBox();
    expect(markBox!.y).toBeGreaterThanOrEqual(sheet!.y);
    expect(markBox!.y).toBeLessThan(740);
    await page.screenshot({ path: new URL('chat-phone-375-source.png', OUTPUT_DIR).pathname });
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await page.locator('#source-panel').isHidden()).toBe(true);
    expect(problems).toEqual([]);
  });
});
