/**
 * What the server's resident memory is made of: loads the compiled server layer by layer in a fresh plain
 * node process (`node --expose-gc tests/bench/memory-layers.mjs <indexDir>`), a GC and an RSS reading after
 * each, then — for comparison — what the packages it no longer loads up front would add.
 * Prints `RESULT {layers: [{layer, rssMb, deltaMb, heapMb, externalMb}]}` (stats.ts's runChild protocol).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const DIST = path.resolve(import.meta.dirname, '../../dist');
const dist = (p) => import(pathToFileURL(path.join(DIST, p)).href);
const indexDir = process.argv[2];
const layers = [];
let last = 0;
function measure(layer) {
  for (let i = 0; i < 3; i++) global.gc?.();
  const m = process.memoryUsage();
  const rssMb = m.rss / 2 ** 20;
  layers.push({ layer, rssMb: +rssMb.toFixed(1), deltaMb: +(rssMb - last).toFixed(1), heapMb: +(m.heapUsed / 2 ** 20).toFixed(1), externalMb: +(m.external / 2 ** 20).toFixed(1) });
  last = rssMb;
}

measure('node itself');
const { loadConfig } = await dist('server/config.js');
const config = loadConfig({ ...process.env, INDEX_DIR: indexDir, LOG_LEVEL: 'silent' });
measure('config (zod, bundled)');
const { createLogger } = await dist('server/logger.js');
const { createApp } = await dist('server/http/app.js');
measure('HTTP stack: express, helmet, rate limit, pino, pino-http');
const { buildServices } = await dist('server/build-services.js');
const services = await buildServices({ config });
const app = createApp({ services: { current: services }, logger: createLogger('silent'), config });
measure('index loaded + BM25 postings + services (hnswlib, @langchain/core embeddings base)');
const { openStorage } = await dist('server/storage/storage.js');
const storageDir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-memory-'));
const storage = await openStorage({ dialect: 'sqlite', file: path.join(storageDir, 'conversations.sqlite') });
measure('conversation storage (kysely, better-sqlite3), opened and migrated');
await services.answerService.answerQuestion('沐曦股份的估值是多少?', []);
measure("first question: jieba's dictionary");
for (let i = 0; i < 3; i++) await services.answerService.answerQuestion(`摩尔线程有多少名员工?${'?'.repeat(i)}`, []);
measure('more questions (caches, JIT)');
await services.answerService.answerQuestion('摩爾線程有多少員工?', []);
measure('a traditional-character question: OpenCC t→cn converter');
void app;
await storage.close();
await rm(storageDir, { recursive: true, force: true });
// Not loaded by the default configuration any more:
await import('@langchain/openai');
measure('(if GENERATOR or EMBEDDINGS=openai) @langchain/openai');
await import('@slack/bolt');
measure('(if Slack is configured) @slack/bolt');
await import('opencc-js');
measure("(before: opencc-js's default build, both directions)");
process.stdout.write(`RESULT ${JSON.stringify({ layers })}\n`);
