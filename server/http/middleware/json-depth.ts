import type { RequestHandler } from 'express';
import { AppError } from '../../shared/errors.js';

/** Far beyond any real body (an /api/ask body is 3 levels deep, an OpenAI chat body about 5). */
export const MAX_JSON_DEPTH = 32;

/** True when `value` nests arrays/objects deeper than `max`. Iterative, so no input can overflow the stack. */
export function exceedsDepth(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** After express.json: a deeply nested body is a 400, before any handler walks it. */
export const rejectDeepJson: RequestHandler = (req, _res, next) => {
  if (req.body !== undefined && exceedsDepth(req.body, MAX_JSON_DEPTH)) {
    next(new AppError('bad_request', `JSON body is nested too deeply (limit ${MAX_JSON_DEPTH} levels).`, 400));
    return;
  }
  next();
};
