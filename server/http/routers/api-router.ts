import path from 'node:path';
import { Router } from 'express';
import { AppError } from '../../shared/errors.js';
import type { ServicesHolder, Services } from '../../core/services.js';
import { parseAskBody } from './ask-schema.js';
import { abortOnClose } from '../abort-on-close.js';
import { sendDocument } from './document-window.js';
import { prepareAnswer, type HttpPersistence } from './conversation-ask.js';
import { storageHealth } from '../../core/persistence.js';

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

  // A window of the text (?start=&end= or ?around=&chars=), or all of it streamed with ?full=1.
  router.get('/documents/:docId', async (req, res) => {
    const services = requireServices(holder);
    const doc = services.index.documentById.get(req.params.docId);
    if (!doc) throw new AppError('not_found', `No indexed document with id "${req.params.docId}".`, 404);
    await sendDocument(req, res, doc);
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
      // Which index version is loaded (the directory's name, never its path): the CLI asks this server
      // only when it serves the index the CLI would read.
      index: path.basename(services.index.dir),
    });
  });

  return router;
}
