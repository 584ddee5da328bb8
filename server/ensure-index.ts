import { corpusChanges, describeChanges, hasChanges } from '../ingest/corpus-changes.js';
import { runIngest, type IngestSummary } from '../ingest/ingest.js';
import type { Config } from './config.js';
import { indexExists } from './index-store/load-index.js';

export type EnsureIndexEvent = { kind: 'missing' } | { kind: 'corpus_changed'; changes: string };

/**
 * Entry points (npm start, ask, eval): build the index when there is none, and re-ingest (incrementally)
 * when corpus/ changed since it was built, saying what changed. A broken index is not rebuilt here —
 * loading it reports the damaged file instead.
 */
export async function ensureIndex(config: Config, onBuild?: (event: EnsureIndexEvent) => void): Promise<IngestSummary | undefined> {
  if (!indexExists(config.indexDir)) {
    onBuild?.({ kind: 'missing' });
    return runIngest({ config });
  }
  const changes = await corpusChanges(config.corpusDir, config.indexDir);
  if (!changes || !hasChanges(changes)) return undefined;
  onBuild?.({ kind: 'corpus_changed', changes: describeChanges(changes) });
  return runIngest({ config });
}
