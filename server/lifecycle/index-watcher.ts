import { realpath } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { ServicesHolder } from '../core/services.js';
import type { Reload } from './reload.js';

export interface IndexWatcherOptions {
  /** The `data/index` symlink the ingest swaps atomically to a new version directory. */
  indexDir: string;
  holder: ServicesHolder;
  reload: Reload;
  logger: Logger;
  /** 0 disables the watcher. */
  intervalMs: number;
}

/**
 * Notices a new index version by itself: every intervalMs it resolves the index symlink (one readlink,
 * no file reads) and reloads when it points elsewhere than the loaded index. A version that fails to
 * load is not retried until the link moves again; the old index keeps serving meanwhile. Polling, not
 * fs.watch: a symlink swapped by rename is reported unreliably across filesystems, a readlink never is.
 */
export function watchIndex({ indexDir, holder, reload, logger, intervalMs }: IndexWatcherOptions): { stop: () => void; check: () => Promise<void> } {
  let failedTarget: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const check = async () => {
    const target = await realpath(indexDir).catch(() => undefined);
    if (!target || target === holder.current?.index.dir || target === failedTarget) return;
    try {
      await reload('new index version on disk');
      failedTarget = undefined;
    } catch {
      failedTarget = target; // logged by the reloader
    }
  };

  const schedule = () => {
    if (stopped || intervalMs <= 0) return;
    timer = setTimeout(() => {
      check()
        .catch((error) => logger.warn({ err: error }, 'index watcher check failed'))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    check,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
