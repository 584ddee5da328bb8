import http from 'node:http';
import type { AskResult } from '../core/types.js';

/**
 * The CLI's client of a running server (`npm start`): a look-up through it is one loopback round
 * trip instead of loading the dictionary and the index. Any doubt — nothing listening, a slow or
 * failing server, another index — returns a reason instead of a result, and the CLI answers in-process.
 */
export interface RunningServerOptions {
  /** Base URL, e.g. http://127.0.0.1:3000. */
  url: string;
  question: string;
  /** Sent as `Authorization: Bearer` (the server's API_KEYS, when the CLI's environment has them). */
  apiKey?: string;
  /** The version of the index the CLI would read (`index.v…`); a server serving another one is not asked. */
  indexVersion?: string;
  /** How long to wait for the server to accept and answer /api/health (nothing listening on loopback fails at once). */
  probeTimeoutMs?: number;
  /** How long the answer itself may take (an LLM generator can take seconds). */
  answerTimeoutMs: number;
}

export type RunningServerAnswer = { result: AskResult } | { skipped: string };

interface Reply {
  status: number;
  body: string;
}

function request(agent: http.Agent, url: URL, init: { method: string; headers?: Record<string, string>; body?: string; timeoutMs: number }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method, headers: init.headers, agent, timeout: init.timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${init.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

export async function askRunningServer(opts: RunningServerOptions): Promise<RunningServerAnswer> {
  const base = new URL(opts.url);
  if (base.protocol !== 'http:') return { skipped: `${opts.url} is not an http:// URL` };
  // One kept-alive connection for both requests; destroyed at the end so the CLI can exit at once.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    let health: Reply;
    try {
      health = await request(agent, new URL('/api/health', base), { method: 'GET', timeoutMs: opts.probeTimeoutMs ?? 500 });
    } catch (error) {
      return { skipped: `no server answers on ${base.origin} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
    if (health.status !== 200) return { skipped: `the server on ${base.origin} has no index loaded (health ${health.status})` };
    const served = (JSON.parse(health.body) as { index?: string }).index;
    if (opts.indexVersion && served !== opts.indexVersion) {
      return { skipped: `the server on ${base.origin} serves another index (${served ?? 'unknown'}, not ${opts.indexVersion})` };
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;
    let reply: Reply;
    try {
      reply = await request(agent, new URL('/api/ask', base), { method: 'POST', headers, body: JSON.stringify({ question: opts.question }), timeoutMs: opts.answerTimeoutMs });
    } catch (error) {
      return { skipped: `the server on ${base.origin} did not answer (${(error as Error).message})` };
    }
    if (reply.status !== 200) {
      const code = (JSON.parse(reply.body || '{}') as { error?: { code?: string } }).error?.code;
      // A bad question is the CLI user's to fix, whoever answers: no point asking again in-process.
      if (reply.status === 400) throw new Error((JSON.parse(reply.body) as { error: { message: string } }).error.message);
      return { skipped: `the server on ${base.origin} answered ${reply.status}${code ? ` ${code}` : ''}` };
    }
    return { result: JSON.parse(reply.body) as AskResult };
  } finally {
    agent.destroy();
  }
}
