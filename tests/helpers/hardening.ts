import type { Express } from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import { createApp } from '../../server/http/app.js';
import { loadConfig } from '../../server/config.js';
import type { Services, ServicesHolder } from '../../server/core/services.js';
import type { AskResult } from '../../server/core/types.js';
import type { Reload } from '../../server/lifecycle/reload.js';
import { createLogger } from '../../server/logger.js';
import { corpusDocument, fakeServices, scriptedAnswerService, type FakeDocument, type ScriptedReply } from './fake-services.js';

/** Helpers for the hardening tests (validation, fuzz, security). */

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export function logSink(level = 'info') {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n').filter(Boolean)) {
        raw.push(l);
        lines.push(JSON.parse(l) as LogLine);
      }
      cb();
    },
  });
  return { lines, raw, logger: createLogger(level, stream) };
}

export const CANNED: AskResult = { answer: '沐曦股份估值已达 210.71 亿元 [1]。', answered: true, citations: [] };

export interface TestApp {
  app: Express;
  holder: ServicesHolder;
  log: ReturnType<typeof logSink>;
}

/** createApp over a scripted AnswerService (or given Services) with env-driven config; logs captured. */
export function hardenedApp(
  opts: {
    env?: Record<string, string>;
    services?: Services;
    reply?: (q: string) => ScriptedReply;
    docs?: FakeDocument[];
    logLevel?: string;
    /** Builds the reload function over the app's holder (POST /api/admin/reload). */
    reloadWith?: (holder: ServicesHolder, logger: TestApp['log']['logger']) => Reload;
  } = {},
): TestApp {
  const services =
    opts.services ??
    fakeServices(
      scriptedAnswerService((q) => (opts.reply ? opts.reply(q) : { deltas: [CANNED.answer], result: CANNED })),
      opts.docs ?? [corpusDocument()],
    );
  const holder: ServicesHolder = { current: services };
  const log = logSink(opts.logLevel ?? 'info');
  const config = loadConfig({ LOG_LEVEL: 'info', ...opts.env });
  const app = createApp({ services: holder, logger: log.logger, config, reload: opts.reloadWith?.(holder, log.logger) });
  return { app, holder, log };
}

export async function listen(app: Express): Promise<{ base: string; port: number; server: http.Server; close(): Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request whose path goes out byte for byte as given (no URL normalisation by a client library). */
export function rawRequest(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Our error shape: exactly {"error":{"code": string, "message": string}}, served as JSON. */
export function expectErrorShape(res: { status: number; headers: Record<string, unknown>; body?: unknown; text?: string }, status?: number): void {
  if (status !== undefined) expect(res.status).toBe(status);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  const body = (typeof res.body === 'string' ? JSON.parse(res.body) : res.body) as { error?: { code?: unknown; message?: unknown } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error?.code).toBe('string');
  expect(typeof body.error?.message).toBe('string');
  expect((body.error!.message as string).length).toBeGreaterThan(0);
}

export const isErrorShape = (body: unknown): boolean => {
  const b = body as { error?: { code?: unknown; message?: unknown } } | null;
  return (
    !!b &&
    typeof b === 'object' &&
    Object.keys(b).length === 1 &&
    typeof b.error === 'object' &&
    b.error !== null &&
    typeof b.error.code === 'string' &&
    typeof b.error.message === 'string'
  );
};
