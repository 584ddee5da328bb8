import { cp, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/config.js';
import { buildServices } from '../../server/build-services.js';
import type { Services } from '../../server/core/services.js';
import type { Generator } from '../../server/core/generator.js';
import { runIngest } from '../../ingest/ingest.js';

export const REPO_CORPUS = path.resolve(import.meta.dirname, '../../corpus');
export const ARTICLE_ID = 'china-gpu-makers-burning-cash-2025-07-12';

export interface TestServices {
  services: Services;
  config: Config;
  dir: string;
  cleanup(): Promise<void>;
}

/**
 * Real Services over a temporary copy of the corpus (plus optional extra documents), ingested into a
 * temporary index: what tests use when they need real answers rather than a fake AnswerService.
 */
export async function buildTestServices(
  opts: { extraDocuments?: Record<string, string>; env?: Record<string, string>; generator?: (config: Config) => Generator | Promise<Generator> } = {},
): Promise<TestServices> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-test-'));
  const corpusDir = path.join(dir, 'corpus');
  await cp(REPO_CORPUS, corpusDir, { recursive: true });
  for (const [name, text] of Object.entries(opts.extraDocuments ?? {})) {
    await mkdir(path.dirname(path.join(corpusDir, name)), { recursive: true });
    await writeFile(path.join(corpusDir, name), text);
  }
  const config = loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: path.join(dir, 'index'), LOG_LEVEL: 'silent', ...opts.env });
  await runIngest({ config });
  const services = await buildServices({ config, generator: await opts.generator?.(config) });
  return { services, config, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
