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
    files.map(async (f) => {
      const { cases } = JSON.parse(await readFile(f, 'utf8')) as { cases?: BankSet['cases'] };
      // Every JSON file directly under tests/fixtures is a question file; other fixtures live in subfolders (fits/).
      if (!Array.isArray(cases)) throw new Error(`${path.relative(root, f)} is not a question file (no "cases"): keep other fixtures in a subfolder`);
      return { name: `fixtures/${path.basename(f, '.json')}`, corpus: 'article', cases };
    }),
  );
}
