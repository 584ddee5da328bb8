import { readFile } from 'node:fs/promises';
import { loadConfig, ConfigError } from '../config.js';
import { buildServices } from '../core/build-services.js';
import { ensureIndex } from '../ensure-index.js';
import { isAppError } from '../errors.js';
import { scoreCases, type EvalCase } from '../eval/score-cases.js';

/**
 * `npm run eval -- <file.json> [--allow-kind crosslingual]`: scores a question file in-process, prints
 * each failure and the totals per kind. Exits 1 if any case of a required kind fails.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: npm run eval -- <questions.json> [--optional-kinds crosslingual]');
    process.exit(2);
  }
  const optIdx = args.indexOf('--optional-kinds');
  const optional = new Set(optIdx >= 0 ? (args[optIdx + 1] ?? '').split(',') : ['crosslingual']);
  const { cases } = JSON.parse(await readFile(file, 'utf8')) as { cases: EvalCase[] };
  const config = loadConfig(process.env);
  await ensureIndex(config, (event) =>
    console.error(
      event.kind === 'missing'
        ? `No index at ${config.indexDir}: building it from ${config.corpusDir}…`
        : `${config.corpusDir} changed since the index was built (${event.changes}): re-ingesting…`,
    ),
  );
  const services = await buildServices({ config });
  const results = await scoreCases(cases, services.answerService, services.index);

  const kinds = new Map<string, { pass: number; total: number }>();
  let requiredFailures = 0;
  for (const r of results) {
    const k = kinds.get(r.kind) ?? { pass: 0, total: 0 };
    k.total++;
    if (r.pass) k.pass++;
    kinds.set(r.kind, k);
    if (!r.pass) {
      if (!optional.has(r.kind)) requiredFailures++;
      console.log(`FAIL ${r.id} [${r.kind}${optional.has(r.kind) ? ', optional' : ''}] ${r.problems.join('; ')}\n     answer: ${r.result.answer.slice(0, 160)}`);
    }
  }
  for (const [kind, { pass, total }] of kinds) console.log(`${kind}: ${pass}/${total}${optional.has(kind) ? ' (optional)' : ''}`);
  const passed = results.filter((r) => r.pass).length;
  console.log(`eval: ${passed} passed, ${results.length - passed} failed (${requiredFailures} in required kinds)`);
  process.exit(requiredFailures > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error instanceof ConfigError || isAppError(error) ? error.message : error);
  process.exit(1);
});
