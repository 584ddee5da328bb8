import { runIngest, type IngestSummary } from './ingest.js';
import type { IngestConfig } from '../server/shared/config/ingest-config.js';
import { indexExists } from '../server/shared/index-format/load-index.js';

/**
 * Entry points (npm start, ask, eval) on a fresh clone: build the index when there is none at all.
 * A broken index is not rebuilt here — loading it reports the damaged file instead.
 */
export async function ensureIndex(config: IngestConfig, onBuild?: () => void): Promise<IngestSummary | undefined> {
  if (indexExists(config.indexDir)) return undefined;
  onBuild?.();
  return runIngest({ config });
}
