import { mkdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AnswerService } from '../../server/core/types.js';
import { launchChromium, shouldSkipBrowserTests, startServer, type TestBrowser, type TestServer } from './chat-harness.js';
import { askAndWait, DESKTOP, layoutFacts, openChatPage, PHONE } from './chat-page-driver.js';
import { chatServices, type ChatServices } from './chat-services.js';

/**
 * The conversation follows its answers and the page never jumps (issue 15), at a desktop and a phone
 * size: after 1, 3 and 6 answers the last answer's bottom edge is on screen (the Sources block
 * included); following a citation leaves the page unscrolled with the header in view; a reader who
 * scrolled up is not pulled back down, and gets a "jump to latest" button.
 */

const OUTPUT_DIR = new URL('../../test-output/', import.meta.url);
const QUESTIONS = [
  '沐曦股份的估值是多少?',
  '摩尔线程 2022 年至 2024 年累计亏损多少?',
  '示例公司的吉祥物叫什么?',
  '今天北京的天气怎么样?',
  '国产 GPU 厂商的主要客户是哪些?',
  '那摩尔线程的股东有多少个?',
];
/** Streams a first part, then waits for the test to release it: scrolling up happens mid-answer, every run. */
const GATED_QUESTION = '沐曦股份的估值到底是多少?';

/** Holds the gated answer until the test releases it. */
function createGate() {
  let open: (() => void) | undefined;
  let arrived: (() => void) | undefined;
  const hasArrived = new Promise<void>((resolve) => (arrived = resolve));
  return {
    hasArrived,
    wait: () => {
      arrived!();
      return new Promise<void>((resolve) => (open = resolve));
    },
    release: () => open?.(),
  };
}

function gatedAnswers(inner: AnswerService, gate: () => ReturnType<typeof createGate>): AnswerService {
  return {
    async answerQuestion(question, history, options = {}) {
      if (question !== GATED_QUESTION) return inner.answerQuestion(question, history, options);
      // Several lines first, so the answer is already tall when the reader scrolls up.
      options.onDelta?.(Array.from({ length: 8 }, (_, i) => `第 ${i + 1} 行:正在查找相关句子。`).join('\n') + '\n\n');
      await gate().wait();
      return inner.answerQuestion(QUESTIONS[0], history, options);
    },
  };
}

describe.skipIf(shouldSkipBrowserTests())('chat page layout in Chromium', () => {
  let browser: TestBrowser;
  let server: TestServer;
  let chat: ChatServices;
  let gate = createGate();
  const pages: Page[] = [];

  beforeAll(async () => {
    await mkdir(OUTPUT_DIR, { recursive: true });
    chat = await chatServices();
    server = await startServer({ ...chat.services, answerService: gatedAnswers(chat.services.answerService, () => gate) });
    browser = await launchChromium();
  });

  afterEach(async () => {
    gate.release();
    await Promise.all(pages.splice(0).map((p) => p.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await chat?.cleanup();
  });

  for (const [name, viewport] of [
    ['desktop 1280×800', DESKTOP],
    ['phone 375×740', PHONE],
  ] as const) {
    it(`${name}: after 1, 3 and 6 answers the last answer's bottom edge is on screen; a citation moves nothing`, async () => {
      const { page, problems } = await openChatPage(browser.context, server.url, viewport);
      pages.push(page);
      for (const [i, question] of QUESTIONS.entries()) {
        await askAndWait(page, question);
        if (![1, 3, 6].includes(i + 1)) continue;
        const where = `${name}, after ${i + 1} answers`;
        // The page re-pins the end from a ResizeObserver, after the layout the finished answer (and its Sources) caused:
        // wait for that (bounded), not for a fixed time. Rounding of fractional layout: within 1 px of the bottom edge.
        await expect.poll(async () => (await layoutFacts(page)).lastAnswerBelowView, { message: where, timeout: 3000 }).toBeLessThanOrEqual(1);
        const facts = await layoutFacts(page);
        expect(facts.lastAnswerTopAboveViewBottom, where).toBe(true);
        expect(facts.documentScrollTop, where).toBe(0);
        expect(facts.documentOverflow, where).toBeLessThanOrEqual(0);
        expect(facts.jumpButtonVisible, where).toBe(false);
      }
      const scrolled = await page.evaluate(() => document.getElementById('chat-scroll')!.scrollTop);
      expect(scrolled, 'six answers are taller than the screen').toBeGreaterThan(0);
      await page.screenshot({ path: new URL(`chat-layout-${viewport.width}-six-answers.png`, OUTPUT_DIR).pathname });

      // Follow a citation of the last answer that has one: the page itself must not move.
      await page.locator('.msg-assistant:has(button.cite)').last().locator('button.cite').first().click();
      await page.locator('#source-panel mark').waitFor();
      const afterCite = await layoutFacts(page);
      expect(afterCite.documentScrollTop).toBe(0);
      expect(afterCite.documentOverflow).toBeLessThanOrEqual(0);
      expect(afterCite.headerTop).toBe(0);
      expect(afterCite.headerVisible).toBe(true);
      // The cited sentence is shown inside the panel, which is what scrolled.
      const markInPanel = await page.evaluate(() => {
        const mark = document.querySelector('#source-panel mark')!.getBoundingClientRect();
        const body = document.getElementById('source-body')!.getBoundingClientRect();
        return mark.top >= body.top - 1 && mark.top < body.bottom;
      });
      expect(markInPanel).toBe(true);
      await page.screenshot({ path: new URL(`chat-layout-${viewport.width}-citation.png`, OUTPUT_DIR).pathname });
      await page.keyboard.press('Escape');
      expect(await layoutFacts(page)).toMatchObject({ documentScrollTop: 0, headerTop: 0, headerVisible: true });
      expect(problems).toEqual([]);
    });

    it(`${name}: a reader who scrolls up mid-answer stays put, and "jump to latest" brings them back`, async () => {
      gate = createGate();
      const { page, problems } = await openChatPage(browser.context, server.url, viewport);
      pages.push(page);
      for (const question of QUESTIONS.slice(0, 3)) await askAndWait(page, question);

      await page.locator('#question').fill(GATED_QUESTION);
      await page.locator('#question').press('Enter');
      await gate.hasArrived;
      await page.waitForFunction(() => /第 8 行/.test(document.querySelector('.msg-assistant.is-streaming .answer')?.textContent ?? ''));
      expect((await layoutFacts(page)).lastAnswerBelowView).toBeLessThanOrEqual(1);

      // The reader scrolls up with the wheel while the answer is still open.
      const box = (await page.locator('#chat-scroll').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, -400);
      await page.locator('#jump-latest').waitFor();
      // Wheel scrolling may be animated: wait until the position has settled.
      let readingAt = -1;
      for (;;) {
        const top = await page.evaluate(() => document.getElementById('chat-scroll')!.scrollTop);
        if (top === readingAt) break;
        readingAt = top;
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      }

      // The rest of the answer and its Sources arrive: the view must not move.
      gate.release();
      await page.locator('.msg-assistant:not(.is-streaming)').nth(3).waitFor();
      await page.locator('.msg-assistant').nth(3).locator('.sources').waitFor();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      expect(await page.evaluate(() => document.getElementById('chat-scroll')!.scrollTop)).toBe(readingAt);
      const away = await layoutFacts(page);
      expect(away.lastAnswerBelowView).toBeGreaterThan(1);
      expect(away.jumpButtonVisible).toBe(true);
      expect(away.documentScrollTop).toBe(0);
      await page.screenshot({ path: new URL(`chat-layout-${viewport.width}-jump-latest.png`, OUTPUT_DIR).pathname });

      await page.locator('#jump-latest').click();
      const back = await layoutFacts(page);
      expect(back.lastAnswerBelowView).toBeLessThanOrEqual(1);
      expect(back.jumpButtonVisible).toBe(false);
      // Following again: the next answer is followed to its end.
      await askAndWait(page, QUESTIONS[1]);
      expect((await layoutFacts(page)).lastAnswerBelowView).toBeLessThanOrEqual(1);
      expect(problems).toEqual([]);
    });
  }
});
