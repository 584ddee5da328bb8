import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runIngest } from '../../ingest/ingest.js';
import { createApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { buildServices } from '../../server/core/build-services.js';
import type { ServicesHolder } from '../../server/core/services.js';
import { createDocumentLibrary, type DocumentLibrary } from '../../server/documents/document-library.js';
import { ingestBindings } from '../../server/documents/ingest-bindings.js';
import { createReloader } from '../../server/lifecycle/reload.js';
import { silentLogger } from '../../server/logger.js';
import { REPO_CORPUS } from './build-test-services.js';

export interface LibraryApp {
  app: ReturnType<typeof createApp>;
  holder: ServicesHolder;
  library: DocumentLibrary;
  config: Config;
  dir: string;
  /** Another app over the same library and index, with different settings (API keys). */
  appWith(env: Record<string, string>): ReturnType<typeof createApp>;
  cleanup(): Promise<void>;
}

/** The real app with the real document library over a temporary copy of the corpus, as main.ts wires it. */
export async function buildLibraryApp(env: Record<string, string> = {}): Promise<LibraryApp> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'library-'));
  await cp(REPO_CORPUS, path.join(dir, 'corpus'), { recursive: true });
  const base = { CORPUS_DIR: path.join(dir, 'corpus'), INDEX_DIR: path.join(dir, 'index'), RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' };
  const config = loadConfig({ ...base, ...env });
  await runIngest({ config });
  const holder: ServicesHolder = { current: await buildServices({ config }) };
  const logger = silentLogger();
  const reload = createReloader({ config, holder, logger });
  const library = createDocumentLibrary({ corpusDir: config.corpusDir, holder, reload, ...ingestBindings(config) });
  const appWith = (more: Record<string, string>) =>
    createApp({ services: holder, logger, config: loadConfig({ ...base, ...env, ...more }), reload, documents: library });
  return { app: appWith({}), holder, library, config, dir, appWith, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
