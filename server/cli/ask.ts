import { loadConfig, ConfigError } from '../config.js';
import { buildServices } from '../core/build-services.js';
import { ensureIndex } from '../ensure-index.js';
import { isAppError } from '../errors.js';

/** `npm run ask -- "问题" [--json]`: one question, one short answer with its sources. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const question = args.filter((a) => a !== '--json').join(' ').trim();
  if (!question) {
    console.error('usage: npm run ask -- "摩尔线程有多少名员工?" [--json]');
    process.exit(2);
  }
  const config = loadConfig(process.env);
  await ensureIndex(config, () => console.error(`No index at ${config.indexDir}: building it from ${config.corpusDir}…`));
  const services = await buildServices({ config });
  const result = await services.answerService.answerQuestion(question, []);
  if (json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(result.answer);
  if (result.citations.length) {
    console.log(result.answered ? '\nSources:' : '\nClosest passages — not an answer:');
    for (const c of result.citations) console.log(`  [${c.n}] ${c.source} @${c.start}-${c.end}: ${c.quote}`);
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError || isAppError(error) ? error.message : error);
  process.exit(1);
});
