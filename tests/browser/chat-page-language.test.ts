import { mkdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AnswerService } from '../../server/core/types.js';
import { launchChromium, shouldSkipBrowserTests, startServer, type TestBrowser, type TestServer } from './chat-harness.js';
import { askAndWait, openChatPage, PHONE, type OpenedPage } from './chat-page-driver.js';
import { chatServices, type ChatServices } from './chat-services.js';

/**
 * The page speaks the reader's language (issue 15): the interface follows navigator.languages
 * (zh-CN → Chinese, en-US → English) and a remembered switch; each answer's refusal, badge and
 * labels follow the language of its question, whatever the interface language.
 */

const OUTPUT_DIR = new URL('../../test-output/', import.meta.url);
const ENGLISH_UNANSWERABLE = 'What will the weather be like in Beijing tomorrow?';
const CHINESE_UNANSWERABLE = '今天北京的天气怎么样?';
const VALUATION = '沐曦股份的估值是多少?';
/** Answered by a refusal that offers the closest passages (as the answerer of issue 10 does). */
const PASSAGES_QUESTION = 'How big is the MetaX valuation compared with Nvidia?';

/**
 * The refusal-with-passages shape of the API: `answered: false`, passages marked `kind: "passage"`,
 * with real offsets (taken from a real answer) so the source panel can open them.
 */
function withPassageRefusal(inner: AnswerService): AnswerService {
  return {
    async answerQuestion(question, history, options) {
      if (question !== PASSAGES_QUESTION) return inner.answerQuestion(question, history, options);
      const near = await inner.answerQuestion(VALUATION, [], {});
      const answer = 'The documents do not say.';
      options?.onDelta?.(answer);
      return { answer, answered: false, citations: near.citations.map((c) => ({ ...c, kind: 'passage' })) };
    },
  };
}

/** Every word of the interface a reader sees or hears outside the conversation itself. */
function chromeText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [document.title];
    const visible = (el: Element) => !(el as HTMLElement).closest('[hidden]');
    for (const el of document.querySelectorAll('header, .starters-title, .composer, #jump-latest, #source-panel button, dialog')) {
      if (!visible(el) && el.tagName !== 'DIALOG' && el.id !== 'jump-latest') continue;
      for (const node of el.querySelectorAll('*')) {
        if (node.children.length === 0 && node.tagName !== 'OPTION' && node.textContent?.trim()) texts.push(node.textContent.trim());
      }
      if (el.children.length === 0 && el.textContent?.trim()) texts.push(el.textContent.trim());
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      // An answer's labels follow its question's language (an English question's passages say "Show source"):
      // only answers written in another language than the interface's are left out.
      const message = el.closest('#messages [lang]');
      if (message && message.getAttribute('lang')?.slice(0, 2) !== document.documentElement.lang.slice(0, 2)) continue;
      for (const name of ['aria-label', 'placeholder', 'title']) {
        const value = el.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

/** English words left in a Chinese interface (key names and product words excepted). */
const englishWords = (texts: string[]) =>
  texts.flatMap((t) => t.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !['Enter', 'Shift', 'API', 'HTTP'].includes(w));

describe.skipIf(shouldSkipBrowserTests())('chat page languages in Chromium', () => {
  let chinese: TestBrowser;
  let english: TestBrowser;
  let server: TestServer;
  let chat: ChatServices;
  const pages: Page[] = [];

  beforeAll(async () => {
    await mkdir(OUTPUT_DIR, { recursive: true });
    chat = await chatServices();
    server = await startServer({ ...chat.services, answerService: withPassageRefusal(chat.services.answerService) });
    chinese = await launchChromium({ locale: 'zh-CN' });
    english = await launchChromium({ locale: 'en-US' });
  });

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
  });

  afterAll(async () => {
    await chinese?.close();
    await english?.close();
    await server?.close();
    await chat?.cleanup();
  });

  async function open(browser: TestBrowser, viewport?: { width: number; height: number }): Promise<OpenedPage> {
    const opened = await openChatPage(browser.context, server.url, viewport);
    pages.push(opened.page);
    return opened;
  }

  it('zh-CN: the whole interface is Chinese; an English question is refused in English, without Copy', async () => {
    const { page, problems } = await open(chinese);
    expect(await page.evaluate(() => [navigator.language, document.documentElement.lang])).toEqual(['zh-CN', 'zh-CN']);
    await page.waitForFunction(() => /^问问你的 \d+ 个文档$/.test(document.title)); // named after the corpus (GET /api/corpus)
    expect(await page.locator('#language').inputValue()).toBe('zh');
    expect(await page.getByRole('button', { name: '新对话' }).isVisible()).toBe(true);
    expect(await page.getByRole('textbox', { name: '关于文档的问题' }).getAttribute('placeholder')).toBe('就你的文档提问…');
    const texts = await chromeText(page);
    expect(texts.length, 'the check reads the interface').toBeGreaterThan(15);
    expect(englishWords(texts)).toEqual([]);

    await askAndWait(page, ENGLISH_UNANSWERABLE);
    const answer = page.locator('.msg-assistant').last();
    expect(await answer.getAttribute('lang')).toBe('en');
    // The server's refusal is English (its wording belongs to the answerer): Latin words, no Chinese.
    const refusal = (await answer.locator('.answer').textContent()) ?? '';
    expect(refusal).toMatch(/[A-Za-z]{3,}/);
    expect(refusal).not.toMatch(/\p{Script=Han}/u);
    expect(await answer.locator('.answer-badge').textContent()).toBe('Not in the documents');
    // No Copy: the only buttons a refusal may carry are its closest passages (issue 10's answerer offers them).
    expect(await answer.locator('button').evaluateAll((bs) => bs.filter((b) => !b.closest('.sources-passages')).map((b) => b.textContent))).toEqual([]);
    expect(await answer.locator('.sources-cited').count()).toBe(0);
    // The status line is interface text: Chinese.
    expect(await page.locator('#status').textContent()).toBe('文档中没有这个问题的答案。');

    await askAndWait(page, VALUATION);
    const cited = page.locator('.msg-assistant').last();
    expect(await cited.locator('.sources-title').textContent()).toBe('来源');
    expect(await cited.getByRole('button', { name: '复制回答' }).count()).toBe(1);
    expect(englishWords(await chromeText(page))).toEqual([]);
    await page.screenshot({ path: new URL('chat-zh-CN-1280.png', OUTPUT_DIR).pathname });
    expect(problems).toEqual([]);
  });

  it('en-US: the interface is English; a Chinese question is refused in Chinese', async () => {
    const { page, problems } = await open(english, PHONE);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.waitForFunction(() => /^Ask your \d+ documents$/.test(document.title)); // named after the corpus (GET /api/corpus)
    expect(await page.getByRole('button', { name: 'New conversation' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Send' }).isVisible()).toBe(true);
    const texts = await chromeText(page);
    expect(texts.filter((t) => /[\u4e00-\u9fff]/.test(t))).toEqual([]);

    await askAndWait(page, CHINESE_UNANSWERABLE);
    const answer = page.locator('.msg-assistant').last();
    expect(await answer.getAttribute('lang')).toBe('zh-CN');
    expect(await answer.locator('.answer').textContent()).toMatch(/\p{Script=Han}/u);
    expect(await answer.locator('.answer-badge').textContent()).toBe('文档中没有答案');
    // No Copy: the only buttons a refusal may carry are its closest passages (issue 10's answerer offers them).
    expect(await answer.locator('button').evaluateAll((bs) => bs.filter((b) => !b.closest('.sources-passages')).map((b) => b.textContent))).toEqual([]);
    expect(await answer.locator('.sources-cited').count()).toBe(0);
    expect(await page.locator('#status').textContent()).toBe('The documents do not answer that question.');
    await page.screenshot({ path: new URL('chat-en-US-375.png', OUTPUT_DIR).pathname });
    expect(problems).toEqual([]);
  });

  it('a refusal with closest passages labels them "not an answer", opens them, and has no Copy', async () => {
    const { page, problems } = await open(english);
    await askAndWait(page, PASSAGES_QUESTION);
    const answer = page.locator('.msg-assistant').last();
    expect(await answer.locator('.answer-badge').textContent()).toBe('Not in the documents');
    expect(await answer.locator('.sources-cited').count()).toBe(0);
    expect(await answer.locator('.sources-passages .sources-title').textContent()).toBe('Closest passages — not an answer');
    expect(await answer.locator('.sources-passages .source-quote').first().textContent()).toContain('210.71');
    expect(await answer.getByRole('button', { name: /copy/i }).count()).toBe(0);
    await answer.locator('.sources-passages button.cite').first().click();
    await page.locator('#source-panel mark').waitFor();
    expect(await page.locator('#source-panel mark').textContent()).toContain('210.71');
    await page.screenshot({ path: new URL('chat-passages-1280.png', OUTPUT_DIR).pathname });
    expect(problems).toEqual([]);
  });

  it('the language switch changes the interface at once, keeps answers as they are, and is remembered', async () => {
    const { page, problems } = await open(chinese);
    await askAndWait(page, VALUATION);
    expect(await page.locator('#status').textContent()).toBe('回答完成。');

    await page.getByRole('combobox', { name: '界面语言' }).selectOption('en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.waitForFunction(() => /^Ask your \d+ documents$/.test(document.title)); // named after the corpus (GET /api/corpus)
    expect(await page.getByRole('button', { name: 'New conversation' }).isVisible()).toBe(true);
    expect(await page.locator('#question').getAttribute('placeholder')).toBe('Ask about your documents…');
    // The status line is said again in the new language; the answer keeps its question's language.
    expect(await page.locator('#status').textContent()).toBe('Answer ready.');
    expect(await page.locator('.msg-assistant .sources-title').textContent()).toBe('来源');

    // Remembered over the browser's zh-CN preference after a reload.
    await page.reload();
    expect(await page.locator('#language').inputValue()).toBe('en');
    await page.waitForFunction(() => /^Ask your \d+ documents$/.test(document.title)); // named after the corpus (GET /api/corpus)
    await page.getByRole('combobox', { name: 'Interface language' }).selectOption('zh');
    await page.reload();
    await page.waitForFunction(() => /^问问你的 \d+ 个文档$/.test(document.title)); // named after the corpus (GET /api/corpus)
    expect(problems).toEqual([]);
  });
});
