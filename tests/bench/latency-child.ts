/** Child process for the latency benchmark (a clean heap: no ingest garbage, no autocannon): latency-child.ts <indexDir> <questions.json> <rounds> */
import path from 'node:path';
import { loadConfig } from '../../server/config.js';
import { benchLatency, loadDevCases } from './latency.js';
import { emit, REPO_ROOT } from './stats.js';

const [indexDir, questions, rounds] = process.argv.slice(2);
const config = loadConfig({ CORPUS_DIR: path.join(REPO_ROOT, 'corpus'), INDEX_DIR: indexDir, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', ANSWER_CACHE_SIZE: '0' });
benchLatency(config, await loadDevCases(questions), Number(rounds)).then(
  (result) => {
    emit(result);
    process.exit(0);
  },
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
