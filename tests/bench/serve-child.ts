/**
 * A real server for the HTTP and memory benchmarks, in its own process: the production app
 * (createApp + buildServices) over INDEX_DIR, rate limiting off, on 127.0.0.1 with an ephemeral port.
 * Sends {port} when listening; answers 'rss' messages with its resident set size.
 */
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/http/app.js';
import { loadConfig } from '../../server/config.js';
import { buildServices } from '../../server/build-services.js';
import { createLogger } from '../../server/logger.js';

const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' });
const t0 = performance.now();
const services = await buildServices({ config });
const readySeconds = (performance.now() - t0) / 1000;
const app = createApp({ services: { current: services }, logger: createLogger('silent'), config });
const server = app.listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.address() as AddressInfo).port, readySeconds, chunks: services.index.chunks.length });
});
process.on('message', (m) => {
  if (m === 'rss') process.send!({ rss: process.memoryUsage().rss, peakRss: process.resourceUsage().maxRSS * 1024 });
});
process.on('disconnect', () => process.exit(0));
