import type { StoredDocument } from './index-format.js';

/**
 * Last range starting at or before offset that also contains it (ranges are sorted and disjoint): a document's pages,
 * headings and code blocks, also while ingest splits it.
 */
export function containing<T extends { start: number; end: number }>(ranges: readonly T[] | undefined, offset: number): T | undefined {
  if (!ranges || ranges.length === 0) return undefined;
  let lo = 0;
  let hi = ranges.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const r = found >= 0 ? ranges[found] : undefined;
  return r && offset < r.end ? r : undefined;
}

/** Where an offset of a document sits: its PDF page and its heading path, when the document has them. */
export function locateOffset(doc: StoredDocument, offset: number): { page?: number; headings?: string[] } {
  const page = containing(doc.pages, offset)?.page;
  const headings = containing(doc.headings, offset)?.path;
  // Fields set one by one (spreads of two small objects before: the same fields, in the same order).
  const at: { page?: number; headings?: string[] } = {};
  if (page !== undefined) at.page = page;
  if (headings?.length) at.headings = headings;
  return at;
}

/** The offset lies in a code block the document's format marked (an HTML <pre>, a Markdown code block). */
export function inCodeBlock(doc: StoredDocument, offset: number): boolean {
  return containing(doc.codeBlocks, offset) !== undefined;
}
