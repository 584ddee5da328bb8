/**
 * A real server for the HTTP and memory benchmarks, in its own process: the production app
 * (createApp + buildServices) over INDEX_DIR, rate limiting off, on 127.0.0.1 with an ephemeral port.
 * Conversations are stored only when PERSISTENCE=on is passed explicitly (the persistence bench), in
 * DATABASE_FILE or DATABASE_URL, so the other benchmarks measure answering alone.
 * Sends {port} when listening; answers 'rss' messages with its resident set size.
 */
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { buildServices } from '../../server/core/build-services.js';
import { createPersistence } from '../../server/core/persistence.js';
import { createLogger } from '../../server/logger.js';
import { openStorage } from '../../server/storage/storage.js';

const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' });
const t0 = performance.now();
const services = await buildServices({ config });
const readySeconds = (performance.now() - t0) / 1000;
const logger = createLogger('silent');
const persistence = process.env.PERSISTENCE === 'on' && config.storage ? createPersistence(await openStorage(config.storage.target), logger) : undefined;
const app = createApp({ services: { current: services }, logger, config, persistence });
const server = app.listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.address() as AddressInfo).port, readySeconds, chunks: services.index.chunks.length });
});
process.on('message', (m) => {
  if (m === 'rss') process.send!({ rss: process.memoryUsage().rss, peakRss: process.resourceUsage().maxRSS * 1024 });
});
process.on('disconnect', () => process.exit(0));
