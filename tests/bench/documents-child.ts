/**
 * One ingest of a real-document corpus in its own process (so its peak RSS is its own):
 * argv = corpusDir indexDir. Prints RESULT {seconds, documents, chunks, sentences, skipped, peakRssMb}.
 */
import { runIngest } from '../../ingest/ingest.js';
import { loadConfig } from '../../server/config.js';
import { emit, round } from './stats.js';

const [corpusDir, indexDir] = process.argv.slice(2);
const started = performance.now();
const summary = await runIngest({ config: loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, LOG_LEVEL: 'silent' }), full: true });
const seconds = (performance.now() - started) / 1000;
emit({
  seconds: round(seconds, 2),
  documents: summary.documents,
  chunks: summary.chunks,
  sentences: summary.sentences,
  skipped: summary.skipped.map((s) => `${s.source}: ${s.reason}`),
  // maxRSS is in KiB: the high-water mark of the whole process, parsing and indexing included.
  peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
});
