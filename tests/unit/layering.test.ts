import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The house rules (.dependency-cruiser.cjs, `npm run lint`) hold for the real tree, and they are not a
 * check that cannot fail: probe files that break each rule, written into the real folders, are caught.
 */
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DEPCRUISE = path.join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const run = promisify(execFile);

async function cruise(...targets: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [DEPCRUISE, '--no-progress', ...targets], { cwd: REPO, timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const probes: string[] = [];
/** A fresh folder inside `parent` (a real folder of the tree), removed after the tests. */
function probeDir(parent: string): string {
  const dir = mkdtempSync(path.join(REPO, parent, 'layering-probe-'));
  probes.push(dir);
  return dir;
}
const rel = (file: string) => path.relative(REPO, file).split(path.sep).join('/');

afterAll(() => {
  for (const dir of probes) rmSync(dir, { recursive: true, force: true });
});

describe('layering rules', () => {
  it('the real tree passes', async () => {
    const { code, output } = await cruise('server', 'ingest');
    expect(output).toContain('no dependency violations found');
    expect(code).toBe(0);
  });

  it('a deliberately cyclic pair of files fails the check', async () => {
    const dir = probeDir('server/core');
    writeFileSync(path.join(dir, 'ping.ts'), "import { pong } from './pong.js';\nexport const ping = (): string => pong();\n");
    writeFileSync(path.join(dir, 'pong.ts'), "import { ping } from './ping.js';\nexport const pong = (): string => typeof ping;\n");
    const { code, output } = await cruise(rel(dir));
    expect(code).not.toBe(0);
    expect(output).toMatch(new RegExp(`no-circular: ${rel(dir)}/p[io]ng\\.ts`));
  });

  it('ingest reaching past the shared layer, and an adapter picking a generator, fail the check', async () => {
    const ingestProbe = probeDir('ingest');
    writeFileSync(path.join(ingestProbe, 'reach.ts'), "export type { AskResult } from '../../server/core/types.js';\n");
    const httpProbe = probeDir('server/http');
    writeFileSync(path.join(httpProbe, 'pick.ts'), "export { createGenerator } from '../../generators/create-generator.js';\n");
    const sharedProbe = probeDir('server/shared');
    writeFileSync(path.join(sharedProbe, 'up.ts'), "export type { Config } from '../../config.js';\n");
    const { code, output } = await cruise(rel(ingestProbe), rel(httpProbe), rel(sharedProbe));
    expect(code).not.toBe(0);
    expect(output).toContain(`ingest-only-on-shared: ${rel(ingestProbe)}/reach.ts → server/core/types.ts`);
    expect(output).toContain(`adapters-through-core: ${rel(httpProbe)}/pick.ts → server/generators/create-generator.ts`);
    expect(output).toContain(`shared-is-the-bottom: ${rel(sharedProbe)}/up.ts → server/config.ts`);
  });
});
