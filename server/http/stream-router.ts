import { Router } from 'express';
import type { ServicesHolder } from '../core/services.js';
import { AppError, isAppError } from '../errors.js';
import { requireServices } from './api-router.js';
import { parseAskBody } from './ask-schema.js';
import { openSse, type SseOptions } from './sse.js';
import { abortOnClose } from './abort-on-close.js';
import { prepareAnswer, type HttpPersistence } from './conversation-ask.js';

export type StreamRouterOptions = SseOptions;

/**
 * POST /api/ask/stream: the /api/ask body, answered as text/event-stream.
 *   event: delta  data: {"text": "..."}       answer text as the service produces it (zero or more)
 *   event: done   data: <AskResult>           exactly the /api/ask JSON (once, last)
 *   event: error  data: {"code","message"}    instead of done
 */
export function createStreamRouter(holder: ServicesHolder, options: StreamRouterOptions = {}, persistence?: HttpPersistence): Router {
  const router = Router();

  router.post('/ask/stream', async (req, res) => {
    // Validate and resolve services before any SSE header goes out, so these failures stay plain JSON 4xx/503.
    const body = parseAskBody(req.body);
    const services = requireServices(holder);
    // Before the stream opens: a new owner cookie goes out with the headers, an unknown conversation is a JSON 404.
    const answer = await prepareAnswer(req, res, body, persistence);

    const signal = abortOnClose(res);
    const sse = openSse(res, options);

    try {
      const result = await answer(services, {
        signal,
        onDelta: (text) => {
          if (text) sse.send('delta', { text });
        },
      });
      sse.send('done', result);
      sse.end();
    } catch (err) {
      // The client is gone: nobody to tell, and the abort is the expected way this work ends.
      if (signal.aborted) {
        sse.end();
        return;
      }
      // Unknown errors are reported generically; their details belong in the log, not the client.
      const appError = isAppError(err) ? err : new AppError('internal', 'Internal server error.', 500);
      sse.send('error', { code: appError.code, message: appError.message });
      // Server faults go on to the error middleware, which logs them and ends the already-started response.
      if (appError.status >= 500) throw err;
      sse.end();
    }
  });

  return router;
}
