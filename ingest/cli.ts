import { SingleBar, Presets } from 'cli-progress';
import { loadConfig, ConfigError } from '../server/config.js';
import { runIngest } from './ingest.js';

const USAGE = `Usage: npm run ingest [-- --full]

Builds the search index (INDEX_DIR, default data/index) from every file in the corpus (CORPUS_DIR,
default corpus/): .txt (any encoding), .md, .html/.htm, .pdf, .docx. Unchanged documents keep their
vectors; a running server picks the new index up by itself.

Options:
  --full      re-embed everything (ignore the previous index)
  -h, --help  print this help

A file that cannot be read (unsupported, empty, binary, encrypted, corrupt, over MAX_DOCUMENT_MB)
gets one warning line and is skipped; the rest is indexed. If the whole run fails, the previous
index keeps serving.`;

/** `npm run ingest [-- --full]`: builds data/index from corpus/. Progress bar on a TTY, one summary line always. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const unknown = args.filter((a) => a !== '--full');
  if (unknown.length > 0) {
    console.error(`ingest: unknown option ${unknown.join(' ')}\n\n${USAGE}`);
    process.exit(2);
  }
  const config = loadConfig(process.env);
  const full = args.includes('--full');
  const bar = process.stderr.isTTY ? new SingleBar({ format: '{phase} [{bar}] {value}/{total}', stream: process.stderr }, Presets.shades_classic) : undefined;
  let phase = '';
  const summary = await runIngest({
    config,
    full,
    onSkip: (skipped) => console.warn(`warning: skipped ${skipped.source}: ${skipped.reason}`),
    onProgress: (p, done, total) => {
      if (!bar) return;
      if (p !== phase) {
        if (phase) bar.stop();
        phase = p;
        bar.start(total, 0, { phase: p === 'embed' ? 'embedding' : 'indexing ' });
      }
      bar.update(done);
    },
  });
  bar?.stop();
  console.log(
    `ingest: ${summary.documents} documents, ${summary.chunks} chunks (${summary.embeddedChunks} embedded, ${summary.reusedChunks} reused), ` +
      `${summary.sentences} sentences, ${summary.removedDocuments.length} removed, ${summary.skipped.length} skipped, ` +
      `${summary.seconds.toFixed(2)} s → ${config.indexDir}`,
  );
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `ingest failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
