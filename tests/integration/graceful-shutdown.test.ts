import http from 'node:http';
import net from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { DUPLICATE_SIGNAL_MS, installGracefulShutdown } from '../../server/lifecycle/graceful-shutdown.js';
import { splitIntoDeltas } from '../helpers/fake-services.js';
import { CANNED, hardenedApp } from '../helpers/hardening.js';

/**
 * The shutdown sequence in-process, on a real listening server with the real app and a slow scripted
 * answer stream (the child-process variant with signals is in lifecycle.test.ts).
 */
async function serve(opts: { delayMs: number; graceMs: number; pieces?: number }) {
  const { app, log } = hardenedApp({
    env: { RATE_LIMIT_PER_MINUTE: '0' },
    reply: () => ({ deltas: splitIntoDeltas(CANNED.answer, opts.pieces ?? 6), result: CANNED, delayMs: opts.delayMs }),
  });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const exits: Array<{ code: number; at: number }> = [];
  const control = installGracefulShutdown({ server, logger: log.logger, graceMs: opts.graceMs, signals: [], exit: (code) => exits.push({ code, at: Date.now() }) });
  return { server, port, base: `http://127.0.0.1:${port}`, exits, control, log };
}

function stream(base: string) {
  let text = '';
  let seen!: () => void;
  const firstDelta = new Promise<void>((r) => (seen = r));
  const done = (async () => {
    const res = await fetch(`${base}/api/ask/stream`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'q' }) });
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) break;
      text += dec.decode(value, { stream: true });
      if (text.includes('event: delta')) seen();
    }
    return { status: res.status, text, endedAt: Date.now() };
  })();
  return { firstDelta, done };
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

describe('graceful shutdown (in-process)', () => {
  it('stops accepting, lets an SSE stream and a plain request in flight finish, then exits 0', async () => {
    const s = await serve({ delayMs: 150, graceMs: 10_000 });
    const sse = stream(s.base);
    await sse.firstDelta;
    // The plain request is in flight once the server has it (not after a fixed sleep it could outlast).
    const received = new Promise((r) => s.server.once('request', r));
    const plain = fetch(`${s.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'q' }) });
    await received;
    const closed = s.control.shutdown('test');
    expect(s.control.shuttingDown).toBe(true);
    expect(await canConnect(s.port)).toBe(false);

    const [streamed, answered] = await Promise.all([sse.done, plain]);
    expect(streamed.status).toBe(200);
    expect(streamed.text).toContain('event: done');
    expect(answered.status).toBe(200);
    expect(answered.headers.get('connection')).toBe('close');
    expect(((await answered.json()) as { answer: string }).answer).toBe(CANNED.answer);
    await closed;
    expect(s.exits.map((e) => e.code)).toEqual([0]);
    expect(s.exits[0].at).toBeGreaterThanOrEqual(streamed.endedAt - 5);
    expect(s.log.lines.some((l) => l.msg.startsWith('grace period over'))).toBe(false);
  });

  it('cuts what is still open at the deadline and exits 0', async () => {
    const s = await serve({ delayMs: 1000, graceMs: 300, pieces: 20 });
    const sse = stream(s.base);
    const cut = sse.done.catch(() => undefined); // this stream is meant to be cut
    await sse.firstDelta;
    const started = Date.now();
    await s.control.shutdown('test');
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(s.exits.map((e) => e.code)).toEqual([0]);
    expect(s.log.lines.some((l) => l.msg.startsWith('grace period over'))).toBe(true);
    await cut;
  });

  it('closes idle keep-alive connections at once', async () => {
    const s = await serve({ delayMs: 0, graceMs: 10_000 });
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((r) => http.get(`${s.base}/api/health`, { agent }, (res) => (res.resume(), res.on('end', () => r()))));
    const started = Date.now();
    await s.control.shutdown('test');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(s.exits.map((e) => e.code)).toEqual([0]);
    agent.destroy();
  });

  it('takes a signal delivered twice at once (Ctrl-C under npm: the terminal and npm both send SIGINT) as one', async () => {
    const { app, log } = hardenedApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
    const server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const exits: number[] = [];
    let now = 1_000_000;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      installGracefulShutdown({ server, logger: log.logger, graceMs: 10_000, signals: ['SIGUSR2'], exit: (code) => exits.push(code) });
      const closed = new Promise((r) => server.once('close', r));
      process.emit('SIGUSR2');
      now += 5;
      process.emit('SIGUSR2'); // the echo
      await closed;
      await new Promise((r) => setImmediate(r));
      expect(exits).toEqual([0]);
      // A second Ctrl-C later on is a real "stop now".
      now += DUPLICATE_SIGNAL_MS;
      process.emit('SIGUSR2');
      expect(exits).toEqual([0, 1]);
    } finally {
      clock.mockRestore();
      process.removeAllListeners('SIGUSR2');
    }
  });
});
