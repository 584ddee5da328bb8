import { readFile, writeFile } from 'node:fs/promises';

/**
 * What a fit script gathers by answering every bank question (calibrate's decision rows, fit:ranking's candidate
 * features), or the same read back from a file an earlier run saved: `--<load> f.json` reads it (refused when it
 * was saved with another feature list: collect again), `--<save> f.json` writes what was collected. The file is
 * `{ features, <key>: items }`.
 */
export async function savedOrCollected<T>(
  args: readonly string[],
  options: { load: string; save: string; key: string; features: readonly string[] },
  collect: () => Promise<T[]>,
): Promise<T[]> {
  const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const saved = valueOf(options.load);
  if (saved) {
    const file = JSON.parse(await readFile(saved, 'utf8')) as { features: string[] } & Record<string, T[]>;
    if (file.features.join() !== options.features.join()) throw new Error(`${saved} was saved with other features; collect again`);
    return file[options.key];
  }
  const items = await collect();
  const out = valueOf(options.save);
  if (out) await writeFile(out, JSON.stringify({ features: options.features, [options.key]: items }) + '\n');
  return items;
}
