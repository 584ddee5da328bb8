import { lstat, mkdir, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Puts a complete index (its files, byte for byte, e.g. a version downloaded from the shared store) at
 * `indexDir` the way ingest writes one (ingest/write-index.ts): a new `<name>.v…` directory, then one
 * atomic rename of the `<name>` symlink, so a reader sees the old index or the new one, never a mix.
 * Older versions are removed after the swap; an index already loaded in memory is unaffected.
 */
export async function installIndexFiles(indexDir: string, files: Array<{ name: string; content: Buffer }>): Promise<string> {
  const parent = path.dirname(path.resolve(indexDir));
  const base = path.basename(indexDir);
  await mkdir(parent, { recursive: true });
  const versionName = `${base}.v${Date.now()}-${process.pid}-installed`;
  const versionDir = path.join(parent, versionName);
  await mkdir(versionDir);
  try {
    for (const f of files) {
      if (f.name.includes('/') || f.name.startsWith('.')) throw new Error(`bad index file name "${f.name}"`);
      await writeFile(path.join(versionDir, f.name), f.content);
    }
    const link = path.join(parent, base);
    const existing = await lstat(link).catch(() => null);
    if (existing && !existing.isSymbolicLink()) await rename(link, path.join(parent, `${base}.v0-legacy-${Date.now()}`));
    const tmpLink = path.join(parent, `${base}.link-${process.pid}`);
    await rm(tmpLink, { force: true });
    await symlink(versionName, tmpLink);
    await rename(tmpLink, link);
  } catch (error) {
    await rm(versionDir, { recursive: true, force: true });
    throw error;
  }
  const current = await readlink(path.join(parent, base)).catch(() => versionName);
  for (const name of await readdir(parent)) {
    if ((name.startsWith(`${base}.v`) || name.startsWith(`${base}.link-`)) && name !== current && name !== versionName) {
      await rm(path.join(parent, name), { recursive: true, force: true });
    }
  }
  return versionDir;
}
