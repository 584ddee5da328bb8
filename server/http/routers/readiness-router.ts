import { Router } from 'express';
import type { Readiness } from '../../lifecycle/readiness.js';

/**
 * GET /api/health/ready: 200 when this replica should get traffic, 503 with the reasons when not.
 * Never cached: a balancer must see the state now.
 */
export function createReadinessRouter(readiness: Readiness): Router {
  const router = Router();
  router.get('/health/ready', async (_req, res) => {
    const report = await readiness();
    res.setHeader('Cache-Control', 'no-store');
    res.status(report.ready ? 200 : 503).json({ status: report.ready ? 'ready' : 'not_ready', ...report });
  });
  return router;
}
