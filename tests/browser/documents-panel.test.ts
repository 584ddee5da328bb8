import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLibraryApp, type LibraryApp } from '../helpers/document-library-app.js';
import { launchChromium, shouldSkipBrowserTests, STRICT_CSP, type TestBrowser } from './chat-harness.js';

/** The documents panel against the real app and document library, in Chromium, under the strict CSP. */
describe.skipIf(shouldSkipBrowserTests())('documents panel in Chromium', () => {
  let lib: LibraryApp;
  let server: http.Server;
  let url: string;
  let browser: TestBrowser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    lib = await buildLibraryApp();
    const outer = express();
    outer.use((_req, res, next) => {
      res.setHeader('Content-Security-Policy', STRICT_CSP);
      next();
    });
    outer.use(lib.app);
    server = http.createServer(outer);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('console', (msg) => {
      // The refused upload below is a 422 on purpose; Chromium logs every non-2xx response.
      if (msg.type() === 'error' && !/status of 422/.test(msg.text())) problems.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(String(err)));
    await page.goto(url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await lib?.cleanup();
  });

  const items = () => page.locator('.documents-item');

  it('names the page after its one document and offers starters from its sections', async () => {
    await page.waitForFunction(() => document.title.startsWith('Ask “国产 GPU'));
    expect(await page.locator('.app-header h1').textContent()).toMatch(/^Ask “国产 GPU 厂商/);
    const starters = await page.locator('.starter').allTextContents();
    expect(starters.length).toBeGreaterThan(0);
    expect(starters.some((s) => s.includes('商业化困境') || s.includes('资本热捧'))).toBe(true);
  });

  it('lists the documents', async () => {
    await page.getByRole('button', { name: 'Documents' }).click();
    await expect(page.locator('#documents-panel').isVisible()).resolves.toBe(true);
    await items().first().waitFor();
    expect(await items().count()).toBe(1);
    expect(await items().first().textContent()).toContain('china-gpu-makers-burning-cash-2025-07-12.txt');
  });

  it('uploads by the button, with progress, and the page then speaks of 2 documents', async () => {
    // Record the progress rows as they come and go (an upload this small is over in milliseconds).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenProgress: string[] }).seenProgress = seen;
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLElement && n.querySelector('progress')) seen.push(n.textContent ?? '');
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.locator('#documents-file').setInputFiles({ name: 'lighthouse.md', mimeType: 'text/markdown', buffer: Buffer.from('# Lighthouse keepers\n\nIts keeper, *Ingrid Vold*, kept the **logbook** for 31 years.\n') });
    await page.waitForFunction(() => document.querySelectorAll('.documents-item').length === 2);
    expect(await page.locator('.documents-status').textContent()).toBe('Added lighthouse.md: you can ask about it now.');
    expect(await page.locator('.documents-item[data-doc-id="lighthouse"]').textContent()).toContain('Lighthouse keepers');
    await page.waitForFunction(() => document.title === 'Ask your 2 documents');
    expect(await page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress)).toEqual(['Uploading lighthouse.md…']);
  });

  it('uploads a file dropped on the page', async () => {
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['# Harbour notes\n\nThe Lindøy ferry carries 40 cars on each crossing.\n'], 'harbour.md', { type: 'text/markdown' }));
      document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelectorAll('.documents-item').length === 3);
    expect(await page.locator('.documents-item[data-doc-id="harbour"]').count()).toBe(1);
  });

  it('says why an unreadable file was refused', async () => {
    await page.locator('#documents-file').setInputFiles({ name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 garbage') });
    await page.waitForFunction(() => /broken\.pdf: .*not a readable PDF/.test(document.querySelector('.documents-status')?.textContent ?? ''));
    expect(await items().count()).toBe(3);
  });

  it('deletes only after confirmation', async () => {
    const remove = page.getByRole('button', { name: 'Delete Harbour notes' });
    await remove.click();
    await page.locator('dialog.documents-confirm[open]').waitFor();
    expect(await page.locator('dialog.documents-confirm').textContent()).toContain('“Harbour notes” will be removed');
    await page.locator('dialog.documents-confirm').getByRole('button', { name: 'Cancel' }).click();
    expect(await items().count()).toBe(3);

    await remove.click();
    await page.locator('dialog.documents-confirm').getByRole('button', { name: 'Delete' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.documents-item').length === 2);
    expect(await page.locator('.documents-status').textContent()).toBe('Deleted Harbour notes.');
    expect((await lib.library.list()).map((d) => d.docId)).not.toContain('harbour');
    await page.screenshot({ path: new URL('../../test-output/documents-panel.png', import.meta.url).pathname });
    expect(problems).toEqual([]);
  });
});
