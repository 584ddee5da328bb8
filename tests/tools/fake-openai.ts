import { DEV_SET_REWRITES } from '../helpers/dev-set-rewrites.js';
import { startFakeOpenAiServer } from '../helpers/fake-openai-server.js';

/**
 * `npm run fake-openai [-- <port>]`: the tests' fake OpenAI-compatible server as a standalone
 * process on 127.0.0.1, to try GENERATOR=openai / EMBEDDINGS=openai without a model, e.g.
 *   GENERATOR=openai OPENAI_BASE_URL=http://127.0.0.1:<port>/v1 npm run eval -- qa-dev.json
 */
const port = Number(process.argv[2] ?? 0);
const fake = await startFakeOpenAiServer({ condense: (last) => DEV_SET_REWRITES[last] ?? last, port });
console.log(`fake OpenAI-compatible server: OPENAI_BASE_URL=${fake.baseURL}`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
