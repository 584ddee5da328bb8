/**
 * Child process of tests/integration/reload-retention.test.ts (needs `node --expose-gc --import tsx`).
 * Real Services over a temporary copy of the corpus, reloaded RELOADS times by the server's reloader with
 * questions answered in between; then, after forced GCs, prints one JSON line:
 *   replaced          how many Services the reloads replaced
 *   alive             how many of them (WeakRef) are still reachable — each one holds a whole index
 *   finalized         how many the FinalizationRegistry saw collected
 *   vectorsAlive      how many replaced hnswlib indexes (native memory, freed on finalization) are reachable
 *   dictionaryTexts   strings in the heap that are CC-CEDICT's data file (~20 MB each; issue 17: one was kept per
 *                     loaded index, through a 14-character word sliced out of it; since the lexicon is built at
 *                     ingest the server never reads the file, and an in-process ingest must not keep it)
 */
import { closeSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import type { Services } from '../../server/core/services.js';
import { createReloader } from '../../server/lifecycle/reload.js';
import { createLogger } from '../../server/logger.js';
import { cedictDataFile } from '../../ingest/lexicon/cedict.js';
import { buildTestServices } from './build-test-services.js';

const RELOADS = 3;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

/** Strings of at least `minLength` characters in a heap snapshot that start with `prefix`. */
function heapStringsStartingWith(prefix: string, minLength: number): number {
  const file = v8.writeHeapSnapshot(path.join(os.tmpdir(), `reload-retention-${process.pid}.heapsnapshot`));
  const text = readFileSync(file, 'utf8');
  rmSync(file);
  const snapshot = JSON.parse(text) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  let count = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    // A string node's name is its text (the snapshot cuts it short); its self size is its length in bytes.
    if (types[snapshot.nodes[i + typeAt]] !== 'string' || snapshot.nodes[i + sizeAt] < minLength) continue;
    if (snapshot.strings[snapshot.nodes[i + nameAt]].startsWith(prefix)) count++;
  }
  return count;
}

const built = await buildTestServices();
const { config, cleanup } = built;
const holder: { current: Services | undefined } = { current: built.services };
built.services = undefined as unknown as Services; // the holder is the only reference, as in the server
const reload = createReloader({ config, holder, logger: createLogger('silent') });
const refs: Array<{ services: WeakRef<Services>; vectors: WeakRef<object> }> = [];
let finalized = 0;
const registry = new FinalizationRegistry<number>(() => finalized++);

for (let i = 0; i < RELOADS; i++) {
  await holder.current!.answerService.answerQuestion('沐曦股份的估值是多少?', []);
  // Registered without a local variable: one would keep the replaced Services alive in this frame.
  refs.push({ services: new WeakRef(holder.current!), vectors: new WeakRef(holder.current!.index.vectors) });
  registry.register(holder.current!, i);
  await reload('retention test');
}
await holder.current!.answerService.answerQuestion('摩尔线程累计亏损多少?', []);

// V8 keeps the subject of the last successful regular expression (RegExp.input): any later match replaces it.
/x/.exec('x');
// A WeakRef read keeps its target alive until the end of that turn, so every GC runs in a turn without a
// read, and the reads come a turn later. Bounded: a few rounds, however long they take.
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const aliveNow = () => refs.filter((r) => r.services.deref() !== undefined).length;
for (let round = 0; round < 5; round++) {
  await nextTurn();
  gc();
  await nextTurn();
  if (aliveNow() === 0 && finalized === refs.length) break;
}

// The data file's first bytes (ASCII), not the file: reading all of it would put one more copy in the heap.
const head = Buffer.alloc(40);
const fd = openSync(cedictDataFile(), 'r');
readSync(fd, head, 0, head.length, 0);
closeSync(fd);
const prefix = head.toString('latin1');
const result = {
  replaced: refs.length,
  alive: aliveNow(),
  finalized,
  vectorsAlive: refs.filter((r) => r.vectors.deref() !== undefined).length,
  dictionaryTexts: heapStringsStartingWith(prefix, 1_000_000),
  currentAnswers: Boolean(holder.current),
};
await cleanup();
console.log(JSON.stringify(result));
