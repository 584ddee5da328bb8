import { Router } from 'express';
import type { ServicesHolder } from '../../core/services.js';
import { corpusOverview } from '../../documents/corpus-overview.js';
import { requireServices } from '../api-router.js';

/** GET /api/corpus: how the page names the corpus and which starter questions it offers. */
export function createCorpusRouter(holder: ServicesHolder): Router {
  const router = Router();
  router.get('/corpus', (_req, res) => {
    res.json(corpusOverview(requireServices(holder).index));
  });
  return router;
}
