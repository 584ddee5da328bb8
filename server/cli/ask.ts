import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError, type Config } from '../config.js';
import type { AskResult } from '../core/types.js';
import { isAppError } from '../shared/errors.js';
import { askRunningServer } from './running-server.js';

const USAGE = `usage: npm run ask -- "摩尔线程有多少名员工?" [--json] [--local] [--server http://127.0.0.1:3000] [--verbose]
       npm run ask -- --chat [--conversation <id>]   (an interactive session with follow-ups)
       npx corpus-ask "…"   (the same)

Asks the server started with \`npm start\` when one answers on HOST:PORT (or --server) and serves the
same index; otherwise answers here, in-process (--local: always in-process).`;

/** Where `npm start` listens with this environment (a server bound to every interface is reached on loopback). */
function configuredServerUrl(config: Config): string {
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

/** The version directory the index link points at (`index.v…`), or undefined when there is no index yet. */
async function indexVersion(indexDir: string): Promise<string | undefined> {
  try {
    return path.basename(await realpath(indexDir));
  } catch {
    return undefined;
  }
}

/** In-process: only what answering needs (no HTTP stack, no Slack, no LLM client unless configured). */
async function answerHere(config: Config, question: string): Promise<AskResult> {
  const [{ ensureIndex }, { buildServices }] = await Promise.all([import('../../ingest/ensure-index.js'), import('../build-services.js')]);
  await ensureIndex(config, (event) =>
    console.error(
      event.kind === 'missing'
        ? `No index at ${config.indexDir}: building it from ${config.corpusDir}…`
        : `${config.corpusDir} changed since the index was built (${event.changes}): re-ingesting…`,
    ),
  );
  const services = await buildServices({ config });
  return services.answerService.answerQuestion(question, []);
}

/** `npm run ask -- --chat [--conversation <id>]`: an interactive session with follow-ups (see chat-session.ts), in-process. */
async function chat(config: Config, conversationId: string | undefined): Promise<void> {
  // The chat session and its database are loaded only for --chat: a one-shot look-up stays lean.
  const [{ ensureIndex }, { buildServices }, { runChatSession }, { openCliStorage }] = await Promise.all([
    import('../../ingest/ensure-index.js'),
    import('../build-services.js'),
    import('./chat-session.js'),
    import('./open-cli-storage.js'),
  ]);
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
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean' }, chat: { type: 'boolean' }, conversation: { type: 'string' }, local: { type: 'boolean' }, server: { type: 'string' }, verbose: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.chat) return chat(loadConfig(process.env), values.conversation);
  const question = positionals.join(' ').trim();
  if (values.help || !question) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const config = loadConfig(process.env);
  let result: AskResult | undefined;
  if (!values.local) {
    const url = values.server ?? configuredServerUrl(config);
    const served = await askRunningServer({
      url,
      question,
      apiKey: config.apiKeys[0],
      indexVersion: await indexVersion(config.indexDir),
      answerTimeoutMs: config.requestTimeoutMs,
    });
    if ('result' in served) {
      result = served.result;
      if (values.verbose) console.error(`answered by the server on ${url}`);
    } else if (values.verbose || values.server) console.error(`${served.skipped}: answering in-process`);
  }
  result ??= await answerHere(config, question);

  if (values.json) {
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
  console.error(error instanceof ConfigError || isAppError(error) ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
