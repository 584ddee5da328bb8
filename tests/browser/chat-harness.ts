import express from 'express';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import type { Services } from '../../server/core/services.js';
import type { Persistence } from '../../server/core/persistence.js';
import { silentLogger } from '../../server/logger.js';

/** Browser-test plumbing: find Debian's Chromium, launch it through playwright-core, serve the app. */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/** Skip only on a developer machine without Chromium; under CI a missing browser must fail the run. */
export function shouldSkipBrowserTests(): boolean {
  if (existsSync(CHROMIUM_PATH) || IN_CI) return false;
  console.warn(
    `[browser tests] SKIPPED: no Chromium at ${CHROMIUM_PATH}. Install it with ` +
      '`apt-get update && apt-get install -y chromium fonts-wqy-zenhei` (or set CHROMIUM_PATH); they always run when CI=true.',
  );
  return true;
}

/** The strictest policy the page is meant to work under: any inline script or style would be reported. */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface RecordedAsk {
  path: string;
  body: unknown;
}

export interface TestServer {
  url: string;
  asks: RecordedAsk[];
  close(): Promise<void>;
}

/**
 * Serves createApp behind a strict CSP, recording every /api/ask* body the page sends.
 * `env` is the environment the app's config is parsed from (e.g. API_KEYS); `persistence` turns on stored conversations.
 */
export async function startServer(services: Services, env: Record<string, string> = {}, persistence?: Persistence): Promise<TestServer> {
  const app = createApp({ services: { current: services }, logger: silentLogger(), config: loadConfig(env), persistence });
  const asks: RecordedAsk[] = [];
  const outer = express();
  outer.use((req, res, next) => {
    res.setHeader('Content-Security-Policy', STRICT_CSP);
    next();
  });
  outer.use('/api/ask', express.json(), (req, _res, next) => {
    asks.push({ path: req.originalUrl, body: req.body });
    next();
  });
  outer.use(app);
  const server = http.createServer(outer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    asks,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<TestBrowser> {
  // A fresh profile per run: no cached state, extensions or sign-in leak between runs.
  const userDataDir = await mkdtemp(join(tmpdir(), 'chat-page-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
