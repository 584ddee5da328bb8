import { Router } from 'express';
import { AppError } from '../errors.js';
import type { ServicesHolder, Services } from '../core/services.js';
import { parseAskBody } from './ask-schema.js';
import { abortOnClose } from './abort-on-close.js';
import { prepareAnswer, type HttpPersistence } from './conversation-ask.js';
import { storageHealth } from '../core/persistence.js';

export function requireServices(holder: ServicesHolder): Services {
  const services = holder.current;
  if (!services) {
    throw new AppError('index_unavailable', 'No index is loaded. Build it with `npm run ingest`, then restart or reload.', 503);
  }
  return services;
}

/** /api/ask, /api/documents/:docId, /api/health. With persistence, answers are kept in conversations. */
export function createApiRouter(holder: ServicesHolder, persistence?: HttpPersistence): Router {
  const router = Router();

  router.post('/ask', async (req, res) => {
    const body = parseAskBody(req.body);
    const services = requireServices(holder);
    const answer = await prepareAnswer(req, res, body, persistence);
    const signal = abortOnClose(res);
    res.json(await answer(services, { signal }));
  });

  router.get('/documents/:docId', (req, res) => {
    const services = requireServices(holder);
    const doc = services.index.documentById.get(req.params.docId);
    if (!doc) throw new AppError('not_found', `No indexed document with id "${req.params.docId}".`, 404);
    res.json({
      docId: doc.docId,
      source: doc.source,
      title: doc.title,
      date: doc.date,
      format: doc.format ?? 'txt',
      ...(doc.pages ? { pages: doc.pages } : {}),
      headings: doc.headings ?? [],
      text: doc.text,
    });
  });

  router.get('/health', async (_req, res) => {
    const services = holder.current;
    const storage = persistence ? await storageHealth(persistence) : undefined;
    if (!services) {
      res.status(503).json({ status: 'no_index', documents: 0, chunks: 0, embedder: null, generator: null, ...(storage ? { storage } : {}) });
      return;
    }
    const { counts } = services.index.manifest;
    res.json({
      // A storage outage never stops answers: the service is degraded (history and feedback are not kept), not down.
      status: storage?.status === 'degraded' ? 'degraded' : 'ok',
      ...(storage ? { storage } : {}),
      documents: counts.documents,
      chunks: counts.chunks,
      sentences: counts.sentences,
      embedder: services.embedderName,
      generator: services.generatorName,
    });
  });

  return router;
}
