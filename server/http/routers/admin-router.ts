import { Router } from 'express';
import type { ReloadSummary } from '../../lifecycle/reload.js';

/**
 * POST /api/admin/reload: loads the index again (after a re-ingest) and swaps it in atomically.
 * Mounted only when API keys are set, so it always sits behind apiKeyAuth; it takes no body.
 * A failed reload answers 503 index_unavailable naming the bad file, and the previous index keeps serving.
 */
export function createAdminRouter(reload: () => Promise<ReloadSummary>): Router {
  const router = Router();
  router.post('/admin/reload', async (_req, res) => {
    const summary = await reload();
    res.json({ status: 'reloaded', ...summary });
  });
  return router;
}
