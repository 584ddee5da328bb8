import type { Manifest } from '../index-store/index-format.js';

/** One document of the library, as GET /api/documents lists it. */
export interface DocumentEntry {
  docId: string;
  title: string;
  /** Path relative to the corpus directory. */
  source: string;
  format: string;
  bytes: number | null;
  chunks: number;
  ingestedAt: string;
}

export function documentEntries(manifest: Manifest): DocumentEntry[] {
  return (manifest.documents ?? []).map((d) => ({
    docId: d.docId,
    title: d.title,
    source: d.source,
    format: d.format ?? (d.source.toLowerCase().endsWith('.md') ? 'md' : 'txt'),
    bytes: d.bytes ?? null,
    chunks: d.chunkCount,
    ingestedAt: d.ingestedAt ?? manifest.createdAt,
  }));
}
