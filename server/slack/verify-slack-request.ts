/**
 * Slack request signing (v0): HMAC-SHA256 over `v0:{timestamp}:{raw body}` with the app's signing secret.
 *
 * We verify ourselves, in front of Bolt, because Bolt 5 only rejects *old* timestamps (a request stamped
 * in the future passes) and reads the wall clock directly (tests cannot move it).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../shared/errors.js';

/** Slack's documented replay window, applied in both directions. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * Slack's payloads outgrow the 64 KiB /api limit (a message event with blocks and attachments, a view
 * submission's state), but stay far below 1 MiB; a larger signed body is refused with 413 naming the limit.
 */
export const SLACK_BODY_LIMIT = '1mb';

export type VerifyFailure = 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'future_timestamp' | 'bad_signature';

export interface VerifyInput {
  signingSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer | string;
  /** Current time in seconds since the epoch. */
  nowSeconds: number;
}

export function computeSlackSignature(signingSecret: string, timestamp: string, rawBody: Buffer | string): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

/** The checks that need no body: lets the middleware refuse replays before reading anything. */
export function checkSlackHeaders(
  timestamp: string | undefined,
  signature: string | undefined,
  nowSeconds: number,
): VerifyFailure | undefined {
  if (!timestamp || !signature) return 'missing_headers';
  if (!/^\d{1,12}$/.test(timestamp)) return 'bad_timestamp';
  const skew = nowSeconds - Number(timestamp);
  if (skew > MAX_CLOCK_SKEW_SECONDS) return 'stale_timestamp';
  if (skew < -MAX_CLOCK_SKEW_SECONDS) return 'future_timestamp';
  return undefined;
}

/** Returns undefined when the request is authentic, else why not. */
export function verifySlackSignature(input: VerifyInput): VerifyFailure | undefined {
  const { timestamp, signature } = input;
  const headerFailure = checkSlackHeaders(timestamp, signature, input.nowSeconds);
  if (headerFailure || !timestamp || !signature) return headerFailure ?? 'missing_headers';
  const expected = Buffer.from(computeSlackSignature(input.signingSecret, timestamp, input.rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // Length is public (always "v0=" + 64 hex); only the content comparison must be constant-time.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad_signature';
  return undefined;
}

export interface SignatureMiddlewareDeps {
  signingSecret: string;
  logger: Logger;
  /** Milliseconds since the epoch; injectable so tests can replay Slack's published example. */
  clock: () => number;
}

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * Reads the raw body, verifies it, then hands it to Bolt as `req.rawBody` (Bolt's body parser uses
 * `req.rawBody` when present instead of reading the already-consumed stream).
 */
export function slackSignatureMiddleware({ signingSecret, logger, clock }: SignatureMiddlewareDeps): RequestHandler[] {
  const reject = (failure: VerifyFailure, ip: string | undefined, next: (err: unknown) => void) => {
    logger.warn({ reason: failure, ip }, 'slack: rejected unsigned or stale request');
    next(new AppError('unauthorized', 'Slack request signature verification failed.', 401));
  };
  return [
    // Cheap checks first, so unsigned or replayed requests never get their body buffered.
    (req, _res, next) => {
      const failure = checkSlackHeaders(
        header(req.headers['x-slack-request-timestamp']),
        header(req.headers['x-slack-signature']),
        Math.floor(clock() / 1000),
      );
      if (failure) reject(failure, req.ip, next);
      else next();
    },
    express.raw({ type: () => true, limit: SLACK_BODY_LIMIT }),
    (req, _res, next) => {
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const failure = verifySlackSignature({
        signingSecret,
        timestamp: header(req.headers['x-slack-request-timestamp']),
        signature: header(req.headers['x-slack-signature']),
        rawBody,
        nowSeconds: Math.floor(clock() / 1000),
      });
      if (failure) {
        reject(failure, req.ip, next);
        return;
      }
      (req as { rawBody?: Buffer }).rawBody = rawBody;
      req.body = undefined;
      next();
    },
  ];
}
