/**
 * Exactly-once delivery for the Events API.
 *
 * Slack retries an event (x-slack-retry-num) when we are slow or fail, and occasionally delivers the
 * same event_id twice; Bolt passes every copy to the listeners. The first copy is claimed here and the
 * rest are acknowledged with 200 (so Slack stops retrying) without reaching Bolt.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/** Slack retries for up to ~30 minutes (3 attempts: immediately, 1 min, 5 min); keep ids longer than that. */
export const EVENT_ID_TTL_MS = 60 * 60 * 1000;
export const EVENT_ID_MAX_ENTRIES = 10_000;

function eventIdOf(rawBody: Buffer | undefined, contentType: string | undefined): string | undefined {
  if (!rawBody || !contentType?.startsWith('application/json')) return undefined;
  try {
    const body = JSON.parse(rawBody.toString('utf8')) as { type?: unknown; event_id?: unknown };
    return body.type === 'event_callback' && typeof body.event_id === 'string' ? body.event_id : undefined;
  } catch {
    return undefined; // Bolt will answer 400 for a body it cannot parse.
  }
}

/**
 * Drops every delivery of an event_id after the first. `claim` says whether this delivery is the first:
 * this process's memory (`seen.claim`), or the database when deliveries may reach several processes
 * (stored-event-dedupe.ts).
 */
export function eventDedupeMiddleware(claim: (eventId: string) => boolean | Promise<boolean>, logger: Logger): RequestHandler {
  return async (req, res, next) => {
    const eventId = eventIdOf((req as { rawBody?: Buffer }).rawBody, req.headers['content-type']);
    if (eventId && !(await claim(eventId))) {
      logger.info(
        { eventId, retryNum: req.headers['x-slack-retry-num'], retryReason: req.headers['x-slack-retry-reason'] },
        'slack: duplicate event acknowledged and dropped',
      );
      res.status(200).end();
      return;
    }
    next();
  };
}
