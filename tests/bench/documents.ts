import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { round, runChild } from './stats.js';

/** The real documents of the ingest benchmark: the whole Chinese Debian Reference, as HTML and as PDF. */
const DEBIAN_REFERENCE = '/usr/share/debian-reference';
export const DOCUMENT_TARGETS = { htmlSeconds: 30, pdfSeconds: 60, peakRssMb: 1024 };

export interface DocumentIngestRow {
  corpus: string;
  files: number;
  megabytes: number;
  seconds: number;
  documents: number;
  chunks: number;
  docsPerSecond: number;
  chunksPerSecond: number;
  peakRssMb: number;
  targetSeconds: number;
  skipped: string[];
}

async function ingestRow(workDir: string, name: string, files: string[], targetSeconds: number): Promise<DocumentIngestRow> {
  const corpusDir = path.join(workDir, name, 'corpus');
  await mkdir(corpusDir, { recursive: true });
  let bytes = 0;
  for (const file of files) {
    await copyFile(file, path.join(corpusDir, path.basename(file)));
    bytes += (await stat(file)).size;
  }
  const r = await runChild<{ seconds: number; documents: number; chunks: number; skipped: string[]; peakRssMb: number }>(
    'documents-child.ts',
    [corpusDir, path.join(workDir, name, 'index')],
    { timeoutMs: 600_000 },
  );
  return {
    corpus: name,
    files: files.length,
    megabytes: round(bytes / 1024 / 1024, 2),
    seconds: r.seconds,
    documents: r.documents,
    chunks: r.chunks,
    docsPerSecond: round(r.documents / r.seconds, 2),
    chunksPerSecond: Math.round(r.chunks / r.seconds),
    peakRssMb: r.peakRssMb,
    targetSeconds,
    skipped: r.skipped,
  };
}

/**
 * Ingest of debian-reference-zh-cn: its 16 HTML files (15 chapters and appendices + the language index)
 * and its PDF, each a full ingest in a fresh process. Undefined (with a notice) when the package is absent.
 */
export async function benchDocuments(workDir: string, log: (s: string) => void): Promise<DocumentIngestRow[] | undefined> {
  if (!existsSync(DEBIAN_REFERENCE)) {
    log(`documents: skipped, ${DEBIAN_REFERENCE} is absent (apt-get install debian-reference-zh-cn)`);
    return undefined;
  }
  const names = await readdir(DEBIAN_REFERENCE);
  const html = names.filter((n) => n.endsWith('.zh-cn.html') || n === 'index.html').map((n) => path.join(DEBIAN_REFERENCE, n));
  const pdf = path.join(DEBIAN_REFERENCE, 'debian-reference.zh-cn.pdf');
  const rows = [await ingestRow(workDir, 'debian-reference-zh-cn HTML', html, DOCUMENT_TARGETS.htmlSeconds)];
  log(`documents: HTML ${rows[0].files} files ${rows[0].seconds} s, ${rows[0].chunksPerSecond} chunks/s, peak RSS ${rows[0].peakRssMb} MB`);
  if (existsSync(pdf)) {
    rows.push(await ingestRow(workDir, 'debian-reference-zh-cn PDF', [pdf], DOCUMENT_TARGETS.pdfSeconds));
    log(`documents: PDF ${rows[1].seconds} s, ${rows[1].chunksPerSecond} chunks/s, peak RSS ${rows[1].peakRssMb} MB`);
  }
  return rows;
}

export function documentsMarkdown(rows: DocumentIngestRow[] | undefined): string[] {
  if (!rows) return ['', 'Document ingest: skipped (debian-reference-zh-cn is not installed).'];
  const ok = (met: boolean) => (met ? 'met' : '**missed**');
  return [
    '',
    '| Ingest of real documents (full, fresh process each) | files | MB | seconds | docs/s | chunks | chunks/s | peak RSS | target |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.corpus} | ${r.files} | ${r.megabytes} | ${r.seconds} | ${r.docsPerSecond} | ${r.chunks} | ${r.chunksPerSecond} | ${r.peakRssMb} MB | ≤ ${r.targetSeconds} s: ${ok(r.seconds <= r.targetSeconds)}; ≤ ${DOCUMENT_TARGETS.peakRssMb} MB: ${ok(r.peakRssMb <= DOCUMENT_TARGETS.peakRssMb)} |`,
    ),
    ...rows.filter((r) => r.skipped.length).map((r) => `\n${r.corpus} skipped: ${r.skipped.join('; ')}`),
  ];
}
