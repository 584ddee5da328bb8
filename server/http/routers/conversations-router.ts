/**
 * GET /api/conversations (newest first), GET/PATCH/DELETE /api/conversations/:id.
 * Everything is scoped to the request's owner; another owner's conversation is 404, never 403.
 */
import { Router } from 'express';
import { z } from 'zod';
import { MAX_TITLE_CHARS } from '../../core/conversation-service.js';
import { AppError } from '../../errors.js';
import type { HttpPersistence } from '../conversation-ask.js';

const Rename = z.object({
  title: z
    .string()
    .transform((t) => t.replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, 'title must not be empty').max(MAX_TITLE_CHARS, `title may hold at most ${MAX_TITLE_CHARS} characters`)),
});

const Limit = z.coerce.number().int().min(1).max(200).default(50);
const Before = z.coerce.number().int().min(0).optional();

export function createConversationsRouter(p: HttpPersistence): Router {
  const router = Router();
  const notFound = (id: string) => new AppError('not_found', `No conversation with id "${id.slice(0, 100)}".`, 404);

  router.get('/conversations', async (req, res) => {
    const limit = Limit.safeParse(req.query.limit);
    const before = Before.safeParse(req.query.before);
    if (!limit.success || !before.success) throw new AppError('bad_request', 'limit must be 1-200 and before a timestamp in ms.', 400);
    const conversations = await p.storage.conversations.list(p.owner(req, res), { limit: limit.data, before: before.data });
    res.json({ conversations });
  });

  router.get('/conversations/:id', async (req, res) => {
    const found = await p.storage.conversations.get(p.owner(req, res), req.params.id);
    if (!found) throw notFound(req.params.id);
    const { items, ...summary } = found;
    res.json({ ...summary, turns: items });
  });

  router.patch('/conversations/:id', async (req, res) => {
    const parsed = Rename.safeParse(req.body);
    if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? 'Send {"title": "..."}.', 400);
    if (!(await p.storage.conversations.rename(p.owner(req, res), req.params.id, parsed.data.title, p.clock()))) throw notFound(req.params.id);
    res.json({ id: req.params.id, title: parsed.data.title });
  });

  router.delete('/conversations/:id', async (req, res) => {
    if (!(await p.storage.conversations.remove(p.owner(req, res), req.params.id))) throw notFound(req.params.id);
    res.status(204).end();
  });

  return router;
}
