import type { IngestSummary } from '../ingest/ingest.js';
import type { Config } from './config.js';
import { indexExists } from './index-store/load-index.js';

/**
 * Entry points (npm start, ask, eval) on a fresh clone: build the index when there is none at all.
 * A broken index is not rebuilt here — loading it reports the damaged file instead.
 */
export async function ensureIndex(config: Config, onBuild?: () => void): Promise<IngestSummary | undefined> {
  if (indexExists(config.indexDir)) return undefined;
  onBuild?.();
  // Ingest's modules are loaded only on this rare path, not at every start.
  const { runIngest } = await import('../ingest/ingest.js');
  return runIngest({ config });
}
