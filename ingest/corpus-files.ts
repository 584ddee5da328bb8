import { readdir } from 'node:fs/promises';
import path from 'node:path';

/*
 * Which files make up the corpus, apart from reading them (load-corpus.ts): `npm start` and the quick
 * look-up check for changes at every start and must not load the document parsers to do it.
 */

/** Every file under dir except hidden ones (dot files and folders: .uploads, .git, editors' swap files). */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => !entry.name.startsWith('.'))
      .map(async (entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return listFiles(full);
        return entry.isFile() ? [full] : [];
      }),
  );
  return files.flat().sort();
}

/**
 * The corpus's own settings file, not a document: the per-corpus glossary of names and aliases that the
 * answerer reads (server/core/glossary.ts). Only at the corpus root.
 */
export const CORPUS_SETTINGS_FILES = new Set(['glossary.json']);

/** Corpus files as sources (relative, forward slashes), hidden files and the settings files excluded, sorted. */
export async function listCorpusFiles(corpusDir: string): Promise<string[]> {
  return (await listFiles(corpusDir)).map((file) => path.relative(corpusDir, file).split(path.sep).join('/')).filter((source) => !CORPUS_SETTINGS_FILES.has(source));
}
