import type { RetrievalQuery } from './retriever.js';
import type { Embedder } from '../shared/embeddings/embedder.js';
import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { Retriever } from './retriever.js';
import { reciprocalRankFusion } from './rrf.js';

/**
 * The retrieval half past one machine's memory (README, "Sizing"): chunks live in PostgreSQL with
 * pgvector, so a replica no longer holds the index. Vectors are searched by pgvector's HNSW (cosine), the
 * keyword half runs on the ingest's own pre-segmented tokens (jieba, numbers kept whole) stored as a
 * tsvector built with array_to_tsvector — no PostgreSQL parser touches Chinese text — ranked by ts_rank,
 * and the two lists are fused by the same reciprocal-rank fusion as the in-memory retriever.
 * Works over anything with pg's `query(text, values)`: a pg Pool, or PGlite with its vector extension.
 * A measured spike (npm run bench -- --pgvector), not yet wired into the server.
 */
export interface SqlClient {
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

const vectorLiteral = (v: ArrayLike<number>) => `[${Array.from(v, (x) => (Number.isFinite(x) ? x : 0)).join(',')}]`;
/** A tsquery of literal lexemes (the ::tsquery cast does not normalise, matching array_to_tsvector). */
const lexeme = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

export async function createChunkTable(db: SqlClient, dimensions: number): Promise<void> {
  await db.query('create extension if not exists vector');
  await db.query(`create table if not exists retrieval_chunks (chunk integer primary key, embedding vector(${dimensions}) not null, tokens tsvector not null)`);
}

/** Copies a loaded index's chunks (vector + the distinct tokens of their sentences) into the table, then indexes it. */
export async function loadChunkTable(db: SqlClient, index: LoadedIndex, batch = 500): Promise<void> {
  for (let start = 0; start < index.chunks.length; start += batch) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let c = start; c < Math.min(index.chunks.length, start + batch); c++) {
      const [, , , firstSentence, sentenceCount] = index.chunks[c];
      const tokens = new Set<string>();
      for (let s = firstSentence; s < firstSentence + sentenceCount; s++) {
        for (let i = index.terms.offsets[s]; i < index.terms.offsets[s + 1]; i++) tokens.add(index.vocab[index.terms.ids[i]]);
      }
      values.push(c, vectorLiteral(index.vectors.getPoint(c)), [...tokens].filter((t) => t.trim() !== ''));
      const n = values.length;
      rows.push(`($${n - 2}, $${n - 1}::vector, array_to_tsvector($${n}::text[]))`);
    }
    await db.query(`insert into retrieval_chunks (chunk, embedding, tokens) values ${rows.join(', ')}`, values);
  }
  await db.query('create index if not exists retrieval_chunks_hnsw on retrieval_chunks using hnsw (embedding vector_cosine_ops)');
  await db.query('create index if not exists retrieval_chunks_tokens on retrieval_chunks using gin (tokens)');
}

export function createPgHybridRetriever(deps: {
  db: SqlClient;
  embedder: Embedder;
  vectorWeight?: number;
  /** Above 0, the option and sigil names' tokens are searched too (unweighted here, like the words); 0 or absent: not. */
  codeNameWeight?: number;
}): Retriever {
  const weights = [1, deps.vectorWeight ?? 1];
  return {
    async retrieve(query: RetrievalQuery, k: number) {
      const depth = Math.max(k * 4, 20);
      // Unweighted here: the option and sigil names' tokens ("-m", "sort"), when on, are searched like the words.
      const code = (deps.codeNameWeight ?? 0) > 0 ? (query.codeTokens ?? []) : [];
      const terms = [...new Set([...query.terms.map((t) => t.term), ...code].filter((t) => t.trim() !== ''))];
      const keyword = terms.length
        ? (
            await deps.db.query<{ chunk: number }>(
              `select chunk from retrieval_chunks where tokens @@ $1::tsquery order by ts_rank(tokens, $1::tsquery) desc, chunk limit $2`,
              [terms.map(lexeme).join(' | '), depth],
            )
          ).rows.map((r) => r.chunk)
        : [];
      const vector = await deps.embedder.embeddings.embedQuery(query.text);
      const semantic = (
        await deps.db.query<{ chunk: number }>(`select chunk from retrieval_chunks order by embedding <=> $1::vector limit $2`, [vectorLiteral(vector), depth])
      ).rows.map((r) => r.chunk);
      return reciprocalRankFusion([keyword, semantic], 60, weights)
        .slice(0, k)
        .map(({ id, score }) => ({ chunk: id, score }));
    },
  };
}
