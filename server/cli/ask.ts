import { loadConfig, ConfigError } from '../config.js';
import { buildServices } from '../core/build-services.js';
import { ensureIndex } from '../ensure-index.js';
import { isAppError } from '../errors.js';
import { runChatSession } from './chat-session.js';
import { openCliStorage } from './open-cli-storage.js';

/** `npm run ask -- --chat [--conversation <id>]`: an interactive session with follow-ups (see chat-session.ts). */
async function chat(args: string[]): Promise<void> {
  const at = args.indexOf('--conversation');
  const conversationId = at >= 0 ? args[at + 1] : undefined;
  const config = loadConfig(process.env);
  await ensureIndex(config, () => console.error(`No index at ${config.indexDir}: building it from ${config.corpusDir}…`));
  const services = await buildServices({ config });
  const storage = config.storage ? await openCliStorage(config) : undefined;
  try {
    await runChatSession({ answerService: services.answerService, storage, input: process.stdin, output: process.stdout, conversationId });
  } finally {
    await storage?.close();
  }
}

/** `npm run ask -- "问题" [--json]`: one question, one short answer with its sources. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--chat')) return chat(args);
  const json = args.includes('--json');
  const question = args.filter((a) => a !== '--json').join(' ').trim();
  if (!question) {
    console.error('usage: npm run ask -- "摩尔线程有多少名员工?" [--json]   |   npm run ask -- --chat [--conversation <id>]');
    process.exit(2);
  }
  const config = loadConfig(process.env);
  await ensureIndex(config, (event) =>
    console.error(
      event.kind === 'missing'
        ? `No index at ${config.indexDir}: building it from ${config.corpusDir}…`
        : `${config.corpusDir} changed since the index was built (${event.changes}): re-ingesting…`,
    ),
  );
  const services = await buildServices({ config });
  const result = await services.answerService.answerQuestion(question, []);
  if (json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(result.answer);
  if (result.citations.length) {
    console.log('\nSources:');
    for (const c of result.citations) console.log(`  [${c.n}] ${c.source} @${c.start}-${c.end}: ${c.quote}`);
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError || isAppError(error) ? error.message : error);
  process.exit(1);
});
