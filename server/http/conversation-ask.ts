/**
 * The answering step shared by POST /api/ask and /api/ask/stream: inside a stored conversation when
 * persistence is on (the response carries conversationId and messageId), plain otherwise.
 * Preparing comes first, so an unknown conversationId is a JSON 404 even on the stream route.
 */
import type { Request, Response } from 'express';
import type { Persistence } from '../core/persistence.js';
import type { Services } from '../core/services.js';
import type { AnswerOptions, AskResult, HistoryTurn } from '../core/types.js';
import type { OwnerResolver } from './middleware/request-owner.js';

export interface HttpPersistence extends Persistence {
  owner: OwnerResolver;
}

export type PreparedAnswer = (services: Services, options: AnswerOptions) => Promise<AskResult>;

export async function prepareAnswer(
  req: Request,
  res: Response,
  body: { question: string; history: HistoryTurn[]; conversationId?: string },
  persistence: HttpPersistence | undefined,
): Promise<PreparedAnswer> {
  if (!persistence) return (services, options) => services.answerService.answerQuestion(body.question, body.history, options);
  const turn = await persistence.conversations.prepare({
    owner: persistence.owner(req, res),
    question: body.question,
    conversationId: body.conversationId,
    history: body.history,
    source: 'web',
  });
  return (services, options) => persistence.conversations.answer(turn, services.answerService, options);
}
