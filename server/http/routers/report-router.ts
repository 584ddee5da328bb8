/**
 * GET /api/admin/report?since=7d[&format=csv]: the knowledge-gap report (see server/storage/report-repository.ts).
 * Behind apiKeyAuth like the rest of /api: with API_KEYS set it needs a key.
 */
import { Router } from 'express';
import { reportWindow } from '../../core/report-window.js';
import { reportToCsv } from '../../core/report-csv.js';
import type { Persistence } from '../../core/persistence.js';

export function createReportRouter(p: Persistence): Router {
  const router = Router();
  router.get('/admin/report', async (req, res) => {
    const since = typeof req.query.since === 'string' ? req.query.since : undefined;
    const report = await p.storage.reports.knowledgeGapReport(reportWindow(since, p.clock()));
    if (req.query.format === 'csv') {
      res.type('text/csv; charset=utf-8').send(reportToCsv(report));
      return;
    }
    res.json(report);
  });
  return router;
}
