import type { Logger } from 'pino';
import type { CorpusDocument } from '../ingest/load-corpus.js';
import { isExtractionError } from '../ingest/formats/extraction-error.js';
import type { Config } from './config.js';
import type { CheckDocument, RunIngest } from './documents/document-library.js';

/**
 * What the document library needs from ingest/, bound at the entry point (like ensure-index.ts): the
 * same extractors the ingest uses, to refuse an unreadable upload before it lands in the corpus, and
 * the incremental ingest itself, run in this process. Ingest's modules (the document parsers, hnswlib's
 * writer, CC-CEDICT) are imported at the first upload, not by a server that only answers.
 */
export function ingestBindings(config: Config, logger?: Logger): { check: CheckDocument; ingest: RunIngest } {
  const maxBytes = config.maxDocumentMb * 1024 * 1024;
  // Upload checks' extractions, handed to the ingest that follows (a PDF is parsed once, not twice).
  // A few at most: uploads checked at the same time, waiting for their turn in the library's queue.
  const checked = new Map<string, CorpusDocument>();
  return {
    async check(name, bytes) {
      if (bytes.length > maxBytes) {
        return { failure: 'too_large', reason: `${(bytes.length / 1024 / 1024).toFixed(1)} MB is over the ${config.maxDocumentMb} MB limit (MAX_DOCUMENT_MB)` };
      }
      try {
        const { readDocument } = await import('../ingest/load-corpus.js');
        const doc = await readDocument(name, bytes);
        checked.set(`${name}\0${doc.hash}`, doc);
        while (checked.size > 4) checked.delete(checked.keys().next().value!);
        return undefined;
      } catch (error) {
        if (isExtractionError(error)) return { failure: error.failure, reason: error.message };
        throw error;
      }
    },
    async ingest() {
      const { runIngest } = await import('../ingest/ingest.js');
      const summary = await runIngest({
        config,
        onSkip: (s) => logger?.warn({ source: s.source }, `skipped ${s.source}: ${s.reason}`),
        known: (source, hash) => {
          const doc = checked.get(`${source}\0${hash}`);
          checked.delete(`${source}\0${hash}`);
          return doc;
        },
      });
      logger?.info({ documents: summary.documents, chunks: summary.chunks, embedded: summary.embeddedChunks, seconds: Number(summary.seconds.toFixed(2)) }, 'ingest for the document library done');
      return summary;
    },
  };
}
