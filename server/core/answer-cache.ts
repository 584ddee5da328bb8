import type { AskResult, HistoryTurn } from './types.js';

/**
 * Least-recently-used answers per loaded index. The index is immutable until a reload, which builds
 * new Services (and so a new, empty cache), and the offline answerer is deterministic, so a repeated
 * question — a team's FAQ, a Slack retry, a page reload — needs no second computation.
 */
export interface AnswerCache {
  get(question: string, history: HistoryTurn[]): AskResult | undefined;
  set(question: string, history: HistoryTurn[], result: AskResult): void;
}

const keyOf = (question: string, history: HistoryTurn[]) =>
  JSON.stringify([question.normalize('NFKC').trim(), history.map((t) => [t.role, t.content])]);

export function createAnswerCache(capacity: number): AnswerCache | undefined {
  if (capacity <= 0) return undefined;
  const entries = new Map<string, AskResult>();
  return {
    get(question, history) {
      const key = keyOf(question, history);
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key); // re-insert: Map order is the recency order
        entries.set(key, hit);
      }
      return hit;
    },
    set(question, history, result) {
      if (result.degraded) return; // a fallback answer should not outlive the outage
      const key = keyOf(question, history);
      entries.delete(key);
      entries.set(key, result);
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
  };
}
