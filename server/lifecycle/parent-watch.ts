import type { Logger } from 'pino';

export interface ParentWatchOptions {
  logger: Logger;
  /** What to do when the parent is gone (the graceful shutdown). */
  onOrphaned: () => void;
  intervalMs?: number;
  /** Injected by tests. */
  parentPid?: () => number;
}

/**
 * `npm start` execs the server as npm's child. npm forwards SIGTERM and SIGINT to it but not SIGHUP:
 * `kill -HUP <npm's pid>` kills npm alone and would leave the server serving on its port with no
 * parent. So when a package manager started the server, it stops once its parent is gone (checked
 * every second; an unref'd timer that never keeps the process alive). Reloading is SIGHUP to the
 * server's own pid, which it logs at start.
 */
export function stopWhenParentExits({ logger, onOrphaned, intervalMs = 1000, parentPid = () => process.ppid }: ParentWatchOptions): () => void {
  const parent = parentPid();
  const timer = setInterval(() => {
    if (parentPid() === parent) return;
    clearInterval(timer);
    logger.warn(
      { parentPid: parent, pid: process.pid },
      `the process that started the server (pid ${parent}) is gone: shutting down (to reload the index, send SIGHUP to pid ${process.pid})`,
    );
    onOrphaned();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Whether npm (or another package manager running a package.json script) started this process. */
export const startedByPackageManager = (env: NodeJS.ProcessEnv): boolean => Boolean(env.npm_lifecycle_event);
