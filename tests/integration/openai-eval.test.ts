import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiGeneratorWithFallback } from '../../server/generators/llm/create-openai-generator.js';
import { scoreCases, type CaseResult, type EvalCase } from '../../server/eval/score-cases.js';
import { buildTestServices, type TestServices } from '../helpers/build-test-services.js';
import { DEV_SET_REWRITES } from '../helpers/dev-set-rewrites.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';

/**
 * `npm run eval:openai`: the dev question set through the LLM path (GENERATOR=openai, real
 * @langchain/openai client) against the fake OpenAI-compatible server, checking exact citations.
 *
 * The fake is not a language model: it echoes the offered passage that best covers the question
 * (or says NOT_IN_ARTICLE), and follow-up rewriting is scripted below. So this measures the
 * plumbing - passages in the prompt, markers validated, spans exact, refusals, follow-ups through
 * condenseQuestion - not answer quality. Cross-lingual cases are reported but not required: the
 * fake cannot translate.
 */
const QA_FILE = process.env.QA_DEV_FILE ?? '/work/shared/eval/qa-dev.json';
const OPTIONAL_KINDS = new Set(['crosslingual']);


let fake: FakeOpenAiServer;
let t: TestServices;
let results: CaseResult[] = [];

describe.skipIf(!existsSync(QA_FILE))('dev questions through GENERATOR=openai (fake upstream)', () => {
  beforeAll(async () => {
    fake = await startFakeOpenAiServer({ condense: (last) => DEV_SET_REWRITES[last] ?? last });
    t = await buildTestServices({
      env: { GENERATOR: 'openai', OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'sk-test', OPENAI_MAX_RETRIES: '0' },
      generator: (config) => createOpenAiGeneratorWithFallback(config, { cooldownMs: 0 }),
    });
    const { cases } = JSON.parse(readFileSync(QA_FILE, 'utf8')) as { cases: EvalCase[] };
    const started = Date.now();
    results = await scoreCases(cases, t.services.answerService, t.services.index);
    const kinds = new Map<string, { pass: number; total: number }>();
    for (const r of results) {
      const k = kinds.get(r.kind) ?? { pass: 0, total: 0 };
      k.total++;
      if (r.pass) k.pass++;
      kinds.set(r.kind, k);
      if (!r.pass) console.log(`FAIL ${r.id} [${r.kind}] ${r.problems.join('; ')} | ${r.result.answer.slice(0, 120)}`);
    }
    console.log(
      `eval:openai ${[...kinds].map(([k, v]) => `${k} ${v.pass}/${v.total}`).join(', ')}; ` +
        `${fake.chatRequests().length} chat requests in ${Date.now() - started} ms`,
    );
  }, 120_000);
  afterAll(async () => {
    await fake.close();
    await t?.cleanup();
  });

  it('every answer went through the LLM path (no degraded fallbacks)', () => {
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.result.degraded)).toEqual([]);
    expect(fake.chatRequests().length).toBeGreaterThanOrEqual(results.length - 1);
  });

  it('all citations are exact spans and every marker has a citation', () => {
    const offsetProblems = results.flatMap((r) => r.problems.filter((p) => /offsets|has no citation/.test(p)).map((p) => `${r.id}: ${p}`));
    expect(offsetProblems).toEqual([]);
  });

  it('passes at least 90% of the required cases (fact, refuse, followup) and every refusal', () => {
    // Not 100%: the fake's bigram matching picks a wrong passage now and then (d15, a question
    // about 沐曦's investors, gets 摩尔线程's "知名机构" sentence). That is the fake, not the pipeline.
    const required = results.filter((r) => !OPTIONAL_KINDS.has(r.kind));
    const passed = required.filter((r) => r.pass).length;
    expect(passed / required.length).toBeGreaterThanOrEqual(0.9);
    expect(results.filter((r) => r.kind === 'refuse' && !r.pass).map((r) => r.id)).toEqual([]);
  });
});
