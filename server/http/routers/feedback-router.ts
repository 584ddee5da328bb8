/**
 * POST /api/feedback {messageId, rating: "up"|"down", comment?}: one rating per answer and owner, the
 * last one wins. Only answers in the owner's own conversations can be rated (others are 404).
 */
import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { HttpPersistence } from '../conversation-ask.js';

export const MAX_COMMENT_CHARS = 2000;

const Feedback = z.object({
  messageId: z.string().min(1).max(100),
  rating: z.enum(['up', 'down'], { error: 'rating must be "up" or "down"' }),
  comment: z
    .string()
    .max(MAX_COMMENT_CHARS, `comment may hold at most ${MAX_COMMENT_CHARS} characters`)
    .nullish()
    .transform((c) => (c?.trim() ? c.trim() : null)),
});

export function createFeedbackRouter(p: HttpPersistence): Router {
  const router = Router();
  router.post('/feedback', async (req, res) => {
    const parsed = Feedback.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('invalid_feedback', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`, 400);
    }
    const owner = p.owner(req, res);
    const { messageId, rating, comment } = parsed.data;
    const stored = await p.storage.feedback.give({ messageId, owner, rating, comment, at: p.clock() }, { conversationOwner: owner });
    if (!stored) throw new AppError('not_found', `No answer with messageId "${messageId}".`, 404);
    res.json({ messageId, rating, comment });
  });
  return router;
}
