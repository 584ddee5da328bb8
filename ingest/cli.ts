import { SingleBar, Presets } from 'cli-progress';
import { ConfigError } from '../server/shared/config/env-parsing.js';
import { loadIngestConfig } from '../server/shared/config/ingest-config.js';
import { runIngest } from './ingest.js';

/** `npm run ingest [-- --full]`: builds data/index from corpus/. Progress bar on a TTY, one summary line always. */
async function main(): Promise<void> {
  const config = loadIngestConfig(process.env);
  const full = process.argv.includes('--full');
  const bar = process.stderr.isTTY ? new SingleBar({ format: '{phase} [{bar}] {value}/{total}', stream: process.stderr }, Presets.shades_classic) : undefined;
  let phase = '';
  const summary = await runIngest({
    config,
    full,
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
      `${summary.sentences} sentences, ${summary.removedDocuments.length} removed, ${summary.seconds.toFixed(2)} s → ${config.indexDir}`,
  );
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `ingest failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
