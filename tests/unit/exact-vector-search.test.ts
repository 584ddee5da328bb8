import hnswlib from 'hnswlib-node';
import { describe, expect, it } from 'vitest';
import { createVectorSearch } from '../../server/retrieval/exact-vector-search.js';
import type { LoadedIndex } from '../../server/shared/index-format/loaded-index.js';

const DIM = 32;

/** A seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Vectors like the local embedder's: hashed words, signed (few words: sparse, many: dense). */
function sparse(next: () => number, words: number): number[] {
  const v = new Array<number>(DIM).fill(0);
  for (let i = 0; i < words; i++) v[Math.floor(next() * DIM)] += (next() < 0.5 ? -1 : 1) * (0.2 + next());
  return v;
}

function index(points: number[][], efSearch: number): Pick<LoadedIndex, 'vectors' | 'manifest'> {
  const vectors = new hnswlib.HierarchicalNSW('cosine', DIM);
  vectors.initIndex(Math.max(1, points.length), 16, 48, 100);
  points.forEach((p, i) => vectors.addPoint(p, i));
  vectors.setEf(efSearch);
  return { vectors, manifest: { hnsw: { space: 'cosine', m: 16, efConstruction: 48, efSearch } } as LoadedIndex['manifest'] };
}

describe('exact vector search (small indexes)', () => {
  it('returns what hnswlib returns, for every k, on an index no larger than efSearch', () => {
    const next = random(7);
    const idx = index(
      Array.from({ length: 60 }, () => sparse(next, 40)),
      128,
    );
    const search = createVectorSearch(idx);
    expect(search.exact).toBe(true);
    // Counts the searches left to hnswlib (ties), so the comparison is known to test the exact path.
    const native = idx.vectors.searchKnn.bind(idx.vectors);
    let leftToHnswlib = 0;
    Object.defineProperty(idx.vectors, 'searchKnn', { value: (...args: Parameters<typeof native>) => (leftToHnswlib++, native(...args)) });
    let compared = 0;
    for (let q = 0; q < 300; q++) {
      const query = sparse(next, 10 + Math.floor(next() * 10));
      for (const k of [1, 5, 20, 60]) {
        expect(search.nearest(query, k)).toEqual(idx.vectors.searchKnn(query, k).neighbors);
        compared++;
      }
    }
    expect(compared).toBe(1200);
    // The comparisons call searchKnn 1200 times themselves; most searches must have been answered exactly.
    expect(leftToHnswlib - compared).toBeLessThan(compared / 4);
  });

  it('orders equal distances by label, as hnswlib does: duplicate chunks, chunks the query shares nothing with', () => {
    const next = random(11);
    const points = Array.from({ length: 20 }, () => sparse(next, 4));
    points[3] = [...points[5]];
    points[7] = new Array<number>(DIM).fill(0);
    points[8] = new Array<number>(DIM).fill(0);
    const idx = index(points, 64);
    const search = createVectorSearch(idx);
    const dot = (p: number[], q: number[]) => p.reduce((n, x, d) => n + x * q[d], 0) / (Math.hypot(...p) || 1);
    for (const query of [points[5], sparse(next, 1), sparse(next, 2), sparse(next, 3)]) {
      const cosine = points.map((p) => dot(p, query));
      // Equal cosines in label order (the sort is stable over labels); near-equal ones (not equal) are left to hnswlib.
      const expected = cosine.map((_, i) => i).sort((a, b) => cosine[b] - cosine[a]);
      for (const k of [2, 10, 20]) {
        const nearTie = expected.slice(0, k + 1).some((id, i, all) => i > 0 && cosine[all[i - 1]] !== cosine[id] && cosine[all[i - 1]] - cosine[id] < 1e-5);
        expect(search.nearest(query, k)).toEqual(nearTie ? idx.vectors.searchKnn(query, k).neighbors : expected.slice(0, k));
      }
    }
  });

  it('leaves near-equal distances and an empty query to hnswlib', () => {
    const next = random(13);
    const points = Array.from({ length: 20 }, () => sparse(next, 30));
    // Chunk 4 is chunk 9 nudged: a distance apart that float32 and float64 need not agree on.
    points[4] = points[9].map((x, d) => (d === 0 ? x + 1e-7 : x));
    const idx = index(points, 64);
    const search = createVectorSearch(idx);
    const native = idx.vectors.searchKnn.bind(idx.vectors);
    let leftToHnswlib = 0;
    Object.defineProperty(idx.vectors, 'searchKnn', { value: (...args: Parameters<typeof native>) => (leftToHnswlib++, native(...args)) });
    const query = new Array<number>(DIM).fill(0.5);
    expect(search.nearest(query, 20)).toEqual(native(query, 20).neighbors);
    expect(leftToHnswlib).toBe(1);
    expect(search.nearest(new Array<number>(DIM).fill(0), 5)).toEqual(native(new Array<number>(DIM).fill(0), 5).neighbors);
    expect(leftToHnswlib).toBe(2);
  });

  it('keeps hnswlib for an index larger than efSearch (its approximate search is the product there)', () => {
    const next = random(3);
    const idx = index(
      Array.from({ length: 40 }, () => sparse(next, 6)),
      16,
    );
    const search = createVectorSearch(idx);
    expect(search.exact).toBe(false);
    expect(search.count).toBe(40);
    const query = sparse(next, 4);
    expect(search.nearest(query, 10)).toEqual(idx.vectors.searchKnn(query, 10).neighbors);
  });

  it('an empty index searches nothing itself', () => {
    const idx = index([], 128);
    expect(createVectorSearch(idx).exact).toBe(false);
  });
});
