import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import type { Services, ServicesHolder } from '../../server/core/services.js';
import { createReloader } from '../../server/lifecycle/reload.js';
import { silentLogger } from '../../server/logger.js';
import { CANNED } from '../helpers/hardening.js';
import { fakeServices, scriptedAnswerService } from '../helpers/fake-services.js';

const services = (docId: string): Services =>
  fakeServices(scriptedAnswerService(() => ({ deltas: [], result: CANNED })), [{ docId, source: `${docId}.txt`, title: docId, text: docId }]);

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('createReloader', () => {
  it('swaps holder.current only once the new services are complete; a request holding the old ones keeps them', async () => {
    const old = services('old');
    const holder: ServicesHolder = { current: old };
    const gate = deferred<Services>();
    const reload = createReloader({ config: loadConfig({}), holder, logger: silentLogger(), build: () => gate.promise });
    const inFlight = holder.current; // what a request read when it started
    const pending = reload('test');
    expect(holder.current).toBe(old); // still building
    const fresh = services('new');
    gate.resolve(fresh);
    expect(await pending).toMatchObject({ documents: 1 });
    expect(holder.current).toBe(fresh);
    expect(inFlight?.index.documentById.has('old')).toBe(true);
  });

  it('a failed build keeps the previous services and reports index_unavailable', async () => {
    const old = services('old');
    const holder: ServicesHolder = { current: old };
    const reload = createReloader({
      config: loadConfig({}),
      holder,
      logger: silentLogger(),
      build: async () => {
        throw new Error('Index file x/vectors.bin cannot be read');
      },
    });
    await expect(reload()).rejects.toMatchObject({ code: 'index_unavailable', status: 503 });
    await expect(reload()).rejects.toThrow(/vectors\.bin.*|still serving/);
    expect(holder.current).toBe(old);
  });

  it('runs one reload at a time; calls during a reload share one follow-up that sees the latest index', async () => {
    const holder: ServicesHolder = { current: services('v0') };
    const gates = [deferred<Services>(), deferred<Services>()];
    let builds = 0;
    const reload = createReloader({ config: loadConfig({}), holder, logger: silentLogger(), build: () => gates[builds++].promise });
    const first = reload('a');
    const second = reload('b');
    const third = reload('c');
    expect(second).toBe(third);
    expect(builds).toBe(1);
    gates[0].resolve(services('v1'));
    await first;
    await new Promise((r) => setTimeout(r, 0));
    expect(builds).toBe(2);
    gates[1].resolve(services('v2'));
    await second;
    expect(holder.current?.index.documentById.has('v2')).toBe(true);
  });
});
