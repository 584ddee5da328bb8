import path from 'node:path';
import { fittedFile } from '../../shared/fitted-file.js';

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

/** The file, read once; all defaults (off) when it is absent. */
export const rankingContext = fittedFile<RankingContext>(RANKING_CONTEXT_FILE, { weight: 0 });
