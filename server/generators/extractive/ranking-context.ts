import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * ranking-context.json, written by `npm run fit:bm25`: what a sentence's surroundings lend it in the answerer's
 * first-stage ranking. `weight`: how much the coverage counting its neighbours' words counts (0: off).
 * `optionWeight`: the weight of a command-line option the question names, as a share of its heaviest word's
 * (sentence-evidence.ts, option-names.ts); absent, 0 (options count only through their words).
 */
export const RANKING_CONTEXT_FILE = path.join(import.meta.dirname, 'ranking-context.json');

export interface RankingContext {
  weight: number;
  optionWeight?: number;
}

let loaded: RankingContext | undefined;

/** The file, read once; all defaults (off) when it is absent. */
export function rankingContext(): RankingContext {
  loaded ??= existsSync(RANKING_CONTEXT_FILE) ? (JSON.parse(readFileSync(RANKING_CONTEXT_FILE, 'utf8')) as RankingContext) : { weight: 0 };
  return loaded;
}
