/** `npm run bench -- --pgvector [--smoke]`: the pgvector spike over synthetic corpora (see pgvector-child.ts). */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { runChild } from './stats.js';

export interface PgvectorRow {
  chunks: number;
  questions: number;
  loadSeconds: number;
  inMemory: { recallAt5: number; p50Ms: number; p99Ms: number };
  pgvector: { recallAt5: number; p50Ms: number; p99Ms: number };
}

export async function benchPgvector(workDir: string, sizes: number[], questions: number, log: (s: string) => void): Promise<PgvectorRow[]> {
  const rows: PgvectorRow[] = [];
  for (const size of sizes) {
    const dir = path.join(workDir, `scale-${size}`);
    await mkdir(dir, { recursive: true });
    if (!existsSync(path.join(dir, 'index'))) {
      await runChild('scale-child.ts', ['gen', dir, String(size)], { timeoutMs: 60_000 + size * 3 });
      await runChild('scale-child.ts', ['ingest', dir], { timeoutMs: 60_000 + size * 3 });
    }
    const row = await runChild<PgvectorRow>('pgvector-child.ts', [dir, String(questions)], { timeoutMs: 120_000 + size * 30 });
    log(`pgvector: ${row.chunks} chunks loaded in ${row.loadSeconds} s; recall@5 in-memory ${row.inMemory.recallAt5} vs pgvector ${row.pgvector.recallAt5}; p50 ${row.inMemory.p50Ms} vs ${row.pgvector.p50Ms} ms`);
    rows.push(row);
  }
  return rows;
}

export function pgvectorMarkdown(rows: PgvectorRow[]): string {
  return [
    '| Retrieval only, planted questions (pgvector in PGlite, in-process WASM) | chunks loaded into the database | recall@5 in memory | recall@5 pgvector + ts_rank | p50 / p99 in memory | p50 / p99 pgvector |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.chunks} chunks, ${r.questions} questions | ${r.loadSeconds} s | ${r.inMemory.recallAt5} | ${r.pgvector.recallAt5} | ${r.inMemory.p50Ms} / ${r.inMemory.p99Ms} ms | ${r.pgvector.p50Ms} / ${r.pgvector.p99Ms} ms |`),
  ].join('\n') + '\n';
}
