import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { buildServices } from '../build-services.js';
import type { Services, ServicesHolder } from '../core/services.js';
import { AppError, isAppError } from '../shared/errors.js';

export interface ReloadSummary {
  documents: number;
  chunks: number;
  sentences: number;
  indexDir: string;
  seconds: number;
}

export interface ReloaderOptions {
  config: Config;
  holder: ServicesHolder;
  logger: Logger;
  /** How new Services are built (tests); defaults to buildServices over config.indexDir. */
  build?: (config: Config) => Promise<Services>;
}

export type Reload = (reason?: string) => Promise<ReloadSummary>;

/**
 * Reload = build a complete new Services from the index on disk, then swap `holder.current` in one
 * assignment. Requests already running keep the Services they started with (they read `current` once),
 * so nothing in flight fails; a reload that fails leaves the old Services serving.
 * Reloads run one at a time; calls during a reload share one follow-up reload, so the last
 * request always sees the index as it is on disk after it was made.
 */
export function createReloader({ config, holder, logger, build = (c) => buildServices({ config: c }) }: ReloaderOptions): Reload {
  let running: Promise<ReloadSummary> | undefined;
  let queued: Promise<ReloadSummary> | undefined;

  const run = async (reason: string): Promise<ReloadSummary> => {
    const started = performance.now();
    let next: Services;
    try {
      next = await build(config);
    } catch (error) {
      // The log gets everything (paths, causes); the client gets our own message only — never a path or a JS error.
      const message = isAppError(error) ? error.message : 'The index could not be loaded (details are in the server log).';
      const details = isAppError(error) ? error.details : undefined;
      logger.error({ reason, err: error, ...details }, `index reload failed, still serving the previous index: ${message}`);
      throw new AppError('index_unavailable', `Reload failed; still serving the previous index. ${message}`, 503);
    }
    holder.current = next;
    const { counts } = next.index.manifest;
    const summary = { ...counts, indexDir: next.index.dir, seconds: Number(((performance.now() - started) / 1000).toFixed(3)) };
    logger.info({ reason, ...summary }, 'index reloaded');
    return summary;
  };

  const start = (reason: string): Promise<ReloadSummary> => {
    running = run(reason).finally(() => {
      running = undefined;
    });
    return running;
  };

  return (reason = 'request') => {
    if (queued) return queued;
    if (running) {
      queued = running
        .catch(() => undefined)
        .then(() => {
          queued = undefined;
          return start(reason);
        });
      return queued;
    }
    return start(reason);
  };
}
