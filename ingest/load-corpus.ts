import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface CorpusDocument {
  docId: string;
  /** Path relative to the corpus directory, with forward slashes. */
  source: string;
  title: string;
  date: string | null;
  /** Raw file text: every offset in the index points into this exact string. */
  text: string;
  /** Where article text ends: site navigation after this offset is never indexed. */
  contentEnd: number;
  /** sha256 of the raw bytes. */
  hash: string;
}

const EXTENSIONS = new Set(['.txt', '.md']);

/** Headings that open a site's navigation or related-links list; everything from there on is not article text. */
const NAVIGATION_HEADING = /^\s*(新闻资讯|相关(新闻|文章|阅读|推荐)|推荐阅读|热门(文章|推荐|新闻)|更多(新闻|资讯)|上一篇|下一篇)(\s*[A-Za-z ]*)?\s*$/;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listFiles(full);
      return entry.isFile() && EXTENSIONS.has(path.extname(entry.name).toLowerCase()) ? [full] : [];
    }),
  );
  return files.flat().sort();
}

/** URL-safe, stable id from the relative path: "reports/2025/a b.txt" → "reports--2025--a-b". */
export function docIdFromSource(source: string): string {
  return source
    .replace(/\.(txt|md)$/i, '')
    .split('/')
    .map((part) => part.normalize('NFKC').replace(/[^\p{L}\p{N}_.-]+/gu, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('--');
}

/** Offset where site navigation starts (only searched in the second half, so an article can mention such words). */
export function findContentEnd(text: string): number {
  let offset = 0;
  for (const line of text.split('\n')) {
    if (offset > text.length / 2 && NAVIGATION_HEADING.test(line)) return offset;
    offset += line.length + 1;
  }
  return text.length;
}

export function parseDocument(source: string, raw: Buffer): CorpusDocument {
  const text = raw.toString('utf8');
  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? source;
  const date = /日期\s*[::]\s*(\d{4}-\d{2}-\d{2})/.exec(text)?.[1] ?? /^date:\s*(\d{4}-\d{2}-\d{2})/im.exec(text)?.[1] ?? null;
  return {
    docId: docIdFromSource(source),
    source,
    title: firstLine.replace(/^#+\s*/, '').trim(),
    date,
    text,
    contentEnd: findContentEnd(text),
    hash: createHash('sha256').update(raw).digest('hex'),
  };
}

export async function loadCorpus(corpusDir: string): Promise<CorpusDocument[]> {
  const files = await listFiles(corpusDir);
  const docs = await Promise.all(
    files.map(async (file) => parseDocument(path.relative(corpusDir, file).split(path.sep).join('/'), await readFile(file))),
  );
  const seen = new Map<string, string>();
  for (const doc of docs) {
    const other = seen.get(doc.docId);
    if (other) throw new Error(`Two corpus files map to the same document id "${doc.docId}": ${other} and ${doc.source}. Rename one.`);
    seen.set(doc.docId, doc.source);
  }
  return docs;
}
