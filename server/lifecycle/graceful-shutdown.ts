import type { Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

export interface GracefulShutdownOptions {
  server: Server;
  logger: Logger;
  /** SHUTDOWN_GRACE_MS: how long in-flight requests and streams may run on after the signal. */
  graceMs: number;
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
}

/** Signals this soon after the first are the same request delivered twice (see below). */
export const DUPLICATE_SIGNAL_MS = 1000;

export interface GracefulShutdown {
  /** Starts the shutdown (what a signal does); resolves when the server has closed. */
  shutdown(reason: string): Promise<void>;
  readonly shuttingDown: boolean;
}

/**
 * On SIGTERM/SIGINT: stop accepting connections, let requests and SSE streams in flight finish (new
 * responses carry Connection: close, idle keep-alive sockets are closed as they go idle), then exit 0.
 * After graceMs the remaining connections are cut and the process exits 0 anyway (logged as a warning).
 * A second signal exits at once (unless it is the echo of the first, within DUPLICATE_SIGNAL_MS).
 */
export function installGracefulShutdown({
  server,
  logger,
  graceMs,
  exit = (code) => process.exit(code),
  signals = ['SIGTERM', 'SIGINT'],
}: GracefulShutdownOptions): GracefulShutdown {
  let shuttingDown = false;
  let closed: Promise<void> | undefined;

  // Responses not yet started when the shutdown begins, and all later ones, ask the client to drop the connection.
  const pending = new Set<ServerResponse>();
  const askToClose = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (shuttingDown) return askToClose(res);
    pending.add(res);
    res.once('finish', () => pending.delete(res));
    res.once('close', () => pending.delete(res));
  });

  const shutdown = (reason: string): Promise<void> => {
    if (closed) return closed;
    shuttingDown = true;
    for (const res of pending) askToClose(res);
    pending.clear();
    logger.info({ reason, graceMs }, 'shutting down: not accepting new connections, letting requests in flight finish');
    closed = new Promise<void>((resolve) => {
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      const deadline = setTimeout(() => {
        logger.warn({ graceMs }, 'grace period over: closing the connections still open');
        server.closeAllConnections();
      }, graceMs);
      server.close(() => {
        clearInterval(sweep);
        clearTimeout(deadline);
        logger.info('all connections closed; exiting');
        resolve();
        exit(0);
      });
      server.closeIdleConnections();
    });
    return closed;
  };

  // Ctrl-C under `npm start` arrives twice: the terminal signals the whole process group (npm and the
  // server) and npm forwards its copy. A repeat within this window is that echo, not a second request.
  let firstSignalAt = 0;
  for (const signal of signals) {
    process.on(signal, () => {
      if (shuttingDown && Date.now() - firstSignalAt < DUPLICATE_SIGNAL_MS) return;
      if (shuttingDown) {
        logger.warn({ signal }, 'second signal during shutdown: exiting now');
        exit(1);
        return;
      }
      firstSignalAt = Date.now();
      void shutdown(signal);
    });
  }

  return {
    shutdown,
    get shuttingDown() {
      return shuttingDown;
    },
  };
}
