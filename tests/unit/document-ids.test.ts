import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignDocIds, docIdFromSource } from '../../ingest/load-corpus.js';

/** Unreserved URL characters (RFC 3986) plus letters and digits of any script (IRIs). */
const URL_SAFE = /^[\p{L}\p{N}_.~-]+$/u;

describe('document ids', () => {
  it('keep the ids of existing .txt/.md documents', () => {
    expect(docIdFromSource('china-gpu-makers-burning-cash-2025-07-12.txt')).toBe('china-gpu-makers-burning-cash-2025-07-12');
    expect(docIdFromSource('reports/2025/a b.md')).toBe('reports--2025--a-b');
  });

  it('keep the extension of other formats, so guide.html and guide.pdf are two documents', () => {
    const ids = assignDocIds(['guide.html', 'guide.pdf', 'guide.txt']);
    expect([...ids.values()]).toEqual(['guide.html', 'guide.pdf', 'guide']);
  });

  it('fall back to a hash of the path when nothing of the name is usable', () => {
    expect(docIdFromSource('!!!.txt')).toMatch(/^doc-[0-9a-f]{12}$/);
    expect(docIdFromSource('!!!.txt')).not.toBe(docIdFromSource('???.txt'));
    expect(docIdFromSource('...txt')).toMatch(URL_SAFE);
    expect(docIdFromSource('..')).not.toMatch(/^\.+$/);
  });

  it('tell apart two paths that map to one id (both get a hash of their path)', () => {
    const ids = assignDocIds(['a b.txt', 'a-b.txt', 'a?b.md']);
    expect(new Set(ids.values()).size).toBe(3);
    for (const id of ids.values()) expect(id).toMatch(/^a-b-[0-9a-f]{8}$/);
  });

  it('are always non-empty, unique, URL-safe and at most 120 characters (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 300 }), { minLength: 1, maxLength: 8 }), (names) => {
        const sources = [...new Set(names.map((n) => n.replace(/\/+/g, '/').replace(/^\/|\/$/g, '') || 'x'))];
        const ids = [...assignDocIds(sources).values()];
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) {
          expect(id).toMatch(URL_SAFE);
          expect(id.length).toBeLessThanOrEqual(132);
          expect(id).not.toMatch(/^\.+$/);
        }
      }),
    );
  });
});
