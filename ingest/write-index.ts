import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HierarchicalNSW } from 'hnswlib-node';
import { INDEX_FILES, type Manifest, type Segments, type StoredDocument } from '../server/shared/index-format/index-format.js';
import { encodeLexicon, type LexiconFile } from '../server/shared/index-format/lexicon-file.js';
import { encodeTermTable, type TermTable } from '../server/shared/index-format/term-table.js';
import { processIsAlive } from './ingest-lock.js';

export interface IndexContents {
  manifest: Omit<Manifest, 'files'>;
  documents: StoredDocument[];
  segments: Segments;
  terms: TermTable;
  vocab: string[];
  lexicon: LexiconFile;
  vectors: HierarchicalNSW;
}

export interface CleanupScope {
  /**
   * Version directories stamped at or after this time (ms) are never removed: they belong to a run
   * that started after ours. The ingest passes the time it took the lock.
   */
  olderThanMs: number;
  /** Test seam: is this pid alive on this host? */
  isAlive?: (pid: number) => boolean;
}

export interface WriteHooks {
  /** Test seam: runs after the new version is fully written, before it becomes current. */
  beforeCommit?: () => void | Promise<void>;
}

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

/**
 * Writes a new index version next to `indexDir` and makes it current with one atomic rename of a
 * symlink: a reader sees either the old index or the new one, and an ingest that fails or is killed
 * at any point leaves the old one in place. `indexDir` itself is a symlink to `<name>.v<timestamp>`.
 */
export async function writeIndexAtomically(
  indexDir: string,
  contents: IndexContents,
  hooks: WriteHooks = {},
  cleanup: CleanupScope = { olderThanMs: Date.now() },
): Promise<string> {
  const parent = path.dirname(path.resolve(indexDir));
  const base = path.basename(indexDir);
  await mkdir(parent, { recursive: true });
  const versionName = `${base}.v${Date.now()}-${process.pid}`;
  const versionDir = path.join(parent, versionName);
  await mkdir(versionDir);

  try {
    const files: Manifest['files'] = {};
    const put = async (name: string, buf: Buffer) => {
      await writeFile(path.join(versionDir, name), buf);
      files[name] = { sha256: sha256(buf), bytes: buf.length };
    };
    await put(INDEX_FILES.documents, Buffer.from(JSON.stringify(contents.documents)));
    await put(INDEX_FILES.segments, Buffer.from(JSON.stringify(contents.segments)));
    await put(INDEX_FILES.vocab, Buffer.from(JSON.stringify(contents.vocab)));
    await put(INDEX_FILES.terms, encodeTermTable(contents.terms));
    await put(INDEX_FILES.lexicon, encodeLexicon(contents.lexicon));
    const vectorsPath = path.join(versionDir, INDEX_FILES.vectors);
    contents.vectors.writeIndexSync(vectorsPath);
    const { readFile } = await import('node:fs/promises');
    const vectorsBuf = await readFile(vectorsPath);
    files[INDEX_FILES.vectors] = { sha256: sha256(vectorsBuf), bytes: vectorsBuf.length };
    // The manifest goes last: a version directory without one is incomplete by definition. Its own
    // checksum (it holds everyone else's) follows it, in the format `sha256sum -c` reads.
    const manifest = Buffer.from(JSON.stringify({ ...contents.manifest, files }, null, 1));
    await writeFile(path.join(versionDir, INDEX_FILES.manifest), manifest);
    await writeFile(path.join(versionDir, INDEX_FILES.manifestChecksum), `${sha256(manifest)}  ${INDEX_FILES.manifest}\n`);

    await hooks.beforeCommit?.();
    await commitVersion(parent, base, versionName);
  } catch (error) {
    await rm(versionDir, { recursive: true, force: true });
    throw error;
  }
  await removeStaleVersions(parent, base, versionName, cleanup);
  return versionDir;
}

async function commitVersion(parent: string, base: string, versionName: string): Promise<void> {
  const link = path.join(parent, base);
  const existing = await lstat(link).catch(() => null);
  if (existing && !existing.isSymbolicLink()) {
    // A plain directory from elsewhere (copied in by hand): move it aside rather than delete it.
    await rename(link, path.join(parent, `${base}.v0-legacy-${Date.now()}`));
  }
  const tmpLink = path.join(parent, `${base}.link-${process.pid}`);
  await rm(tmpLink, { force: true });
  await symlink(versionName, tmpLink);
  await rename(tmpLink, link);
}

/** `<base>.v<ms>-<pid>` (a version) or `<base>.link-<pid>` (a link being swapped): what this module writes. */
function parseOurName(base: string, name: string): { stampMs?: number; pid: number } | undefined {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const version = new RegExp(`^${escaped}\\.v(\\d+)-(\\d+)$`).exec(name);
  if (version) return { stampMs: Number(version[1]), pid: Number(version[2]) };
  const link = new RegExp(`^${escaped}\\.link-(\\d+)$`).exec(name);
  if (link) return { pid: Number(link[1]) };
  return undefined;
}

/**
 * Removes older versions and leftovers of killed runs; keeps the current one. Never touches what this
 * module did not write (a `.v0-legacy-…` directory moved aside, anything else), a version stamped at or
 * after our own start, or an unfinished one whose writer is still running.
 */
async function removeStaleVersions(parent: string, base: string, keep: string, scope: CleanupScope): Promise<void> {
  const isAlive = scope.isAlive ?? processIsAlive;
  const current = await readlink(path.join(parent, base)).catch(() => keep);
  for (const name of await readdir(parent)) {
    if (name === current || name === keep) continue;
    const ours = parseOurName(base, name);
    if (!ours) continue;
    if (ours.stampMs !== undefined && ours.stampMs >= scope.olderThanMs) continue;
    // A live writer may still be filling it (an ingest without the lock); a finished version (its
    // manifest checksum is written last) from a live process — e.g. a server that built its own index — is superseded.
    const finished = existsSync(path.join(parent, name, INDEX_FILES.manifestChecksum));
    if (ours.pid !== process.pid && isAlive(ours.pid) && !finished) continue;
    await rm(path.join(parent, name), { recursive: true, force: true });
  }
}
