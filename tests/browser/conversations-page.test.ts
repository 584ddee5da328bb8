/**
 * Stored conversations in the real page (Chromium): ask, follow up, reload and the conversation is still
 * there; 👍/👎 with a comment is stored; the sidebar lists, switches, renames and deletes; at 375 px it
 * is a drawer. Real services and a real SQLite database behind the strict CSP.
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPersistence } from '../../server/core/persistence.js';
import { silentLogger } from '../../server/logger.js';
import { anonymousOwner } from '../../server/http/middleware/request-owner.js';
import { BACKENDS, type OpenedBackend } from '../helpers/storage-backends.js';
import { launchChromium, shouldSkipBrowserTests, startServer, type TestBrowser, type TestServer } from './chat-harness.js';
import { chatServices, type ChatServices } from './chat-services.js';

const OUTPUT_DIR = new URL('../../test-output/', import.meta.url);
const FIRST = '摩尔线程三年累计亏损多少?';
const FOLLOW_UP = '那沐曦呢?';
const OTHER = '沐曦股份的估值是多少?';

describe.skipIf(shouldSkipBrowserTests())('stored conversations in the chat page', () => {
  let browser: TestBrowser;
  let server: TestServer;
  let chat: ChatServices;
  let db: OpenedBackend;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    await mkdir(OUTPUT_DIR, { recursive: true });
    chat = await chatServices();
    db = await BACKENDS[0].open();
    server = await startServer(chat.services, {}, createPersistence(db.storage, silentLogger()));
    browser = await launchChromium();
    // One page (one browser profile, one owner cookie) through the whole story, like one user.
    page = await browser.context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(String(err)));
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(server.url);
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.cleanup();
    await chat?.cleanup();
  });

  async function ask(question: string): Promise<void> {
    const before = await page.locator('.msg-assistant').count();
    await page.locator('#question').fill(question);
    await page.locator('#question').press('Enter');
    await page.locator('.msg-assistant:not(.is-streaming)').nth(before).waitFor();
  }
  const sidebarTitles = () => page.locator('.sidebar-item-title').allTextContents();

  it('asks, follows up, and after a reload the conversation is still there', async () => {
    await ask(FIRST);
    await ask(FOLLOW_UP);
    await expect.poll(() => page.locator('.msg-assistant').last().textContent()).toContain('32.90');
    // The follow-up was sent with the conversation id, and answered from the stored history.
    const followUpBody = server.asks.at(-1)!.body as { conversationId?: string };
    expect(followUpBody.conversationId).toEqual(expect.any(String));
    await expect.poll(sidebarTitles).toEqual([FIRST]);

    await page.reload();
    await page.locator('.msg-assistant').nth(1).waitFor();
    expect(await page.locator('.msg-user').allTextContents()).toEqual([expect.stringContaining(FIRST), expect.stringContaining(FOLLOW_UP)]);
    expect(await page.locator('.msg-assistant').last().textContent()).toContain('32.90');
    expect(await page.locator('.sidebar-open[aria-current="true"] .sidebar-item-title').textContent()).toBe(FIRST);
    // Citations of a restored answer still open the source panel.
    await page.locator('.msg-assistant').first().locator('button.cite').first().click();
    await page.locator('#source-panel mark').waitFor();
    await page.keyboard.press('Escape');
    await page.screenshot({ path: new URL('conversations-1280.png', OUTPUT_DIR).pathname });
  });

  it('stores 👎 with a comment, and shows it pressed after a reload', async () => {
    const first = page.locator('.msg-assistant').first();
    await first.locator('.feedback-button[data-rating="down"]').click();
    await expect.poll(() => first.locator('.feedback-status').textContent()).toMatch(/saved|保存/);
    await first.locator('.feedback-comment').fill('应该给出每年的数字');
    await first.locator('.feedback-send').click();
    await expect.poll(() => first.locator('.feedback-status').textContent()).toMatch(/comment|意见/);

    const [conversation] = await db.storage.conversations.list(await ownerOf());
    const stored = await db.storage.conversations.get(await ownerOf(), conversation.id);
    expect(stored!.items[0].feedback).toEqual({ rating: 'down', comment: '应该给出每年的数字' });

    await page.reload();
    await page.locator('.msg-assistant').nth(1).waitFor();
    expect(await page.locator('.msg-assistant').first().locator('.feedback-button[data-rating="down"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.msg-assistant').first().locator('.feedback-comment').inputValue()).toBe('应该给出每年的数字');
  });

  it('lists, switches, renames and deletes conversations in the sidebar', async () => {
    await page.locator('#new-conversation').click();
    expect(await page.locator('.msg-assistant').count()).toBe(0);
    await ask(OTHER);
    await expect.poll(sidebarTitles).toEqual([OTHER, FIRST]);

    await page.locator('.sidebar-open', { hasText: FIRST }).click();
    await expect.poll(() => page.locator('.msg-user').count()).toBe(2);
    expect(await page.locator('.msg-user').first().textContent()).toContain(FIRST);

    const row = page.locator('.sidebar-item', { hasText: OTHER });
    await row.locator('.sidebar-rename-button').click();
    await page.locator('.sidebar-rename-input').fill('估值');
    await page.locator('.sidebar-rename-input').press('Enter');
    await expect.poll(sidebarTitles).toEqual(['估值', FIRST]);
    expect((await db.storage.conversations.list(await ownerOf())).map((c) => c.title)).toContain('估值');

    await page.locator('.sidebar-item', { hasText: '估值' }).locator('.sidebar-delete').click();
    await expect.poll(sidebarTitles).toEqual([FIRST]);
    expect((await db.storage.conversations.list(await ownerOf())).map((c) => c.title)).toEqual([FIRST]);
  });

  it('is a drawer at 375 px, without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    const sidebar = page.locator('#conversation-sidebar');
    expect(await sidebar.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.locator('.sidebar-toggle').click();
    await expect.poll(() => sidebar.isVisible()).toBe(true);
    await expect.poll(async () => (await sidebar.boundingBox())?.x).toBe(0); // slid fully in
    await page.screenshot({ path: new URL('conversations-375-drawer.png', OUTPUT_DIR).pathname });
    await page.locator('.sidebar-open', { hasText: FIRST }).click();
    await expect.poll(() => sidebar.isVisible()).toBe(false);
    expect(await page.locator('.msg-user').count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  /** The page's owner as stored: the only anonymous owner in this database. */
  async function ownerOf(): Promise<string> {
    const cookies = await browser.context.cookies(server.url);
    const id = cookies.find((c) => c.name === 'cqa_owner')!.value;
    return anonymousOwner(id);
  }
});
