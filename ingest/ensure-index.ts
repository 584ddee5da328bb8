import { corpusChanges, describeChanges, hasChanges } from './corpus-changes.js';
import type { IngestSummary } from './ingest.js';
import type { IngestConfig } from '../server/shared/config/ingest-config.js';
import { indexExists } from '../server/shared/index-format/load-index.js';

export type EnsureIndexEvent = { kind: 'missing' } | { kind: 'corpus_changed'; changes: string };

/**
 * Entry points (npm start, ask, eval): build the index when there is none, and re-ingest (incrementally)
 * when corpus/ changed since it was built, saying what changed. A broken index is not rebuilt here —
 * loading it reports the damaged file instead.
 */
export async function ensureIndex(config: IngestConfig, onBuild?: (event: EnsureIndexEvent) => void): Promise<IngestSummary | undefined> {
  if (!indexExists(config.indexDir)) {
    onBuild?.({ kind: 'missing' });
    return runIngestLazily(config);
  }
  const changes = await corpusChanges(config.corpusDir, config.indexDir);
  if (!changes || !hasChanges(changes)) return undefined;
  onBuild?.({ kind: 'corpus_changed', changes: describeChanges(changes) });
  return runIngestLazily(config);
}

/** Ingest's modules (hnswlib, the format parsers) are loaded only when an index must be built, not at every start. */
async function runIngestLazily(config: IngestConfig): Promise<IngestSummary> {
  const { runIngest } = await import('./ingest.js');
  return runIngest({ config });
}
