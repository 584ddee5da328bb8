/**
 * An ingest process that stops at the last moment before its new index version becomes current (every file
 * written, the symlink not yet swapped), says so on stdout and waits there until it is killed. Tests SIGKILL
 * it after that line, so "killed half-way" happens at a known point whatever the machine's speed.
 */
import { loadIngestConfig } from '../../server/shared/config/ingest-config.js';
import { runIngest } from '../../ingest/ingest.js';

// The pending promise alone would let Node exit; the timer keeps the process waiting for its SIGKILL.
setInterval(() => undefined, 1 << 30);
await runIngest({
  config: loadIngestConfig(process.env),
  hooks: {
    beforeCommit: () => {
      process.stdout.write('held before commit\n');
      return new Promise<void>(() => undefined);
    },
  },
});
process.stdout.write('committed (the hold did not hold)\n');
process.exit(3);
