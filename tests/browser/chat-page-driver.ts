import type { BrowserContext, Page } from 'playwright-core';

/** Drives the chat page the way a reader does, recording what must stay empty. */

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };

export interface OpenedPage {
  page: Page;
  /** Console errors (CSP violations included) and uncaught errors: must stay empty. */
  problems: string[];
  /** alert()/confirm() dialogs: an XSS would show up here. */
  dialogs: string[];
}

export async function openChatPage(context: BrowserContext, url: string, viewport = DESKTOP): Promise<OpenedPage> {
  const page = await context.newPage();
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
  await page.goto(url);
  return { page, problems, dialogs };
}

/** Types the question, presses Enter and waits until its answer has finished. */
export async function askAndWait(page: Page, question: string): Promise<void> {
  const before = await page.locator('.msg-assistant').count();
  await page.locator('#question').fill(question);
  await page.locator('#question').press('Enter');
  await page.locator('.msg-assistant:not(.is-streaming)').nth(before).waitFor();
}

export interface LayoutFacts {
  /** The page's own scroll position and whether it can scroll at all (it must not). */
  documentScrollTop: number;
  documentOverflow: number;
  /** The last answer's bottom edge against the conversation's visible area (px; ≤ 0 is inside). */
  lastAnswerBelowView: number;
  lastAnswerTopAboveViewBottom: boolean;
  headerTop: number;
  /** The header is what the reader sees at its centre (nothing covers it). */
  headerVisible: boolean;
  jumpButtonVisible: boolean;
}

export function layoutFacts(page: Page): Promise<LayoutFacts> {
  return page.evaluate(() => {
    const doc = document.scrollingElement!;
    const scroller = document.getElementById('chat-scroll')!.getBoundingClientRect();
    const answers = document.querySelectorAll('.msg-assistant');
    const last = answers[answers.length - 1]?.getBoundingClientRect();
    const header = document.getElementById('app-header')!.getBoundingClientRect();
    const atHeader = document.elementFromPoint(header.left + 8, header.top + header.height / 2);
    const viewBottom = Math.min(scroller.bottom, window.innerHeight);
    return {
      documentScrollTop: doc.scrollTop,
      documentOverflow: doc.scrollHeight - window.innerHeight,
      lastAnswerBelowView: last ? last.bottom - viewBottom : 0,
      lastAnswerTopAboveViewBottom: last ? last.top < viewBottom : true,
      headerTop: header.top,
      headerVisible: Boolean(atHeader && document.getElementById('app-header')!.contains(atHeader)),
      jumpButtonVisible: !document.getElementById('jump-latest')!.hidden,
    };
  });
}
