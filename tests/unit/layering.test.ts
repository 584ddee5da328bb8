import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The house rules (.dependency-cruiser.cjs, `npm run lint`) hold for the real tree, and they are not a
 * check that cannot fail: probe files that break each rule, written into the real folders, are caught.
 * The folders are a copy of server/ and ingest/ in a temporary directory (with the config, tsconfig and a link to
 * node_modules), not the working tree: a probe file in the real tree made any server another test started meanwhile
 * rebuild dist/ (compile.mjs sees a new source) from files that vanished under it, and a running replica's lazy import
 * then failed (the scale-out test's drained replica exited 1 in a full CI run, session 29).
 *
 * One cruise serves every assertion: `npm run lint`'s own command over the real tree with the probes in
 * place. A run costs about a second (most of it dependency-cruiser parsing the tree), which three runs made
 * a third of the unit tier. The real tree passes when no violation starts outside a probe, and the exit
 * code (dependency-cruiser's count of errors) is exactly the probes' violations.
 */
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DEPCRUISE = path.join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
// The copy the probes go into and the cruise runs in (see above).
const TREE = mkdtempSync(path.join(tmpdir(), 'layering-'));
for (const entry of ['server', 'ingest']) cpSync(path.join(REPO, entry), path.join(TREE, entry), { recursive: true, filter: (src) => !src.startsWith(path.join(REPO, 'server/public')) });
for (const file of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) cpSync(path.join(REPO, file), path.join(TREE, file));
symlinkSync(path.join(REPO, 'node_modules'), path.join(TREE, 'node_modules'), 'dir');
const run = promisify(execFile);

async function cruise(...targets: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [DEPCRUISE, '--no-progress', ...targets], { cwd: TREE, timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const probes: string[] = [];
/** A fresh folder inside `parent` (a folder of the copied tree). */
function probeDir(parent: string): string {
  const dir = mkdtempSync(path.join(TREE, parent, 'layering-probe-'));
  probes.push(dir);
  return dir;
}
const rel = (file: string) => path.relative(TREE, file).split(path.sep).join('/');
const inProbe = (file: string) => probes.some((dir) => file.startsWith(`${rel(dir)}/`));

/** A violation as the err reporter prints it: `  error rule-name: from → to` (a cycle continues on the next lines). */
interface Violation {
  severity: string;
  rule: string;
  from: string;
  line: string;
}
const VIOLATION = /^\s*(error|warn|info) ([\w-]+): (\S+) →/;
const violationsIn = (output: string): Violation[] =>
  output.split('\n').flatMap((line) => {
    const m = VIOLATION.exec(line);
    return m ? [{ severity: m[1], rule: m[2], from: m[3], line: line.trim() }] : [];
  });

let cyclicProbe: string;
let ingestProbe: string;
let httpProbe: string;
let sharedProbe: string;
let lint: { code: number; output: string; violations: Violation[] };

beforeAll(async () => {
  cyclicProbe = probeDir('server/core');
  writeFileSync(path.join(cyclicProbe, 'ping.ts'), "import { pong } from './pong.js';\nexport const ping = (): string => pong();\n");
  writeFileSync(path.join(cyclicProbe, 'pong.ts'), "import { ping } from './ping.js';\nexport const pong = (): string => typeof ping;\n");
  ingestProbe = probeDir('ingest');
  writeFileSync(path.join(ingestProbe, 'reach.ts'), "export type { AskResult } from '../../server/core/types.js';\n");
  httpProbe = probeDir('server/http');
  writeFileSync(path.join(httpProbe, 'pick.ts'), "export { createGenerator } from '../../generators/create-generator.js';\n");
  sharedProbe = probeDir('server/shared');
  writeFileSync(path.join(sharedProbe, 'up.ts'), "export type { Config } from '../../config.js';\n");
  const { code, output } = await cruise('server', 'ingest');
  lint = { code, output, violations: violationsIn(output) };
}, 60_000);

afterAll(() => {
  rmSync(TREE, { recursive: true, force: true });
});

describe('layering rules', () => {
  it('the real tree passes: every violation reported starts in a probe, and the exit code counts only those', () => {
    expect(lint.violations.filter((v) => !inProbe(v.from))).toEqual([]);
    // The reporter's own summary agrees with the lines read, so no violation line went unparsed.
    const errors = lint.violations.filter((v) => v.severity === 'error').length;
    expect(lint.output).toMatch(new RegExp(`x ${lint.violations.length} dependency violations \\(${errors} errors?, `));
    expect(lint.code).toBe(errors);
  });

  it('a deliberately cyclic pair of files fails the check', () => {
    expect(lint.code).not.toBe(0);
    expect(lint.output).toMatch(new RegExp(`no-circular: ${rel(cyclicProbe)}/p[io]ng\\.ts`));
  });

  it('ingest reaching past the shared layer, and an adapter picking a generator, fail the check', () => {
    expect(lint.code).not.toBe(0);
    expect(lint.output).toContain(`ingest-only-on-shared: ${rel(ingestProbe)}/reach.ts → server/core/types.ts`);
    expect(lint.output).toContain(`adapters-through-core: ${rel(httpProbe)}/pick.ts → server/generators/create-generator.ts`);
    expect(lint.output).toContain(`shared-is-the-bottom: ${rel(sharedProbe)}/up.ts → server/config.ts`);
  });
});
