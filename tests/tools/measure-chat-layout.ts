import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/http/app.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { launchChromium } from '../browser/chat-harness.js';
import { chatServices } from '../browser/chat-services.js';

/**
 * Layout figures of the chat page in real Chromium at 1280×800 and 375×740 (issue 15):
 *   after 1, 3 and 6 answers, how far the conversation's end is below its visible area (px, 0 = followed)
 *   and how much taller than the window the document is; after clicking a citation, the document's
 *   scrollTop and where the header's top edge is.
 * `--public <dir>` serves another copy of server/public (e.g. an older commit's, from `git archive`)
 * in front of the app, to measure before/after on the same machine.
 *
 *   npx tsx tests/tools/measure-chat-layout.ts [--public /tmp/old-public]
 */

const QUESTIONS = [
  '沐曦股份的估值是多少?',
  '摩尔线程 2022 年至 2024 年累计亏损多少?',
  '示例公司的吉祥物叫什么?',
  '今天北京的天气怎么样?',
  '国产 GPU 厂商的主要客户是哪些?',
  '那摩尔线程的股东有多少个?',
];

const publicArg = process.argv.indexOf('--public');
const publicDir = publicArg > 0 ? process.argv[publicArg + 1] : undefined;

const chat = await chatServices();
const outer = express();
if (publicDir) outer.use(express.static(publicDir, { redirect: false }));
outer.use(createApp({ services: { current: chat.services }, logger: silentLogger(), config: loadConfig({}) }));
const server = http.createServer(outer);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchChromium();

try {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 375, height: 740 },
  ]) {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(url);
    const row: string[] = [];
    for (const [i, question] of QUESTIONS.entries()) {
      await page.locator('#question').fill(question);
      await page.locator('#question').press('Enter');
      await page.locator('.msg-assistant:not(.is-streaming)').nth(i).waitFor();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      if (![1, 3, 6].includes(i + 1)) continue;
      const f = await page.evaluate(() => {
        const s = document.getElementById('chat-scroll')!;
        return { belowView: Math.round(s.scrollHeight - s.scrollTop - s.clientHeight), docExtra: document.scrollingElement!.scrollHeight - innerHeight };
      });
      row.push(`after ${i + 1}: end ${f.belowView} px below view, document +${f.docExtra} px`);
    }
    await page.locator('.msg-assistant button.cite').last().click();
    await page.locator('#source-panel mark').waitFor();
    const c = await page.evaluate(() => ({
      scrollTop: document.scrollingElement!.scrollTop,
      headerTop: Math.round(document.querySelector('header')!.getBoundingClientRect().top),
    }));
    console.log(`${viewport.width}×${viewport.height}: ${row.join('; ')}; citation: document scrollTop ${c.scrollTop}, header top ${c.headerTop} px`);
    await page.close();
  }
} finally {
  await browser.close();
  server.closeAllConnections();
  server.close();
  await chat.cleanup();
}
