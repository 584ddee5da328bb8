import type { Logger } from 'pino';
import { extractDocument } from '../../ingest/formats/format-registry.js';
import { isExtractionError } from '../../ingest/formats/extraction-error.js';
import { runIngest } from '../../ingest/ingest.js';
import type { Config } from '../config.js';
import type { CheckDocument, RunIngest } from './document-library.js';

/**
 * What the document library needs from ingest/, bound at the entry point (like ensure-index.ts): the
 * same extractors the ingest uses, to refuse an unreadable upload before it lands in the corpus, and
 * the incremental ingest itself, run in this process.
 */
export function ingestBindings(config: Config, logger?: Logger): { check: CheckDocument; ingest: RunIngest } {
  const maxBytes = config.maxDocumentMb * 1024 * 1024;
  return {
    async check(name, bytes) {
      if (bytes.length > maxBytes) {
        return { failure: 'too_large', reason: `${(bytes.length / 1024 / 1024).toFixed(1)} MB is over the ${config.maxDocumentMb} MB limit (MAX_DOCUMENT_MB)` };
      }
      try {
        await extractDocument(name, bytes);
        return undefined;
      } catch (error) {
        if (isExtractionError(error)) return { failure: error.failure, reason: error.message };
        throw error;
      }
    },
    async ingest() {
      const summary = await runIngest({ config, onSkip: (s) => logger?.warn({ source: s.source }, `skipped ${s.source}: ${s.reason}`) });
      logger?.info({ documents: summary.documents, chunks: summary.chunks, embedded: summary.embeddedChunks, seconds: Number(summary.seconds.toFixed(2)) }, 'ingest for the document library done');
      return summary;
    },
  };
}
