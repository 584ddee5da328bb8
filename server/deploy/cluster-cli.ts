import { parseArgs } from 'node:util';
import { startCluster } from './cluster.js';

const USAGE = `npm run cluster -- [--replicas N] [--port P]

Starts N replicas of the assistant on one PostgreSQL (DATABASE_URL) behind nginx, all on 127.0.0.1,
and stays in the foreground; Ctrl-C stops everything. Replica logs: <work dir>/replica-<n>.log.
  --replicas N   how many replicas (default 3)
  --port P       nginx's port (default 8080; 0 picks a free one)
Needs DATABASE_URL=postgres://... (e.g. after \`pg_ctlcluster 15 main start\`) and Debian's nginx.`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { replicas: { type: 'string', default: '3' }, port: { type: 'string', default: '8080' }, help: { type: 'boolean' } } });
  if (values.help) return void console.log(USAGE);
  const replicas = Number(values.replicas);
  const port = Number(values.port);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 16) throw new Error('--replicas must be a whole number from 1 to 16');
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('set DATABASE_URL=postgres://user:password@127.0.0.1:5432/dbname (the replicas share it)');
  console.log(`starting ${replicas} replicas and nginx...`);
  const cluster = await startCluster({ replicas, databaseUrl, port });
  for (const r of cluster.replicas) console.log(`  replica ${r.n}: ${r.url} (pid ${r.pid()})`);
  console.log(`Cluster ready: ${cluster.url}  (work dir ${cluster.workDir}; Ctrl-C stops it)`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('stopping nginx and the replicas...');
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`cluster: ${(error as Error).message}`);
  process.exit(1);
});
