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
  /** Make every Web API method (or only those listed) answer with this HTTP status; undefined restores. */
  failWith(status: number | undefined, methods?: string[]): void;
  close(): Promise<void>;
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
    out[k] = (k === 'blocks' || k === 'attachments') && v.startsWith('[') ? JSON.parse(v) : v;
  }
  return out;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: RecordedSlackCall[] = [];
  const threads = new Map<string, Array<Record<string, unknown>>>();
  let failure: { status: number; methods?: string[] } | undefined;
  let tsCounter = 0;

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
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      if (failure && (!failure.methods || failure.methods.includes(method))) {
        res.writeHead(failure.status, { 'content-type': 'text/plain' }).end('fake failure');
        return;
      }
      const json = (payload: Record<string, unknown>) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, ...payload }));
      switch (method) {
        case 'auth.test':
          return json({ user_id: FAKE_BOT_USER_ID, bot_id: FAKE_BOT_ID, team_id: FAKE_TEAM_ID, user: 'corpus-bot' });
        case 'chat.postMessage':
          tsCounter += 1;
          return json({ channel: body.channel, ts: `1700000000.${String(900000 + tsCounter)}`, message: { text: body.text } });
        case 'conversations.replies':
          return json({ messages: threads.get(String(body.ts)) ?? [], has_more: false });
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
    failWith(status, methods) {
      failure = status === undefined ? undefined : { status, methods };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
