import express from 'express';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgRateLimitStore } from '../../server/http/middleware/pg-rate-limit-store.js';
import { rateLimiter } from '../../server/http/middleware/rate-limit.js';
import { createThrowawayDatabase, scaleDatabaseAvailable, type ThrowawayDatabase } from '../helpers/scale-database.js';

/** Two "replicas" (two Express apps, two pools) on one PostgreSQL: one budget per client between them. */
describe.runIf(scaleDatabaseAvailable('PostgreSQL rate-limit store'))('PgRateLimitStore (express-rate-limit Store over PostgreSQL)', () => {
  let db: ThrowawayDatabase;
  const pools: pg.Pool[] = [];
  const stores: PgRateLimitStore[] = [];

  beforeAll(async () => {
    db = await createThrowawayDatabase();
  });
  afterAll(async () => {
    for (const s of stores) s.shutdown();
    for (const p of pools) await p.end();
    await db?.drop();
  });

  const replica = (perMinute: number) => {
    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    pools.push(pool);
    const store = new PgRateLimitStore(pool);
    stores.push(store);
    const app = express();
    app.set('trust proxy', '127.0.0.1');
    app.use('/api', rateLimiter(perMinute, store));
    app.get('/api/x', (_req, res) => void res.json({ ok: true }));
    app.use(((err, _req, res, _next) => void res.status(err.status ?? 500).json({ code: err.code })) as express.ErrorRequestHandler);
    return { app, store, pool };
  };

  it('counts a client once across replicas, separately from other clients, with the standard headers', async () => {
    const a = replica(3);
    const b = replica(3);
    const hit = (app: express.Express, ip: string) => request(app).get('/api/x').set('X-Forwarded-For', ip);
    expect((await hit(a.app, '203.0.113.1')).status).toBe(200);
    expect((await hit(b.app, '203.0.113.1')).status).toBe(200);
    const third = await hit(a.app, '203.0.113.1');
    expect(third.status).toBe(200);
    expect(third.headers['ratelimit']).toMatch(/remaining=0/);
    const fourth = await hit(b.app, '203.0.113.1');
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
    expect((await hit(b.app, '203.0.113.2')).status).toBe(200);
  });

  it('concurrent hits on one key are all counted (no lost updates)', async () => {
    const a = replica(1000);
    const b = replica(1000);
    await Promise.all(Array.from({ length: 40 }, (_, i) => request(i % 2 ? a.app : b.app).get('/api/x').set('X-Forwarded-For', '198.51.100.5')));
    const info = await a.store.get('198.51.100.5');
    expect(info?.totalHits).toBe(40);
  });

  it('a window that has passed starts again at 1; resetKey and decrement work', async () => {
    const { store } = replica(5);
    store.init({ windowMs: 50 } as never);
    await store.increment('k1');
    await store.increment('k1');
    expect((await store.get('k1'))?.totalHits).toBe(2);
    await store.decrement('k1');
    expect((await store.get('k1'))?.totalHits).toBe(1);
    // Wait for the window to end by polling the store, not by sleeping a guessed time.
    const deadline = Date.now() + 5000;
    while ((await store.get('k1')) !== undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect((await store.increment('k1')).totalHits).toBe(1);
    await store.resetKey('k1');
    expect(await store.get('k1')).toBeUndefined();
  });

  it('the database being unreachable lets requests through instead of failing them', async () => {
    const pool = new pg.Pool({ connectionString: db.url.replace(/:\d+\//, ':1/'), connectionTimeoutMillis: 500 });
    pools.push(pool);
    const store = new PgRateLimitStore(pool);
    stores.push(store);
    const app = express();
    app.use('/api', rateLimiter(1, store));
    app.get('/api/x', (_req, res) => void res.json({ ok: true }));
    expect((await request(app).get('/api/x')).status).toBe(200);
    expect((await request(app).get('/api/x')).status).toBe(200);
  });
});
