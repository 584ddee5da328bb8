import path from 'node:path';
import type { Server } from 'node:http';
import { loadConfig, ConfigError } from './config.js';
import { createApp } from './http/app.js';
import { buildServices } from './build-services.js';
import type { ServicesHolder } from './core/services.js';
import { isAppError } from './shared/errors.js';
import { createLogger } from './logger.js';
import { analyzeText } from './shared/text/tokenizer.js';
import { ensureIndex } from '../ingest/ensure-index.js';
import { failStartup, installServerLifecycle, logProcessFaults } from './lifecycle/process-lifecycle.js';
import { createReloader } from './lifecycle/reload.js';
import { startedByPackageManager, stopWhenParentExits } from './lifecycle/parent-watch.js';
import { createDocumentLibrary, type DocumentLibrary } from './documents/document-library.js';
import { ingestBindings } from './ingest-bindings.js';
import { watchIndex } from './lifecycle/index-watcher.js';
import { createReadiness } from './lifecycle/readiness.js';
import type { SharedReplica } from './lifecycle/shared-replica.js';
import type { GracefulShutdown } from './lifecycle/graceful-shutdown.js';
import { createPersistence, type Persistence } from './core/persistence.js';

/**
 * `npm start`: builds the index if it is missing (or the corpus changed), loads it once, serves on PORT.
 * With DATABASE_URL the process is one stateless replica: its index comes from the shared store.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  logProcessFaults(logger);

  const holder: ServicesHolder = { current: undefined };
  const reload = createReloader({ config, holder, logger });
  const bindings = ingestBindings(config, logger);
  let shared: SharedReplica | undefined;
  let documents: DocumentLibrary;
  let stopWatching = () => {};
  if (config.sharedStore) {
    // Stateless replica: the index comes from the shared store (built here or by another replica).
    const { url, pollMs } = config.sharedStore;
    // Loaded only for a replica (pg, the corpus store): a single server never needs them.
    const [{ startSharedReplica }, { createSharedDocumentLibrary }] = await Promise.all([import('./lifecycle/shared-replica.js'), import('./documents/shared-document-library.js')]);
    shared = await startSharedReplica({
      databaseUrl: url,
      pollMs,
      corpusDir: config.corpusDir,
      indexDir: config.indexDir,
      reload,
      // Ingest's modules are loaded only when this replica builds a version.
      ingest: async (corpusDir, indexDir) =>
        (await import('../ingest/ingest.js')).runIngest({ config: { ...config, corpusDir, indexDir }, onSkip: (s) => logger.warn({ source: s.source }, `skipped ${s.source}: ${s.reason}`) }),
      logger,
    }).catch((error: unknown) => failStartup(logger, 'the shared store (DATABASE_URL) cannot be used', error));
    documents = createSharedDocumentLibrary({
      store: shared.store,
      sync: shared.sync,
      holder,
      check: bindings.check,
      uploadDir: `${path.resolve(config.indexDir)}.uploads`,
      waitMs: config.requestTimeoutMs,
    });
  } else {
    const built = await ensureIndex(config, (event) =>
      event.kind === 'missing'
        ? logger.info({ indexDir: config.indexDir, corpusDir: config.corpusDir }, 'no index found: building it now')
        : logger.info({ corpusDir: config.corpusDir, changes: event.changes }, `corpus changed since the index was built (${event.changes}): re-ingesting`),
    ).catch((error: unknown) =>
      failStartup(logger, `no index at ${config.indexDir} and building it from ${config.corpusDir} failed (fix the corpus, then run \`npm run ingest\`)`, error),
    );
    if (built) {
      for (const s of built.skipped) logger.warn({ source: s.source }, `skipped ${s.source}: ${s.reason}`);
      logger.info({ documents: built.documents, chunks: built.chunks, skipped: built.skipped.length, seconds: Number(built.seconds.toFixed(2)) }, 'index built');
    }
    try {
      holder.current = await buildServices({ config });
    } catch (error) {
      failStartup(logger, isAppError(error) && error.code === 'index_unavailable' ? 'the index cannot be loaded' : 'the services cannot be built', error);
    }
    documents = createDocumentLibrary({ corpusDir: config.corpusDir, holder, reload, ...bindings });
    // A new index version (npm run ingest in another terminal, another server's upload) is picked up by itself.
    stopWatching = watchIndex({ indexDir: config.indexDir, holder, reload, logger, intervalMs: config.indexPollMs }).stop;
  }
  if (!holder.current) failStartup(logger, 'no index is loaded', new Error('the shared store has no index version yet'));
  const { counts } = holder.current.index.manifest;
  logger.info({ ...counts, embedder: holder.current.embedderName, generator: holder.current.generatorName }, 'index loaded');

  // Conversations, feedback and Slack dedupe: a database that cannot be opened or migrated stops start-up
  // with one line naming the file or server; once running, storage failures only degrade (never fail answers).
  let persistence: Persistence | undefined;
  if (config.storage) {
    const [{ openStorage }, { scheduleStorageMaintenance }] = await Promise.all([import('./storage/storage.js'), import('./lifecycle/storage-maintenance.js')]);
    const storage = await openStorage(config.storage.target).catch((error: unknown) => failStartup(logger, 'the conversation database cannot be used', error));
    persistence = createPersistence(storage, logger);
    scheduleStorageMaintenance(storage, config.storage.retentionDays, logger);
    logger.info({ dialect: storage.dialect, where: storage.where, retentionDays: config.storage.retentionDays }, 'conversation storage ready');
  }

  let lifecycle: GracefulShutdown | undefined;
  const readiness = createReadiness({
    holder,
    pingDatabase: shared ? () => shared.store.ping() : undefined,
    indexVersion: shared ? () => shared.sync.served()?.version : undefined,
    draining: () => lifecycle?.shuttingDown ?? false,
  });
  const slack = config.slack
    ? (await import('./slack/slack-adapter.js')).createSlackAdapter({ services: holder, config: config.slack, logger, answerTimeoutMs: config.requestTimeoutMs, persistence })
    : undefined;
  const app = createApp({ services: holder, logger, config, reload, slack, readiness, rateLimitStore: shared?.rateLimitStore, persistence, documents });
  const server: Server = app.listen(config.port, config.host, (error?: Error) => {
    if (error) return; // reported by installServerLifecycle's 'error' handler (clear message, exit 1)
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
    const url = `http://${host}:${port}`;
    logger.info({ pid: process.pid, url }, `listening on ${url} (pid ${process.pid}: SIGHUP reloads the index, SIGTERM or SIGINT stops)`);
    logger.info({ slack: Boolean(config.slack) }, `Slack bot ${config.slack ? 'on at POST /slack/events' : 'off (set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to enable)'}`);
    // Checks the bot token early; never fatal (the adapter retries on the first event).
    if (slack) void slack.identity().then((id) => logger.info(id, id.botUserId ? 'Slack bot identity confirmed' : 'Slack auth.test failed; will retry on the first event'));
    console.log(`Corpus assistant ready: ${url} (pid ${process.pid})`);
    // jieba's dictionary loads at the first Chinese text (~0.1-0.2 s): load it right after listening, so
    // start-up is not delayed by it and the first question does not wait for it either.
    setImmediate(() => analyzeText('词典'));
  });
  lifecycle = installServerLifecycle({ server, config, logger, reload });
  server.on('close', () => {
    stopWatching();
    shared?.sync.stop();
  });
  const stopOnOrphan = lifecycle;
  if (startedByPackageManager(process.env)) stopWhenParentExits({ logger, onOrphaned: () => void stopOnOrphan.shutdown('parent exited') });
}

main().catch((error: unknown) => failStartup(undefined, 'unexpected start-up error', error));
