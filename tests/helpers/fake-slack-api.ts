import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Slack Web API on 127.0.0.1 (random port) that records every call, plus `response_url`
 * endpoints under /response/<id>. Point the adapter's apiUrl at `apiUrl` with retries off.
 */

export interface RecordedSlackCall {
  /** Web API method ("chat.postMessage") or "response_url". */
  method: string;
  /** For response_url posts: the path, e.g. "/response/cmd-1". */
  path: string;
  body: Record<string, unknown>;
  authorization?: string;
  at: number;
}

export interface FakeSlackApi {
  apiUrl: string;
  /** A response_url that records into this fake. */
  responseUrl(id: string): string;
  calls: RecordedSlackCall[];
  callsTo(method: string): RecordedSlackCall[];
  /** Polls until `predicate` holds (bounded); returns the calls at that moment. */
  waitFor(predicate: (calls: RecordedSlackCall[]) => boolean, timeoutMs?: number): Promise<RecordedSlackCall[]>;
  /** Messages conversations.replies returns for a thread ts. */
  setThread(threadTs: string, messages: Array<Record<string, unknown>>): void;
  /**
   * Make every Web API method (or only those listed) answer with this HTTP status; undefined removes every
   * failure. Rules add up (the first that matches a call applies). `times` limits a rule to the next n
   * matching calls; `retryAfter` adds a Retry-After header (seconds, for 429); `landed` makes a failed
   * chat.postMessage still post the message (Slack did the work, the response was lost).
   */
  failWith(status: number | undefined, methods?: string[], options?: { times?: number; retryAfter?: number; landed?: boolean }): void;
  /** Fail this share of Web API calls (500), chosen by `random`; of failed posts, `landedShare` still post. */
  failRandomly(rate: number, options?: { landedShare?: number; random?: () => number }): void;
  /** Answer the listed methods only after `ms` (the work, e.g. the post, happens at once). 0 restores. */
  delay(ms: number, methods?: string[]): void;
  /** Messages the bot has posted (what a Slack user sees), in posting order. */
  posted: PostedMessage[];
  close(): Promise<void>;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  user: string;
  bot_id: string;
  metadata?: unknown;
}

export const FAKE_BOT_USER_ID = 'UBOT0001';
export const FAKE_BOT_ID = 'BBOT0001';
export const FAKE_TEAM_ID = 'T00000001';

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // The Web API client form-encodes structured arguments (blocks, attachments) as JSON strings.
    out[k] = (k === 'blocks' || k === 'attachments' || k === 'metadata') && /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return out;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: RecordedSlackCall[] = [];
  const threads = new Map<string, Array<Record<string, unknown>>>();
  interface Failure {
    status: number;
    methods?: string[];
    times?: number;
    retryAfter?: number;
    landed?: boolean;
  }
  let failures: Failure[] = [];
  let randomFailure: { rate: number; landedShare: number; random: () => number } | undefined;
  const failureFor = (method: string): Failure | undefined => {
    const rule = failures.find((f) => !f.methods || f.methods.includes(method));
    if (rule) {
      if (rule.times !== undefined && --rule.times <= 0) failures = failures.filter((f) => f !== rule);
      return rule;
    }
    if (randomFailure && randomFailure.random() < randomFailure.rate) {
      return { status: 500, landed: randomFailure.random() < randomFailure.landedShare };
    }
    return undefined;
  };
  let slow: { ms: number; methods?: string[] } | undefined;
  const posted: PostedMessage[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let tsCounter = 0;
  const post = (body: Record<string, unknown>): PostedMessage => {
    tsCounter += 1;
    const message: PostedMessage = {
      channel: String(body.channel),
      // Slack stamps a message with the time it was posted: later than the (fixed, 2023) test messages.
      ts: `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, '0')}`,
      thread_ts: body.thread_ts ? String(body.thread_ts) : undefined,
      text: body.text === undefined ? undefined : String(body.text),
      user: FAKE_BOT_USER_ID,
      bot_id: FAKE_BOT_ID,
      metadata: body.metadata,
    };
    posted.push(message);
    return message;
  };
  const after = (oldest: unknown) => (m: PostedMessage) => oldest === undefined || Number(m.ts) > Number(oldest);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      const body = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
      const isResponseUrl = path.startsWith('/response/');
      const method = isResponseUrl ? 'response_url' : path.replace(/^\/api\//, '');
      calls.push({ method, path, body, authorization: req.headers.authorization, at: Date.now() });

      if (isResponseUrl) {
        // Only rules that name response_url apply here (random Web API failures do not).
        const rule = failures.find((f) => f.methods?.includes('response_url'));
        if (rule?.times !== undefined && --rule.times <= 0) failures = failures.filter((f) => f !== rule);
        res.writeHead(rule ? rule.status : 200, { 'content-type': 'text/plain' }).end(rule ? 'fake failure' : 'ok');
        return;
      }
      // Slow methods do their work now and answer later, as a slow Slack does.
      const respond = (status: number, headers: Record<string, string>, payload: string) => {
        const send = () => {
          if (!res.destroyed) res.writeHead(status, headers).end(payload);
        };
        if (slow && slow.ms > 0 && (!slow.methods || slow.methods.includes(method))) {
          const t = setTimeout(() => {
            timers.delete(t);
            send();
          }, slow.ms);
          timers.add(t);
        } else send();
      };
      const f = failureFor(method);
      if (f) {
        if (f.landed && method === 'chat.postMessage') post(body);
        const headers: Record<string, string> = { 'content-type': 'text/plain' };
        if (f.retryAfter !== undefined) headers['retry-after'] = String(f.retryAfter);
        respond(f.status, headers, 'fake failure');
        return;
      }
      const json = (payload: Record<string, unknown>) =>
        respond(200, { 'content-type': 'application/json' }, JSON.stringify({ ok: true, ...payload }));
      switch (method) {
        case 'auth.test':
          return json({ user_id: FAKE_BOT_USER_ID, bot_id: FAKE_BOT_ID, team_id: FAKE_TEAM_ID, user: 'corpus-bot' });
        case 'chat.postMessage': {
          const m = post(body);
          return json({ channel: m.channel, ts: m.ts, message: { text: m.text } });
        }
        case 'conversations.replies': {
          const ours = posted.filter((m) => m.channel === body.channel && m.thread_ts === String(body.ts)).filter(after(body.oldest));
          const given = (threads.get(String(body.ts)) ?? []).filter((m) => body.oldest === undefined || Number(m.ts) > Number(body.oldest));
          const messages = [...given, ...ours].sort((a, b) => Number(a.ts) - Number(b.ts));
          return json({ messages, has_more: false });
        }
        case 'conversations.history': {
          const messages = posted.filter((m) => m.channel === body.channel && !m.thread_ts).filter(after(body.oldest)).reverse();
          return json({ messages, has_more: false });
        }
        default:
          // reactions.add/remove, chat.postEphemeral, …: success with no payload.
          return json({});
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) {
          throw new Error(`fake Slack: condition not met within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(', ')}`);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      return calls;
    },
    setThread: (threadTs, messages) => threads.set(threadTs, messages),
    failWith(status, methods, options = {}) {
      if (status === undefined) {
        failures = [];
        randomFailure = undefined;
      } else failures.push({ status, methods, ...options });
    },
    failRandomly(rate, options = {}) {
      randomFailure = { rate, landedShare: options.landedShare ?? 0.5, random: options.random ?? Math.random };
    },
    delay(ms, methods) {
      slow = { ms, methods };
    },
    posted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
