import type { Response } from 'express';

/**
 * Server-sent events framing, kept in this one module so handlers never write raw `event:`/`data:` strings.
 *
 * Why not the `better-sse` package: our only stream is a POST answered by a single channel that ends after
 * one `done`/`error` event; better-sse's sessions, channels and EventSource reconnection (`Last-Event-ID`)
 * would all go unused, and the framing below is the whole of what the protocol needs for this case.
 */

/** Default interval for heartbeat comments: under the usual 30–60 s idle timeouts of proxies and load balancers. */
export const DEFAULT_HEARTBEAT_MS = 15_000;

const EVENT_NAME = /^[A-Za-z][\w-]*$/;

export interface SseOptions {
  heartbeatMs?: number;
}

export interface SseStream {
  /** Sends one event. Data is JSON-encoded, so it never holds a raw CR/LF that would split the frame. */
  send(event: string, data: unknown): void;
  /** Sends an unnamed frame (the OpenAI stream style): JSON data, or a bare token such as `[DONE]`. */
  sendData(data: unknown, options?: { raw?: boolean }): void;
  /** Ends the response; safe to call more than once and after the client has gone. */
  end(): void;
  /** False once the stream has ended or the client disconnected. */
  readonly open: boolean;
}

export function openSse(res: Response, { heartbeatMs = DEFAULT_HEARTBEAT_MS }: SseOptions = {}): SseStream {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    // no-transform: stops intermediaries from compressing (and so buffering) the stream.
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // nginx buffers proxied responses unless told not to.
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();

  let open = true;
  const write = (frame: string): void => {
    if (open && !res.writableEnded && !res.destroyed) res.write(frame);
  };
  // A comment line is ignored by every SSE parser but keeps idle connections from being cut.
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
  heartbeat.unref();
  const stop = (): void => {
    open = false;
    clearInterval(heartbeat);
  };
  res.on('close', stop);

  return {
    get open() {
      return open && !res.destroyed;
    },
    send(event, data) {
      if (!EVENT_NAME.test(event)) throw new Error(`Invalid SSE event name: ${JSON.stringify(event)}`);
      write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    sendData(data, options) {
      const text = options?.raw ? String(data) : JSON.stringify(data);
      if (/[\r\n]/.test(text)) throw new Error('SSE data must not contain line breaks');
      write(`data: ${text}\n\n`);
    },
    end() {
      if (!open) return;
      stop();
      if (!res.writableEnded) res.end();
    },
  };
}
