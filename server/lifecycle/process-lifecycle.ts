import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { isAppError } from '../shared/errors.js';
import { installGracefulShutdown, type GracefulShutdown } from './graceful-shutdown.js';
import type { Reload } from './reload.js';

/**
 * A start-up failure the operator must fix (bad config, broken index, port in use): one clear line on
 * stderr naming the cause and the fix, and exit code 1. No stack trace, and no automatic rebuild of an
 * index that exists but is broken (that would hide the corruption and loop on every restart).
 */
export function failStartup(logger: Logger | undefined, what: string, error: unknown): never {
  // The operator sees where: an AppError's message names files only (it can reach clients), its details hold the path.
  const where = isAppError(error) && typeof error.details?.path === 'string' ? ` (${error.details.path})` : '';
  const message = (isAppError(error) ? error.message : error instanceof Error ? error.message : String(error)) + where;
  logger?.fatal({ err: isAppError(error) ? error.details?.cause : error }, `${what}: ${message}`);
  console.error(`Cannot start: ${what}: ${message}`);
  process.exit(1);
}

/** Unhandled rejections and exceptions always reach the log (never silent). */
export function logProcessFaults(logger: Logger): void {
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception; exiting');
    console.error(`Fatal: uncaught exception: ${err?.stack ?? err}`);
    process.exit(1);
  });
}

export interface LifecycleOptions {
  server: Server;
  config: Config;
  logger: Logger;
  reload: Reload;
}

/** Server timeouts, SIGHUP → reload, SIGTERM/SIGINT → graceful shutdown, listen errors → clear exit 1. */
export function installServerLifecycle({ server, config, logger, reload }: LifecycleOptions): GracefulShutdown {
  // Slow clients may not hold a socket forever while sending their request (slowloris).
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = Math.min(60_000, config.requestTimeoutMs);
  server.on('error', (error: NodeJS.ErrnoException) => {
    const hint = error.code === 'EADDRINUSE' ? ` (port ${config.port} is taken: stop the other process or set PORT)` : '';
    failStartup(logger, `cannot listen on ${config.host}:${config.port}${hint}`, error);
  });
  process.on('SIGHUP', () => {
    logger.info('SIGHUP: reloading the index');
    reload('SIGHUP').catch(() => undefined); // already logged by the reloader; the old index keeps serving
  });
  return installGracefulShutdown({ server, logger, graceMs: config.shutdownGraceMs });
}
