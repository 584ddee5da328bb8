/**
 * Reload-memory experiment (issue 17's soak missed RSS growth ≤ 10%): builds real Services over a temporary
 * copy of the corpus, then reloads them N times in this process — as the server's reloader does — and prints
 * RSS, heap, external and arrayBuffers after each reload, plus how many replaced Services (and their indexes)
 * are still alive (WeakRefs). Not a test: a measurement the next person can rerun.
 *
 *   node --expose-gc --import tsx tests/soak/reload-memory.ts [--reloads 30] [--gc] [--load 16] [--every 1]
 *
 *   --gc       force a full GC after every reload (needs --expose-gc): separates "unreachable but not yet
 *              collected" from "kept alive by a reference"
 *   --load N   N concurrent askers answering questions throughout (the soak's load, without HTTP)
 *   --every K  print one line every K reloads
 *
 * Every line ends with `alive x/y`: of the y Services replaced so far, x are still reachable (checked after a
 * forced GC at the end, with --expose-gc). Native memory of hnswlib is outside V8's heap and freed only when
 * its JS wrapper is finalized, so it shows up in RSS but not in heapUsed/external.
 */
import { parseArgs } from 'node:util';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.js';
import { buildServices } from '../../server/build-services.js';
import type { Services, ServicesHolder } from '../../server/core/services.js';
import { createReloader } from '../../server/lifecycle/reload.js';
import { createLogger } from '../../server/logger.js';
import { runIngest } from '../../ingest/ingest.js';
import { REPO_CORPUS } from '../helpers/build-test-services.js';

const { values: args } = parseArgs({
  options: {
    reloads: { type: 'string', default: '30' },
    gc: { type: 'boolean', default: false },
    load: { type: 'string', default: '0' },
    every: { type: 'string', default: '1' },
  },
});
const RELOADS = Number(args.reloads);
const LOAD = Number(args.load);
const EVERY = Math.max(1, Number(args.every));
const gc = (globalThis as { gc?: () => void }).gc;
if (args.gc && !gc) throw new Error('--gc needs node --expose-gc');

const QUESTIONS = ['沐曦股份的估值是多少?', '摩尔线程 2022 年至 2024 年累计亏损多少?', '国产 GPU 公司为什么烧钱?', '今天天气怎么样?'];
const mb = (n: number) => (n / 1024 / 1024).toFixed(1).padStart(7);

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-qa-reload-memory-'));
  try {
    const corpusDir = path.join(dir, 'corpus');
    await cp(REPO_CORPUS, corpusDir, { recursive: true });
    const config = loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: path.join(dir, 'index'), LOG_LEVEL: 'silent' });
    await runIngest({ config });

    const holder: ServicesHolder = { current: await buildServices({ config }) };
    const replaced: Array<{ services: WeakRef<Services>; vectors: WeakRef<object> }> = [];
    const track = (s: Services) => replaced.push({ services: new WeakRef(s), vectors: new WeakRef(s.index.vectors) });
    const reload = createReloader({ config, holder, logger: createLogger('silent') });

    let stop = false;
    let answered = 0;
    const askers = Array.from({ length: LOAD }, async (_, i) => {
      for (let n = i; !stop; n++) {
        await holder.current!.answerService.answerQuestion(`${QUESTIONS[n % QUESTIONS.length]} ${n % 50}`, []);
        answered++;
        await new Promise((r) => setImmediate(r));
      }
    });

    const line = (label: string) => {
      const m = process.memoryUsage();
      const alive = replaced.filter((r) => r.services.deref()).length;
      const vectorsAlive = replaced.filter((r) => r.vectors.deref()).length;
      console.log(
        `${label.padEnd(10)} rss ${mb(m.rss)}  heapUsed ${mb(m.heapUsed)}  heapTotal ${mb(m.heapTotal)}  external ${mb(m.external)}  ` +
          `arrayBuffers ${mb(m.arrayBuffers)}  MB   alive services ${alive}/${replaced.length} vectors ${vectorsAlive}/${replaced.length}  answered ${answered}`,
      );
    };
    if (gc) gc();
    line('start');
    const rss0 = process.memoryUsage().rss;
    for (let i = 1; i <= RELOADS; i++) {
      track(holder.current!); // no local variable: it would keep the replaced Services alive during gc()
      await reload('experiment');
      if (args.gc) gc!();
      if (i % EVERY === 0 || i === RELOADS) line(`reload ${i}`);
    }
    stop = true;
    await Promise.all(askers);
    if (gc) {
      gc();
      // FinalizationRegistry callbacks run as tasks after the GC: a turn of the event loop, not a fixed time.
      await new Promise((r) => setImmediate(r));
      gc();
      line('final gc');
    }
    const rss1 = process.memoryUsage().rss;
    console.log(`RSS ${mb(rss0).trim()} → ${mb(rss1).trim()} MB over ${RELOADS} reloads: ${((rss1 - rss0) / 1024 / RELOADS).toFixed(0)} KB per reload`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
