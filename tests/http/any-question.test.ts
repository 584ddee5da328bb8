import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { buildTestServices, type TestServices } from '../helpers/build-test-services.js';

/**
 * Any question, in any language or script, gets a 200 with an answer or a refusal (with closest passages
 * where there are any) — never an error. Over the article plus a hard-wrapped English manual page.
 */
let t: TestServices;
let app: ReturnType<typeof createApp>;

const MANUAL = Array.from(
  { length: 6 },
  (_, i) =>
    `    Section ${i} explains how the boot loader hands the system over to the kernel, and what\n    the administrator can configure in "/etc/default/grub" before running update-grub.\n`,
).join('\n');

beforeAll(async () => {
  t = await buildTestServices({ extraDocuments: { 'manual/boot.txt': MANUAL } });
  const config = loadConfig({ ...process.env, RATE_LIMIT_PER_MINUTE: '0', API_KEYS: '', CORS_ORIGINS: '' });
  app = createApp({ services: { current: t.services }, logger: silentLogger(), config });
});
afterAll(() => t.cleanup());

const WORDS = ['摩尔线程', '员工', '多少', '为什么', '谁', 'how', 'many', 'boot', 'loader', 'grub', '它', 'it', 'the company', '公司', 'Zhang', 'Nvidia', 'Москва', 'مرحبا', '東京', '🙂', '2024', '%', '?', ' '];

const question = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((w) => w.join(' ')),
  fc.string({ unit: fc.constantFrom(...'的是了吗呢?？。,.!abcXYZ0123456789 \n\t'), minLength: 1, maxLength: 40 }),
).filter((q) => q.trim().length > 0);

const history = fc.array(
  fc.record({ role: fc.constantFrom('user' as const, 'assistant' as const), content: fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 40 })) }),
  { maxLength: 4 },
);

describe('any question', () => {
  it('gets a 200 with an answer or a refusal with passages, never an error', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(question, history, async (q, h) => {
        const res = await request(app).post('/api/ask').send({ question: q, history: h });
        expect(res.status).toBe(200);
        expect(typeof res.body.answer).toBe('string');
        expect(res.body.answer.length).toBeGreaterThan(0);
        expect(typeof res.body.answered).toBe('boolean');
        expect(res.body.citations.length).toBeLessThanOrEqual(res.body.answered ? 10 : 3);
        for (const c of res.body.citations) {
          expect(t.services.index.documentById.get(c.docId)!.text.slice(c.start, c.end)).toBe(c.quote);
          expect(c.kind === 'passage').toBe(!res.body.answered);
        }
        if (res.body.answered) expect(res.body.answer.startsWith('…')).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
