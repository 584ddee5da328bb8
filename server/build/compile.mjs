/**
 * The build: TypeScript in server/ and ingest/ → plain ES modules in dist/ (gitignored), one .js per .ts
 * (no bundling), so the layout — and every import.meta.url-relative path — stays the same.
 *
 * Why esbuild and not tsc: it only strips types (≈0.3 s for the whole tree instead of tsc's ~10 s of
 * type checking), so it can run inside `npm ci` (the `prepare` script) and again at any start that finds
 * the build stale, without making the start slow. Type checking stays a separate gate (`npm run typecheck`).
 *
 * Plain JavaScript on purpose: it must run before anything is compiled.
 *   node server/build/compile.mjs            build now
 *   node server/build/compile.mjs --if-stale build only when a source is newer than the last build
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DIST_DIR = path.join(REPO_ROOT, 'dist');
const SOURCE_DIRS = ['server', 'ingest'];
const STAMP = path.join(DIST_DIR, '.build-stamp.json');
/** Served as is: dist/server/public is a link to the source folder, so page edits show without a rebuild. */
const PUBLIC = 'server/public';
/**
 * Packages bundled into one file each (dist/vendor/<name>.js, `/` in a subpath written `-`) and imported
 * from there: zod is ~95 small ES modules, and resolving and linking them costs more than parsing one file
 * (~45% of zod's load time, which every entry point pays, the quick look-up included). kysely is ~257:
 * as separate modules it held ~21 MB of a server's RSS and ~100 ms of its start, bundled ~4 MB and ~20 ms.
 * Subpaths of one package share a chunk (code splitting), so there is one copy of its classes. Only
 * packages whose objects never cross into another package's code (our schemas, our queries), so a second
 * copy elsewhere cannot break an instanceof.
 */
const VENDORED = ['zod', 'kysely'];
const vendorFile = (name) => `vendor/${name.replaceAll('/', '-')}`;
const packageOf = (name) => name.split('/')[0];

/** Every file the build depends on (TypeScript sources and this script itself), with its mtime. */
function sourceFiles() {
  const files = [];
  for (const top of SOURCE_DIRS) {
    for (const entry of readdirSync(path.join(REPO_ROOT, top), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath ?? entry.path, entry.name);
      const rel = path.relative(REPO_ROOT, file);
      if (rel.startsWith(PUBLIC + path.sep)) continue;
      // JSON next to the code is data it reads at run time (fitted models, parameters): copied as is.
      if ((rel.endsWith('.ts') && !rel.endsWith('.d.ts')) || rel.endsWith('.mjs') || rel.endsWith('.json')) files.push(rel);
    }
  }
  return files.sort();
}

function fingerprint(files) {
  let newestMs = 0;
  for (const f of files) newestMs = Math.max(newestMs, statSync(path.join(REPO_ROOT, f)).mtimeMs);
  return { files: files.length, newestMs, vendored: vendoredVersions() };
}

/** The installed versions of the vendored packages (an upgrade must rebuild their bundles). */
function vendoredVersions() {
  const packages = [...new Set(VENDORED.map(packageOf))];
  return packages.map((name) => `${name}@${JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')).version}`).join(',');
}

/** Why the build must run, or undefined when dist/ is up to date (a few hundred stat calls, ~2 ms). */
export function staleReason() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return 'no build yet';
  }
  const now = fingerprint(sourceFiles());
  if (now.files !== stamp.files) return 'files were added or removed';
  if (now.newestMs > stamp.newestMs) return 'sources changed since the last build';
  if (now.vendored !== stamp.vendored) return 'a vendored package was upgraded';
  return undefined;
}

/** Writes a file so that a process importing it concurrently sees the old or the new file, never half of one. */
function writeAtomic(file, contents) {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

/** Points `from "zod"` at dist/vendor/zod.js (esbuild writes import specifiers with double quotes). */
function useVendored(file, code) {
  for (const name of VENDORED) {
    let rel = path.relative(path.dirname(file), path.join(DIST_DIR, `${vendorFile(name)}.js`)).split(path.sep).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    code = code.replaceAll(`from "${name}"`, `from "${rel}"`);
  }
  return code;
}

/**
 * Compiles every source. Safe to run from several processes at once (each output file is replaced
 * atomically, and concurrent builds write the same bytes), so entry points need no lock.
 */
export async function compile() {
  const started = performance.now();
  const files = sourceFiles();
  const before = fingerprint(files);
  const { build, version } = await import('esbuild');
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: files.filter((f) => f.endsWith('.ts')),
    outdir: DIST_DIR,
    outbase: '.',
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    write: false,
    logLevel: 'silent',
  });
  const vendor = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: Object.fromEntries(VENDORED.map((name) => [vendorFile(name), name])),
    outdir: DIST_DIR,
    bundle: true,
    splitting: true,
    chunkNames: 'vendor/chunks/[name]-[hash]',
    // Less to parse at every start; identifiers stay (readable stack traces).
    minifyWhitespace: true,
    minifySyntax: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  for (const out of vendor.outputFiles) writeAtomic(out.path, out.contents);
  for (const out of result.outputFiles) writeAtomic(out.path, out.path.endsWith('.js') ? useVendored(out.path, out.text) : out.contents);
  for (const rel of files.filter((f) => f.endsWith('.json'))) {
    mkdirSync(path.dirname(path.join(DIST_DIR, rel)), { recursive: true });
    writeAtomic(path.join(DIST_DIR, rel), readFileSync(path.join(REPO_ROOT, rel)));
  }
  const link = path.join(DIST_DIR, PUBLIC);
  if (!existsSync(link) || !lstatSync(link).isSymbolicLink()) {
    rmSync(link, { recursive: true, force: true });
    try {
      symlinkSync(path.relative(path.dirname(link), path.join(REPO_ROOT, PUBLIC)), link, 'dir');
    } catch (error) {
      if (error.code !== 'EEXIST') throw error; // another build made it meanwhile
    }
  }
  writeAtomic(STAMP, JSON.stringify({ ...before, esbuild: version, builtAt: new Date().toISOString() }));
  return { files: result.outputFiles.filter((f) => f.path.endsWith('.js')).length, seconds: (performance.now() - started) / 1000 };
}

/** For entry points: compile first when the build is missing or older than the sources. */
export async function ensureBuilt(log = (line) => process.stderr.write(`${line}\n`)) {
  const reason = staleReason();
  if (!reason) return false;
  const { files, seconds } = await compile();
  log(`compiled ${files} files into dist/ in ${seconds.toFixed(2)} s (${reason})`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  const run = ifStale ? ensureBuilt() : compile().then(({ files, seconds }) => console.error(`compiled ${files} files into dist/ in ${seconds.toFixed(2)} s`));
  run.catch((error) => {
    console.error(`build failed: ${error.message}`);
    process.exit(1);
  });
}
