import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A fake OpenAI-compatible server on 127.0.0.1 for tests: /v1/chat/completions (plain and SSE),
 * /v1/embeddings and /v1/models. It records every request body so tests can assert on what the
 * real @langchain/openai client sent, and replays scripted behaviours (a reply, an HTTP error,
 * a hang before or during the stream). Without a script it behaves like a well-mannered RAG
 * model: it echoes the offered passage that best matches the question, cited as [n].
 */

export interface ChatMessage {
  role: string;
  content: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
  /** Set when the client closed the connection before the response was complete. */
  aborted?: boolean;
}

export type ChatBehaviour =
  /** Reply with this text; streamed in `chunks` if given, else in pieces of `chunkSize` characters. */
  | { reply: string; chunks?: string[] }
  /** Answer with an HTTP error. */
  | { status: number; message?: string; headers?: Record<string, string> }
  /** Accept the request and never answer. */
  | { hang: true }
  /** Stream these chunks, then stall without finishing. */
  | { stallAfter: string[] }
  /** Compute the reply from the request's messages (e.g. to cite a passage id the test cannot know). */
  | { respond: (messages: ChatMessage[]) => string };

export interface FakeOpenAiOptions {
  /** Streamed replies are cut into pieces of this many characters (default 3, so markers split). */
  chunkSize?: number;
  /** How the default responder rewrites follow-ups; default: the last message unchanged. */
  condense?: (lastMessage: string, conversation: string) => string;
  /** Minimum weighted share of the question's content bigrams a passage must contain to be echoed (default 0.4). */
  minCoverage?: number;
  embeddingDimensions?: number;
  /** Listen port (default 0: a free one). */
  port?: number;
}

export interface FakeOpenAiServer {
  /** e.g. http://127.0.0.1:12345/v1 - what OPENAI_BASE_URL would be. */
  baseURL: string;
  requests: RecordedRequest[];
  chatRequests(): RecordedRequest[];
  embeddingRequests(): RecordedRequest[];
  /** Queue behaviours for the next chat requests (first in, first used); then the default responder. */
  script(...behaviours: ChatBehaviour[]): void;
  close(): Promise<void>;
}

/** Text of a message whose content may be a string or an array of parts. */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p?.text === 'string' ? p.text : '')).join('');
  return '';
}

const between = (text: string, tag: string): string | undefined => {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(text);
  return m ? m[1].trim() : undefined;
};

/** Character bigrams within runs of letters/digits (whitespace and punctuation break runs). */
const bigrams = (text: string): Set<string> => {
  const out = new Set<string>();
  for (const run of text.toLowerCase().split(/[\s\p{P}\p{S}]+/u)) {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  }
  return out;
};

/** Question words carry no content; a passage need not contain them. */
const QUESTION_WORDS = /是多少|多少|是什么|什么|有哪些|哪些|是谁|有谁|是哪|哪天|哪款|哪个|意思|吗|呢/g;

const lastUser = (messages: ChatMessage[]) => [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';

/** The numbered passages of an answer request, as the generator formatted them. */
export function passagesOf(messages: ChatMessage[]): Array<{ id: number; text: string }> {
  return [...(between(lastUser(messages), 'passages') ?? '').matchAll(/^\[(\d+)\] (.*)$/gm)].map((m) => ({
    id: Number(m[1]),
    text: m[2],
  }));
}

/** The generic "model": echo the best-covering passage with its marker, or the sentinel. */
export function defaultChatReply(messages: ChatMessage[], options: FakeOpenAiOptions = {}): string {
  const system = messages.find((m) => m.role === 'system')?.content ?? '';
  const user = lastUser(messages);
  if (/standalone question/i.test(system) && user.includes('<last_message>')) {
    const last = between(user, 'last_message') ?? '';
    return options.condense ? options.condense(last, between(user, 'conversation') ?? '') : last;
  }
  const passages = passagesOf(messages);
  const question = between(user, 'standalone_question') ?? between(user, 'question') ?? user;
  const wanted = bigrams(question.replace(QUESTION_WORDS, ' '));
  const sets = passages.map((p) => bigrams(p.text));
  // Rarer bigrams (across the offered passages) say more about which passage is meant.
  const weight = (b: string) => Math.log(1 + passages.length / (1 + sets.filter((s) => s.has(b)).length));
  const total = [...wanted].reduce((sum, b) => sum + weight(b), 0);
  let best: { id: number; text: string; coverage: number } | undefined;
  passages.forEach((p, i) => {
    let hit = 0;
    for (const b of wanted) if (sets[i].has(b)) hit += weight(b);
    const coverage = total ? hit / total : 0;
    if (!best || coverage > best.coverage) best = { ...p, coverage };
  });
  if (!best || best.coverage < (options.minCoverage ?? 0.4)) return 'NOT_IN_ARTICLE';
  return `${best.text}[${best.id}]`;
}

/** Deterministic unit vectors from hashed character bigrams: similar texts get similar vectors. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const v = new Array<number>(dimensions).fill(0);
  for (const b of bigrams(text)) {
    let h = 2166136261;
    for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), 16777619);
    v[(h >>> 0) % dimensions] += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

export async function startFakeOpenAiServer(options: FakeOpenAiOptions = {}): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  const queue: ChatBehaviour[] = [];
  const sockets = new Set<Socket>();
  const chunkSize = options.chunkSize ?? 3;
  let seq = 0;

  const readBody = async (req: IncomingMessage): Promise<any> => {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    const text = Buffer.concat(parts).toString('utf8');
    try {
      return text ? JSON.parse(text) : undefined;
    } catch {
      return text;
    }
  };

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const chunkOf = (id: string, model: string, delta: object, finish: string | null) =>
    `data: ${JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    })}\n\n`;

  const splitText = (text: string): string[] => {
    const chars = Array.from(text);
    const out: string[] = [];
    for (let i = 0; i < chars.length; i += chunkSize) out.push(chars.slice(i, i + chunkSize).join(''));
    return out;
  };

  const chat = (res: ServerResponse, body: any) => {
    const messages: ChatMessage[] = (body?.messages ?? []).map((m: any) => ({ role: m.role, content: messageText(m.content) }));
    const scripted = queue.shift();
    const behaviour: Exclude<ChatBehaviour, { respond: unknown }> = !scripted
      ? { reply: defaultChatReply(messages, options) }
      : 'respond' in scripted
        ? { reply: scripted.respond(messages) }
        : scripted;
    const id = `chatcmpl-fake-${++seq}`;
    const model = String(body?.model ?? 'fake-model');
    if ('hang' in behaviour) return;
    if ('status' in behaviour) {
      json(
        res,
        behaviour.status,
        { error: { message: behaviour.message ?? `fake upstream error ${behaviour.status}`, type: 'server_error', param: null, code: null } },
        behaviour.headers,
      );
      return;
    }
    if (!body?.stream) {
      if ('stallAfter' in behaviour) return;
      json(res, 200, {
        id,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: behaviour.reply }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(chunkOf(id, model, { role: 'assistant', content: '' }, null));
    if ('stallAfter' in behaviour) {
      for (const c of behaviour.stallAfter) res.write(chunkOf(id, model, { content: c }, null));
      return;
    }
    for (const c of behaviour.chunks ?? splitText(behaviour.reply)) res.write(chunkOf(id, model, { content: c }, null));
    res.write(chunkOf(id, model, {}, 'stop'));
    res.end('data: [DONE]\n\n');
  };

  const embeddings = (res: ServerResponse, body: any) => {
    const inputs: string[] = Array.isArray(body?.input) ? body.input : [body?.input];
    const dims = Number(body?.dimensions) || options.embeddingDimensions || 64;
    const next = queue[0];
    if (next && 'status' in next) {
      queue.shift();
      json(res, next.status, { error: { message: next.message ?? 'fake embeddings error', type: 'server_error', param: null, code: null } });
      return;
    }
    json(res, 200, {
      object: 'list',
      model: body?.model,
      data: inputs.map((text, index) => {
        const vector = fakeEmbedding(String(text), dims);
        // Like OpenAI: base64 of little-endian float32 when asked (the openai client's default).
        const embedding =
          body?.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
        return { object: 'embedding', index, embedding };
      }),
      usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
    });
  };

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = (req.url ?? '').split('?')[0];
    const record: RecordedRequest = { method: req.method ?? '', path, headers: req.headers, body };
    requests.push(record);
    res.on('close', () => {
      if (!res.writableFinished) record.aborted = true;
    });
    if (req.method === 'POST' && path === '/v1/chat/completions') return chat(res, body);
    if (req.method === 'POST' && path === '/v1/embeddings') return embeddings(res, body);
    if (req.method === 'GET' && path === '/v1/models') {
      return json(res, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'fake' }] });
    }
    json(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error', param: null, code: null } });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.path === '/v1/chat/completions'),
    embeddingRequests: () => requests.filter((r) => r.path === '/v1/embeddings'),
    script: (...behaviours) => queue.push(...behaviours),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
