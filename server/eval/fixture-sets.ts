import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BankSet } from './bank.js';

/**
 * The article's older question files (tests/fixtures, shared/eval/qa-dev.json: several hundred questions
 * over the same text as the bank's article corpus) as sets of the bank's "article" corpus, for the fitting
 * scripts; leave-one-corpus-out holds them out with the rest of the article.
 */
export async function fixtureSets(): Promise<BankSet[]> {
  const root = path.resolve(import.meta.dirname, '../..');
  const files = (await readdir(path.join(root, 'tests/fixtures'))).filter((f) => f.endsWith('.json')).map((f) => path.join(root, 'tests/fixtures', f));
  const dev = path.resolve(root, '../shared/eval/qa-dev.json');
  if (existsSync(dev)) files.push(dev);
  return Promise.all(
    files.map(async (f) => ({ name: `fixtures/${path.basename(f, '.json')}`, corpus: 'article', cases: (JSON.parse(await readFile(f, 'utf8')) as { cases: BankSet['cases'] }).cases })),
  );
}
