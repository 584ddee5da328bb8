import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, shouldSkipBrowserTests, startServer, type TestBrowser, type TestServer } from './chat-harness.js';
import { openChatPage } from './chat-page-driver.js';
import { chatServices, type ChatServices } from './chat-services.js';

/**
 * Chinese is legible with nothing but a system CJK font (issue 15): the test installs no font of its
 * own; the page's font stack must find the one the machine has (`.ci/run` installs fonts-wqy-zenhei,
 * the README names the packages for a headless server).
 *
 * "Shows glyphs" is checked on the pixels: every character is cut out of a screenshot, and distinct
 * characters must give distinct images. Missing glyphs all render as the same empty box (or as
 * nothing), so they would collide — the control case, Private Use Area characters that no font has,
 * shows the check fails then.
 */

const OUTPUT_DIR = new URL('../../test-output/', import.meta.url);
const README = new URL('../../README.md', import.meta.url);

/**
 * Screenshots of each character of `text`, drawn by the page (its font stack, in a zh-CN element) in a
 * fixed-size cell at a whole-pixel position, so that one character always gives the same image.
 * Returns how many distinct images the characters gave, and how many of them are blank.
 */
async function glyphImages(page: Page, text: string): Promise<{ chars: number; distinct: number; blank: number }> {
  const chars = Array.from(text);
  // A probe row added by the test (CSSOM styles: the CSP forbids style attributes, not scripts setting styles).
  const boxes = await page.evaluate((chars) => {
    const row = document.createElement('div');
    row.lang = 'zh-CN';
    Object.assign(row.style, { position: 'fixed', left: '0px', top: '0px', zIndex: '100', background: '#fff', color: '#000', fontSize: '24px', lineHeight: '40px' });
    const cells = ['\u00a0', ...chars].map((c) => {
      const cell = document.createElement('span');
      cell.textContent = c;
      Object.assign(cell.style, { display: 'inline-block', width: '40px', height: '40px', verticalAlign: 'top' });
      row.append(cell);
      return cell;
    });
    document.body.append(row);
    return cells.map((cell) => {
      const r = cell.getBoundingClientRect();
      return { x: Math.round(r.x), y: Math.round(r.y), width: 40, height: 40 };
    });
  }, chars);
  const shots = [];
  for (const clip of boxes) shots.push((await page.screenshot({ clip })).toString('base64'));
  await page.evaluate(() => document.body.lastElementChild?.remove());
  const [blankShot, ...glyphShots] = shots;
  return { chars: chars.length, distinct: new Set(glyphShots).size, blank: glyphShots.filter((s) => s === blankShot).length };
}

/** The distinct Han characters of `text`, in order (digits, spaces and punctuation are not what a CJK font is checked on). */
const hanCharacters = (text: string) => Array.from(new Set(Array.from(text).filter((c) => /\p{Script=Han}/u.test(c)))).join('');

/** The fonts Chromium actually used for an element's text (CSS.getPlatformFontsForNode). */
async function platformFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}

describe.skipIf(shouldSkipBrowserTests())('CJK text in Chromium with only system fonts', () => {
  let browser: TestBrowser;
  let server: TestServer;
  let chat: ChatServices;

  beforeAll(async () => {
    await mkdir(OUTPUT_DIR, { recursive: true });
    chat = await chatServices();
    server = await startServer(chat.services);
    browser = await launchChromium({ locale: 'zh-CN' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await chat?.cleanup();
  });

  it('renders the Chinese interface with real glyphs, from a font the page stack names', async () => {
    const { page, problems } = await openChatPage(browser.context, server.url);
    await page.evaluate(() => document.fonts.ready);
    await page.waitForFunction(() => /^问问你的 \d+ 个文档$/.test(document.querySelector('h1')?.textContent ?? '')); // named after the corpus
    await page.screenshot({ path: new URL('chat-fonts-zh-CN.png', OUTPUT_DIR).pathname });

    // Distinct characters, distinct images, none of them blank.
    // The heading is corpus-derived ("问问你的 2 个文档"): its distinct Han characters, not its digits or spaces.
    const title = hanCharacters((await page.locator('h1').textContent()) ?? '');
    expect(title.length, 'the heading has Chinese characters to check').toBeGreaterThanOrEqual(4);
    expect(await glyphImages(page, title)).toEqual({ chars: title.length, distinct: title.length, blank: 0 });
    const starter = hanCharacters((await page.locator('.starter').first().textContent()) ?? '');
    expect(starter.length, 'the starter has Chinese characters to check').toBeGreaterThanOrEqual(4);
    expect(await glyphImages(page, starter)).toEqual({ chars: starter.length, distinct: starter.length, blank: 0 });

    // The font that drew them is a CJK font named in the page's font stack (not a lucky fallback).
    const stack = await page.evaluate(() => getComputedStyle(document.documentElement).fontFamily);
    const named = stack.split(',').map((f) => f.trim().replace(/^['"]|['"]$/g, ''));
    const used = await platformFonts(page, 'h1');
    expect(used.some((family) => named.includes(family) && /CJK|Han|WenQuanYi|PingFang|YaHei|Hiragino/i.test(family)), used.join(', ')).toBe(true);
    expect(problems).toEqual([]);
  });

  it('control: characters no font has collapse into identical images, so the check above can fail', async () => {
    const { page } = await openChatPage(browser.context, server.url);
    const result = await glyphImages(page, '\ue000\ue001\ue002\ue003');
    expect(result.chars).toBe(4);
    // All the same box, or all nothing.
    expect(result.distinct === 1 || result.blank === 4, JSON.stringify(result)).toBe(true);
  });

  it('the README tells a headless server which font package to install', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toMatch(/fonts-noto-cjk/);
    expect(readme).toMatch(/fonts-wqy-zenhei/);
  });
});
