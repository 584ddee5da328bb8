import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { AnswerService } from './types.js';

/** What a request needs, swapped as one unit when the index is reloaded. */
export interface Services {
  index: LoadedIndex;
  answerService: AnswerService;
  embedderName: string;
  generatorName: string;
}

/**
 * A mutable box: adapters read `current` per request, reload replaces it atomically.
 * `current` is undefined while there is no index (→ 503 index_unavailable).
 */
export interface ServicesHolder {
  current: Services | undefined;
}
