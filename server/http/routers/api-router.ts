import path from 'node:path';
import { Router } from 'express';
import { AppError } from '../../shared/errors.js';
import type { ServicesHolder, Services } from '../../core/services.js';
import { parseAskBody } from './ask-schema.js';
import { abortOnClose } from '../abort-on-close.js';
import { sendDocument } from './document-window.js';

export function requireServices(holder: ServicesHolder): Services {
  const services = holder.current;
  if (!services) {
    throw new AppError('index_unavailable', 'No index is loaded. Build it with `npm run ingest`, then restart or reload.', 503);
  }
  return services;
}

/** /api/ask, /api/documents/:docId, /api/health. */
export function createApiRouter(holder: ServicesHolder): Router {
  const router = Router();

  router.post('/ask', async (req, res) => {
    const { question, history } = parseAskBody(req.body);
    const services = requireServices(holder);
    const signal = abortOnClose(res);
    const result = await services.answerService.answerQuestion(question, history, { signal });
    res.json(result);
  });

  // A window of the text (?start=&end= or ?around=&chars=), or all of it streamed with ?full=1.
  router.get('/documents/:docId', async (req, res) => {
    const services = requireServices(holder);
    const doc = services.index.documentById.get(req.params.docId);
    if (!doc) throw new AppError('not_found', `No indexed document with id "${req.params.docId}".`, 404);
    await sendDocument(req, res, doc);
  });

  router.get('/health', (_req, res) => {
    const services = holder.current;
    if (!services) {
      res.status(503).json({ status: 'no_index', documents: 0, chunks: 0, embedder: null, generator: null });
      return;
    }
    const { counts } = services.index.manifest;
    res.json({
      status: 'ok',
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
