import { SingleBar, Presets } from 'cli-progress';
import { loadConfig, ConfigError } from '../server/config.js';
import { IngestLockedError } from './ingest-lock.js';
import { runIngest } from './ingest.js';

/**
 * `npm run ingest [-- --full] [-- --no-wait]`: builds data/index from corpus/. Progress bar on a TTY, one summary
 * line always. Another ingest of the same index is waited for (one line says whom), or with --no-wait refused.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const full = process.argv.includes('--full');
  const noWait = process.argv.includes('--no-wait');
  const bar = process.stderr.isTTY ? new SingleBar({ format: '{phase} [{bar}] {value}/{total}', stream: process.stderr }, Presets.shades_classic) : undefined;
  let phase = '';
  const summary = await runIngest({
    config,
    full,
    lockWaitMs: noWait ? 0 : undefined,
    onLockWait: (owner) =>
      console.error(`ingest: waiting for another ingest${owner ? ` (pid ${owner.pid}, started ${owner.startedAt})` : ''} to finish…`),
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
  if (error instanceof IngestLockedError) console.error(`ingest: ${error.message}`);
  else console.error(error instanceof ConfigError ? error.message : `ingest failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
