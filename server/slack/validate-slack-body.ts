/**
 * Shape check of a signed Slack body before Bolt sees it. Bolt answers a signed body it cannot use
 * (`"event": null`, the JSON `null`, `payload=null`) with a 500 from its unhandled-error path; that
 * is the sender's mistake, so it is a 400 here and Bolt never runs.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../shared/errors.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasStringType = (v: unknown): boolean => isObject(v) && typeof v.type === 'string' && v.type.length > 0;

/** Why the body is not a Slack payload, or undefined when it is one Bolt can route. */
export function slackBodyProblem(rawBody: Buffer, contentType: string | undefined): string | undefined {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const text = rawBody.toString('utf8');
  if (type === 'application/json') {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return 'the body is not valid JSON';
    }
    if (!hasStringType(body)) return 'the body must be a JSON object with a "type"';
    const b = body as Record<string, unknown>;
    if (b.type === 'event_callback' && !hasStringType(b.event)) return '"event" must be an object with a "type"';
    if (b.type === 'url_verification' && typeof b.challenge !== 'string') return '"challenge" must be a string';
    return undefined;
  }
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(text);
    if (form.has('payload')) {
      let payload: unknown;
      try {
        payload = JSON.parse(form.get('payload') ?? '');
      } catch {
        return '"payload" is not valid JSON';
      }
      return hasStringType(payload) ? undefined : '"payload" must be a JSON object with a "type"';
    }
    if (form.has('ssl_check')) return undefined;
    return form.get('command') ? undefined : 'a form body needs a "command" or a "payload"';
  }
  return 'the body must be application/json or application/x-www-form-urlencoded';
}

/** Runs after the signature check (it reads the verified `req.rawBody`). */
export function slackBodyValidation(logger: Logger): RequestHandler {
  return (req, _res, next) => {
    const rawBody = (req as { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
    const problem = slackBodyProblem(rawBody, req.headers['content-type']);
    if (!problem) {
      next();
      return;
    }
    logger.warn({ reason: problem, ip: req.ip }, 'slack: rejected a signed body that is not a Slack payload');
    next(new AppError('bad_request', `Not a Slack payload: ${problem}.`, 400));
  };
}
