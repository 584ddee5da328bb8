import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../ingest/ingest.js';
import { loadConfig } from '../../server/config.js';
import type { ServicesHolder } from '../../server/core/services.js';
import { createIndexSync, type IndexSync, type IngestDirectory } from '../../server/lifecycle/index-sync.js';
import { createReloader } from '../../server/lifecycle/reload.js';
import { createLogger } from '../../server/logger.js';
import { openPgCorpusStore, type PgCorpusStore } from '../../server/storage/pg-corpus-store.js';
import { createThrowawayDatabase, scaleDatabaseAvailable, type ThrowawayDatabase } from '../helpers/scale-database.js';

/**
 * Two in-process replicas on one PostgreSQL: the shared corpus, the one ingest writer (advisory lock),
 * a writer killed mid-ingest, and concurrent uploads through both. The cluster test (scale-out.test.ts)
 * does the same through nginx with real processes; this one pins down the protocol step by step.
 */
const ARTICLE = 'The Zephyr-9 turbine was designed by Halvard Instruments in 2011. It produces 4.2 megawatts at full load.\n';
const SECOND = 'The Corvale bridge was designed by Marta Ostrowska in 1987. It spans 640 metres over the Ostra river.\n';
const THIRD = 'The Mirren telescope was built by Tovik Optics in 1999. Its main mirror is 3.6 metres wide.\n';

interface Replica {
  name: string;
  store: PgCorpusStore;
  holder: ServicesHolder;
  sync: IndexSync;
  dir: string;
}

describe.runIf(scaleDatabaseAvailable('index sync'))('shared corpus: versions, one writer, killed writer, concurrent uploads', { timeout: 120_000 }, () => {
  let db: ThrowawayDatabase;
  let work: string;
  const replicas: Replica[] = [];
  const logger = createLogger('silent');

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    work = await mkdtemp(path.join(tmpdir(), 'corpus-qa-sync-'));
  });
  afterAll(async () => {
    for (const r of replicas) {
      r.sync.stop();
      await r.store.close();
    }
    await db?.drop();
    await rm(work, { recursive: true, force: true });
  });

  const realIngest =
    (config: ReturnType<typeof loadConfig>): IngestDirectory =>
    (corpusDir, indexDir) =>
      runIngest({ config: { ...config, corpusDir, indexDir } });

  async function replica(name: string, ingest?: IngestDirectory, { start = true } = {}): Promise<Replica> {
    const dir = path.join(work, name);
    const config = loadConfig({ INDEX_DIR: path.join(dir, 'index'), CORPUS_DIR: path.join(dir, 'unused'), LOG_LEVEL: 'silent' });
    // What is tested is the sync, not how fast a connection opens: on a loaded 2-core CI host (other test files
    // running beside this one) opening one took over the product's 2 s and failed the whole file.
    const store = await openPgCorpusStore({ url: db.url, replicaName: name, connectTimeoutMs: 20_000 });
    const holder: ServicesHolder = { current: undefined };
    const reload = createReloader({ config, holder, logger });
    const sync = createIndexSync({ store, indexDir: config.indexDir, reload, ingest: ingest ?? realIngest(config), logger, pollMs: 200 });
    if (start) sync.start();
    const r = { name, store, holder, sync, dir };
    replicas.push(r);
    return r;
  }

  const ask = async (r: Replica, question: string) => r.holder.current!.answerService.answerQuestion(question, []);
  const versionsPerRevision = async () => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query<{ corpus_revision: string; n: string }>('select corpus_revision, count(*) as n from index_versions group by corpus_revision')).rows;
    } finally {
      await c.end();
    }
  };

  it('a file put through one replica is served, with a citation, by the other within 5 s', async () => {
    const a = await replica('a');
    const b = await replica('b');
    expect(await a.store.importIfEmpty([{ source: 'zephyr.txt', content: Buffer.from(ARTICLE) }])).toBe(true);
    expect(await b.store.importIfEmpty([{ source: 'other.txt', content: Buffer.from(SECOND) }])).toBe(false); // seeded once
    await Promise.all([a.sync.waitForRevision(1, 30_000), b.sync.waitForRevision(1, 30_000)]);
    expect(a.sync.served()?.version).toBe(b.sync.served()?.version);

    const put = await a.store.putFile('corvale.txt', Buffer.from(SECOND), { replace: false });
    expect(put.outcome).toBe('created');
    const started = Date.now();
    await b.sync.waitForRevision(put.revision, 5000);
    expect(Date.now() - started).toBeLessThan(5000);
    const answer = await ask(b, 'Who designed the Corvale bridge?');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]?.docId).toBe('corvale');
    // Same name, different bytes: a conflict unless replacing; same bytes: unchanged.
    expect((await b.store.putFile('corvale.txt', Buffer.from(THIRD), { replace: false })).outcome).toBe('conflict');
    expect((await b.store.putFile('corvale.txt', Buffer.from(SECOND), { replace: false })).outcome).toBe('unchanged');

    const gone = await b.store.deleteFile('corvale.txt');
    await a.sync.waitForRevision(gone!, 5000);
    expect(a.holder.current!.index.documentById.has('corvale')).toBe(false);
    expect((await ask(a, 'Who designed the Corvale bridge?')).citations.some((c) => c.docId === 'corvale')).toBe(false);
    for (const row of await versionsPerRevision()) expect(Number(row.n)).toBe(1); // never two builds of one revision
  });

  it('a writer killed mid-ingest: the previous version keeps serving and another replica builds the revision', async () => {
    let signalStarted!: () => void;
    const started = new Promise<void>((r) => (signalStarted = r));
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    const stuckConfig = loadConfig({ INDEX_DIR: path.join(work, 'stuck', 'index'), LOG_LEVEL: 'silent' });
    // This writer takes the lock, then hangs inside ingest, as a process would on a slow embedder.
    const stuck = await replica(
      'stuck',
      async (corpusDir, indexDir) => {
        signalStarted();
        await blocked;
        return realIngest(stuckConfig)(corpusDir, indexDir);
      },
      { start: false },
    );
    // Nobody else syncs on its own meanwhile, so the stuck one surely takes the lock first.
    for (const r of replicas) r.sync.stop();
    const survivor = await replica('survivor', undefined, { start: false });
    await survivor.sync.syncNow();
    const before = survivor.sync.served()!;

    const put = await stuck.store.putFile('mirren.txt', Buffer.from(THIRD));
    const stuckSync = stuck.sync.syncNow();
    await started;
    await survivor.sync.syncNow(); // the lock is held: nothing is built twice, the old version serves
    expect(survivor.sync.served()).toEqual(before);
    expect((await ask(survivor, 'Who built the Mirren telescope?')).citations.some((c) => c.docId === 'mirren')).toBe(false);

    // SIGKILL as PostgreSQL sees it: the writer's session ends, and its advisory lock with it.
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const killed = await admin.query(`select pg_terminate_backend(pid) as ok from pg_locks where locktype = 'advisory' and granted`);
    await admin.end();
    expect(killed.rowCount).toBe(1);
    // The session ends a moment after pg_terminate_backend returns: the survivor's poll retries until it gets the lock.
    survivor.sync.start();

    await survivor.sync.waitForRevision(put.revision, 30_000);
    const answer = await ask(survivor, 'Who built the Mirren telescope?');
    expect(answer.citations[0]?.docId).toBe('mirren');

    release(); // the stuck writer wakes up without its session: its publish fails, nothing is corrupted
    await stuckSync;
    await stuck.sync.syncNow();
    expect(stuck.sync.served()?.version).toBe(survivor.sync.served()?.version);
    for (const row of await versionsPerRevision()) expect(Number(row.n)).toBe(1);
    for (const r of replicas) r.sync.start();
  });

  it('uploads through two replicas at once both land, each built once', async () => {
    const [a, b] = replicas;
    const [p1, p2] = await Promise.all([
      a.store.putFile('one.txt', Buffer.from('The Alder valve was patented in 1931 by Ines Varga.\n')),
      b.store.putFile('two.txt', Buffer.from('The Brisk sailboat won the 1974 Lagoon regatta.\n')),
    ]);
    expect(p1.revision).not.toBe(p2.revision);
    const last = Math.max(p1.revision, p2.revision);
    await Promise.all([a.sync.waitForRevision(last, 30_000), b.sync.waitForRevision(last, 30_000)]);
    for (const r of [a, b]) {
      expect(r.holder.current!.index.documentById.has('one')).toBe(true);
      expect(r.holder.current!.index.documentById.has('two')).toBe(true);
    }
    for (const row of await versionsPerRevision()) expect(Number(row.n)).toBe(1);
  });
});
