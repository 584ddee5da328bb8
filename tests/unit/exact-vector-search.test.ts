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

  it('leaves ties to hnswlib: identical chunks, chunks the query shares nothing with, an empty query', () => {
    const next = random(11);
    const points = Array.from({ length: 20 }, () => sparse(next, 4));
    points[3] = [...points[5]];
    points[7] = new Array<number>(DIM).fill(0);
    points[8] = new Array<number>(DIM).fill(0);
    const idx = index(points, 64);
    const search = createVectorSearch(idx);
    for (const query of [points[5], new Array<number>(DIM).fill(0), sparse(next, 1), sparse(next, 2)]) {
      for (const k of [2, 10, 20]) expect(search.nearest(query, k)).toEqual(idx.vectors.searchKnn(query, k).neighbors);
    }
  });

  it('keeps hnswlib for an index larger than efSearch (its approximate search is the product)', () => {
    const next = random(3);
    const idx = index(
      Array.from({ length: 40 }, () => sparse(next, 6)),
      16,
    );
    const search = createVectorSearch(idx);
    expect(search.exact).toBe(false);
    const query = sparse(next, 4);
    expect(search.nearest(query, 10)).toEqual(idx.vectors.searchKnn(query, 10).neighbors);
  });

  it('an empty index searches nothing itself', () => {
    const idx = index([], 128);
    expect(createVectorSearch(idx).exact).toBe(false);
  });
});
