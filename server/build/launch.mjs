/**
 * What `npm start`, `npm run ask|ingest|eval` and the `corpus-ask` bin run: compile when dist/ is missing
 * or older than the sources (a stat of each source, ~2 ms when it is up to date), then import the compiled
 * entry in this same process. So a start is one plain-JS node process (the npm scripts `exec` it, so
 * npm's SIGTERM/SIGINT reach it directly), and an edited source never runs stale.
 *
 *   node server/build/launch.mjs start|ask|ingest|eval|report [args…]
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST_DIR, ensureBuilt } from './compile.mjs';

export const ENTRIES = {
  start: 'server/main.js',
  ask: 'server/cli/ask.js',
  ingest: 'ingest/cli.js',
  eval: 'server/cli/eval.js',
  report: 'server/cli/report.js',
};

/** Builds if needed, then runs the named entry (which reads process.argv.slice(2) as its arguments). */
export async function launch(entry) {
  const file = ENTRIES[entry];
  if (!file) throw new Error(`unknown entry "${entry}" (one of: ${Object.keys(ENTRIES).join(', ')})`);
  try {
    await ensureBuilt();
  } catch (error) {
    console.error(`Cannot start: compiling server/ and ingest/ into dist/ failed: ${error.message}`);
    process.exit(1);
  }
  await import(pathToFileURL(path.join(DIST_DIR, file)).href);
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const [entry] = process.argv.splice(2, 1); // the entry's own arguments follow
  await launch(entry);
}
