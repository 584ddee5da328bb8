import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import { loadConfig, ConfigError } from '../../server/config.js';
import type { ServicesHolder } from '../../server/core/services.js';
import { createReadiness } from '../../server/lifecycle/readiness.js';
import { CANNED, hardenedApp, logSink } from '../helpers/hardening.js';
import { corpusDocument, fakeServices, scriptedAnswerService } from '../helpers/fake-services.js';

const ask = (app: Parameters<typeof request>[0], xff?: string) => {
  const r = request(app).post('/api/ask').send({ question: '沐曦估值多少？' });
  return xff ? r.set('X-Forwarded-For', xff) : r;
};

describe('X-Forwarded-For is believed only from TRUST_PROXY peers (rate limits count real clients)', () => {
  it('behind a trusted proxy each forwarded client has its own budget', async () => {
    // supertest connects from 127.0.0.1, which plays nginx here.
    const { app } = hardenedApp({ env: { RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '127.0.0.1' } });
    expect((await ask(app, '203.0.113.7')).status).toBe(200);
    expect((await ask(app, '203.0.113.7')).status).toBe(200);
    const third = await ask(app, '203.0.113.7');
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('rate_limited');
    // Another client behind the same proxy is not punished for the first one.
    expect((await ask(app, '198.51.100.9')).status).toBe(200);
  });

  it('without TRUST_PROXY a client cannot pick a fresh budget by sending X-Forwarded-For', async () => {
    const { app } = hardenedApp({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
    expect((await ask(app, '203.0.113.1')).status).toBe(200);
    expect((await ask(app, '203.0.113.2')).status).toBe(200);
    expect((await ask(app, '203.0.113.3')).status).toBe(429);
  });

  it('a peer that is not the configured proxy is not believed either', async () => {
    const { app } = hardenedApp({ env: { RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '10.9.8.7' } });
    expect((await ask(app, '203.0.113.1')).status).toBe(200);
    expect((await ask(app, '203.0.113.2')).status).toBe(200);
    expect((await ask(app, '203.0.113.3')).status).toBe(429);
  });

  it('only the right-most forwarded address counts: a client-forged left part changes nothing', async () => {
    const { app } = hardenedApp({ env: { RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '127.0.0.1' } });
    expect((await ask(app, '1.1.1.1, 203.0.113.7')).status).toBe(200);
    expect((await ask(app, '2.2.2.2, 203.0.113.7')).status).toBe(200);
    expect((await ask(app, '3.3.3.3, 203.0.113.7')).status).toBe(429);
  });

  it('a malformed TRUST_PROXY fails at start-up naming the variable', () => {
    expect(() => loadConfig({ TRUST_PROXY: '127.0.0.1; rm -rf' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx.local' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
  });
});

describe('GET /api/health/ready (readiness, apart from liveness)', () => {
  const build = (holder: ServicesHolder, readiness?: Parameters<typeof createApp>[0]['readiness'], env: Record<string, string> = {}) =>
    createApp({ services: holder, logger: logSink().logger, config: loadConfig({ RATE_LIMIT_PER_MINUTE: '1', API_KEYS: 'k1', ...env }), readiness });
  const services = () => fakeServices(scriptedAnswerService(() => ({ deltas: [CANNED.answer], result: CANNED })), [corpusDocument()]);

  it('ready with an index loaded; never rate-limited, never needs a key, never cached', async () => {
    const app = build({ current: services() });
    for (let i = 0; i < 3; i++) {
      const res = await request(app).get('/api/health/ready');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toMatchObject({ status: 'ready', ready: true, checks: { index: 'ok', database: 'not_configured', draining: false }, reasons: [] });
    }
  });

  it('not ready (503) without an index, while liveness still answers', async () => {
    const app = build({ current: undefined });
    const ready = await request(app).get('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'not_ready', checks: { index: 'failing' } });
    expect(ready.body.reasons).toContain('no index is loaded yet');
    expect((await request(app).get('/api/health')).status).toBe(503); // liveness reports no_index as before
  });

  it('not ready when the database does not answer within the probe deadline, ready again when it does', async () => {
    const holder: ServicesHolder = { current: services() };
    let dbUp = false;
    const readiness = createReadiness({
      holder,
      pingTimeoutMs: 200,
      pingDatabase: () => (dbUp ? Promise.resolve() : new Promise<void>(() => undefined)), // a hung database
      indexVersion: () => 7,
    });
    const app = build(holder, readiness);
    const down = await request(app).get('/api/health/ready');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ checks: { index: 'ok', database: 'failing' }, indexVersion: 7 });
    expect(JSON.stringify(down.body)).not.toMatch(/postgres:|\/work\/|at .*\.ts/);
    dbUp = true;
    const up = await request(app).get('/api/health/ready');
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ checks: { database: 'ok' }, indexVersion: 7 });
  });

  it('not ready while draining (SIGTERM), so the balancer stops routing new requests here', async () => {
    let draining = false;
    const holder: ServicesHolder = { current: services() };
    const app = build(holder, createReadiness({ holder, draining: () => draining }));
    expect((await request(app).get('/api/health/ready')).status).toBe(200);
    draining = true;
    const res = await request(app).get('/api/health/ready');
    expect(res.status).toBe(503);
    expect(res.body.checks.draining).toBe(true);
  });
});
