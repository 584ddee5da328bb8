import { Router, type Response } from 'express';
import type { ServicesHolder } from '../../core/services.js';
import { AppError } from '../../shared/errors.js';
import { requireServices } from '../routers/api-router.js';
import { approxTokens } from './approx-tokens.js';
import { parseChatRequest } from './chat-completion-request.js';
import {
  chunkObject,
  completionId,
  completionObject,
  messageContent,
  remainderAfter,
  usageChunkObject,
  usageOf,
} from './chat-completion-response.js';
import { openAiErrorBody, openAiNotFound } from './v1-errors.js';
import { DEFAULT_HEARTBEAT_MS, openSse } from '../sse.js';
import { abortOnClose } from '../abort-on-close.js';

export const DEFAULT_MODEL_ID = 'corpus-assistant';

/**
 * Body limit for /v1. Chat clients send the whole conversation every turn (our Sources lists
 * included), which outgrows /api's 64 KiB after a couple of dozen turns; only the newest turns
 * within the /api history limits are used, so a larger body costs parsing, not answering.
 */
export const V1_JSON_BODY_LIMIT = '1mb';

export interface OpenAiRouterOptions {
  /** The one model id /v1/models lists and responses report. */
  modelId?: string;
  heartbeatMs?: number;
  /** Unix seconds; injectable for tests. */
  now?: () => number;
}

/** OpenAI streams are bare `data:` frames (no event names) ending in `data: [DONE]`. */
function openDataStream(res: Response, heartbeatMs: number) {
  const sse = openSse(res, { heartbeatMs });
  return {
    data: (payload: unknown) => sse.sendData(payload),
    end: () => {
      sse.sendData('[DONE]', { raw: true });
      sse.end();
    },
  };
}

/**
 * The OpenAI-compatible face of the assistant, for chat clients (Open WebUI, LibreChat, the
 * official `openai` package): GET /v1/models and POST /v1/chat/completions, answered by the same
 * answer service as /api/ask - whichever generator is configured, citations included.
 * Mount with the JSON body parser before it and openAiErrorMiddleware after it.
 */
export function createOpenAiRouter(holder: ServicesHolder, options: OpenAiRouterOptions = {}): Router {
  const modelId = options.modelId ?? DEFAULT_MODEL_ID;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const startedAt = now();
  const model = () => ({ id: modelId, object: 'model' as const, created: startedAt, owned_by: 'corpus-qa-assistant' });

  const router = Router();

  router.get('/models', (_req, res) => {
    res.json({ object: 'list', data: [model()] });
  });

  router.get('/models/:id', (req, res) => {
    if (req.params.id !== modelId) {
      throw new AppError('not_found', `The model "${req.params.id}" does not exist; use "${modelId}".`, 404, { param: 'model' });
    }
    res.json(model());
  });

  router.post('/chat/completions', async (req, res) => {
    const request = parseChatRequest(req.body);
    const services = requireServices(holder);
    const meta = { id: completionId(), created: now(), model: modelId };
    const promptTokens = approxTokens(request.promptText);

    const signal = abortOnClose(res);

    if (!request.stream) {
      const result = await services.answerService.answerQuestion(request.question, request.history, {
        signal,
      });
      res.json(completionObject(meta, result, usageOf(promptTokens, approxTokens(messageContent(result)))));
      return;
    }

    const stream = openDataStream(res, heartbeatMs);
    stream.data(chunkObject(meta, { role: 'assistant', content: '' }));
    let streamed = '';
    try {
      const result = await services.answerService.answerQuestion(request.question, request.history, {
        signal,
        onDelta: (text) => {
          if (!text) return;
          streamed += text;
          stream.data(chunkObject(meta, { content: text }));
        },
      });
      const content = messageContent(result);
      // The final answer normally continues what was streamed (then only the Sources list is
      // left); if it was replaced (fallback, or an answer rejected after streaming), say so.
      const rest = remainderAfter(streamed, content) ?? `\n\n${content}`;
      if (rest) stream.data(chunkObject(meta, { content: rest }));
      const usage = usageOf(promptTokens, approxTokens(streamed + rest));
      stream.data(chunkObject(meta, {}, { result, usage }));
      if (request.includeUsage) stream.data(usageChunkObject(meta, usage));
      stream.end();
    } catch (err) {
      if (signal.aborted) {
        res.end();
        return;
      }
      // Headers are out: the error travels in-band, as OpenAI does; the openai client raises it.
      const { status, body } = openAiErrorBody(err);
      stream.data(body);
      stream.end();
      // Server faults go on to the error middleware, which logs them (the response is already ended).
      if (status >= 500) throw err;
    }
  });

  router.use(openAiNotFound);
  return router;
}
