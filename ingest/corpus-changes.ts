import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { INDEX_FILES, type Manifest } from '../server/shared/index-format/index-format.js';
import { listCorpusFiles } from './corpus-files.js';
import { PIPELINE_VERSION } from './vector-reuse.js';

export interface CorpusChanges {
  added: string[];
  removed: string[];
  changed: string[];
  /** Set when the index was built by another version of the extract/split pipeline (its text may differ). */
  pipeline?: { index: number | undefined; current: number };
}

export const hasChanges = (c: CorpusChanges) => c.added.length + c.removed.length + c.changed.length > 0 || c.pipeline !== undefined;

/** "2 added (a.pdf, b.md), 1 removed (old.txt)": what `npm start` says before re-ingesting. */
export function describeChanges(c: CorpusChanges): string {
  const part = (n: string[], what: string) => (n.length ? `${n.length} ${what} (${n.slice(0, 5).join(', ')}${n.length > 5 ? ', …' : ''})` : '');
  const pipeline = c.pipeline ? `the index was built by pipeline version ${c.pipeline.index ?? '?'}, this code reads files with version ${c.pipeline.current}` : '';
  return [part(c.added, 'added'), part(c.changed, 'changed'), part(c.removed, 'removed'), pipeline].filter(Boolean).join(', ');
}

/**
 * How the corpus differs from what the index was built from: files added, removed, or whose bytes
 * changed (sha256, the hash the ingest records). Files the ingest skipped count as known, so a file
 * that cannot be read does not trigger a re-ingest on every start. Undefined when the manifest is unreadable.
 */
export async function corpusChanges(corpusDir: string, indexDir: string): Promise<CorpusChanges | undefined> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(path.join(indexDir, INDEX_FILES.manifest), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  const known = new Map<string, { hash?: string; bytes?: number }>();
  for (const d of manifest.documents) known.set(d.source, { hash: d.hash });
  for (const s of manifest.skipped ?? []) known.set(s.source, { hash: s.hash, bytes: s.bytes });
  const sources = await listCorpusFiles(corpusDir).catch(() => [] as string[]);
  const changes: CorpusChanges = { added: [], removed: [], changed: [] };
  for (const source of sources) {
    const before = known.get(source);
    known.delete(source);
    if (!before) {
      changes.added.push(source);
      continue;
    }
    const file = path.join(corpusDir, source);
    if (before.hash) {
      const hash = createHash('sha256').update(await readFile(file)).digest('hex');
      if (hash !== before.hash) changes.changed.push(source);
    } else if ((await stat(file)).size !== before.bytes) changes.changed.push(source);
  }
  changes.removed.push(...known.keys());
  if (manifest.pipeline?.version !== PIPELINE_VERSION) changes.pipeline = { index: manifest.pipeline?.version, current: PIPELINE_VERSION };
  return changes;
}
