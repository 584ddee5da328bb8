import { createRequire } from 'node:module';
import path from 'node:path';
import { isFullWidth, joinSeparator } from '../../server/shared/text/cjk.js';
import { BULLET_MARKS } from '../../server/shared/text/char-classes.js';
import { documentWords, hyphenJoiner, type HyphenJoin } from './line-end-hyphens.js';
import type { ExtractedDocument, HeadingRange, PageRange } from './extracted-document.js';
import { ExtractionError } from './extraction-error.js';

// pdfjs-dist 4.x: the last major that runs on Node 20 (5.x wants Node 22). The legacy build is the one for Node.
const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

interface Line {
  text: string;
  y: number;
  height: number;
  right: number;
  /** Every character in a monospace font: a line of code, kept as a line. */
  mono: boolean;
  /** Characters per font size (rounded), for the line's dominant size. */
  heights: Map<number, number>;
}

/** The size with the most characters (the larger on a tie). */
function dominant(heights: Map<number, number>): number {
  let best = 0;
  let most = -1;
  for (const [h, n] of heights) if (n > most || (n === most && h > best)) [best, most] = [h, n];
  return best;
}

/** A line's text with page numbers neutralised, so "Chapter 5 Network 98" and "... 99" are one running header. */
const runningKey = (text: string) => text.replace(/\b[ivxlcdm]+\b|\d+/gi, '#').replace(/\s+/g, ' ').trim();
/** Table-of-contents dot leaders (". . . . . 98"). */
const DOT_LEADER = /(?:\s?\.){4,}\s?/g;
/** A table-of-contents entry: title, dot leader, page number. Navigation, not text: dropped. */
const TOC_ENTRY = /(?:\s?\.){4,}\s*(?:\d+|[ivxlcdm]+)\s*$/i;
const LIGATURE = /[\ufb00-\ufb06]/g;
// A printed list item starts its own paragraph: a bullet glyph wherever the line before it ended, an ASCII one after a
// line that ended (a minus or an asterisk also opens wrapped lines of prose and table rows).
const BULLET_GLYPH = new RegExp(`^[${BULLET_MARKS.replace(/[*-]/g, '')}]\\s`);
const ASCII_BULLET = /^[*-]\s/;
// A horizontal gap between two text items wider than this share of the font size is a space.
const WORD_GAP = 0.25;
const TERMINAL = /[。！？；.!?;:：]["'”’)）]*$/;

async function pageLines(page: Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>): Promise<Line[]> {
  const content = await page.getTextContent();
  const monoFonts = new Set(Object.entries(content.styles).filter(([, st]) => st.fontFamily === 'monospace').map(([name]) => name));
  const lines: Line[] = [];
  let current: Line | undefined;
  // Where the line's last item ended: separate elements (a link, a button, a table cell) are drawn apart without a space
  // character between them ("Handbook" … "Prev"), and the gap is all that says they are two words.
  let lastEnd = 0;
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const y = item.transform[5];
    const x = item.transform[4];
    const height = Math.abs(item.height) || Math.abs(item.transform[3]) || 10;
    if (current && Math.abs(current.y - y) > height * 0.5 && item.str.trim() !== '') {
      lines.push(current);
      current = undefined;
    }
    if (item.str !== '') {
      current ??= { text: '', y, height, right: 0, mono: true, heights: new Map() };
      const last = current.text[current.text.length - 1];
      // Also an item drawn back to the left of where the line's text ended: another element placed on the same line.
      const gap = x - lastEnd;
      const first = item.str[0];
      if (last !== undefined && (gap > height * WORD_GAP || gap < -height) && /\S/.test(last) && /\S/.test(first) && !isFullWidth(last) && !isFullWidth(first)) {
        current.text += joinSeparator(last, first);
      }
      current.text += item.str;
      lastEnd = x + item.width;
      if (item.str.trim() !== '' && !monoFonts.has(item.fontName)) current.mono = false;
      // A line's size is the size most of its characters have: one word in another font (an italic placeholder
      // drawn by a CJK fallback font, a bold link) does not make the line a heading.
      const chars = item.str.replace(/\s+/g, '').length;
      const key = Math.round(height * 10) / 10;
      current.heights.set(key, (current.heights.get(key) ?? 0) + chars);
      current.height = dominant(current.heights);
      current.right = Math.max(current.right, x + item.width);
    }
    // (pdf.js also marks an end of line with an empty item where only the font changes, mid-line: the next item's
    // position says whether the line goes on.)
    if (item.hasEOL && current && item.str !== '') {
      lines.push(current);
      current = undefined;
    }
  }
  if (current) lines.push(current);
  return lines
    .filter((l) => !TOC_ENTRY.test(l.text))
    .map((l) => {
      const text = l.text.replace(LIGATURE, (c) => c.normalize('NFKC'));
      return { ...l, text: l.mono ? text.replace(/\s+$/, '') : text.replace(DOT_LEADER, ' ').replace(/\s+/g, ' ').trim() };
    })
    .filter((l) => l.text.trim() !== '');
}

/** Lines that open or close at least 3 pages (page numbers aside) are running headers and footers. */
function runningLines(pages: Line[][]): Set<string> {
  const count = new Map<string, number>();
  for (const lines of pages) {
    const edge = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map((l) => runningKey(l.text)));
    for (const key of edge) count.set(key, (count.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(3, Math.ceil(pages.length * 0.05));
  return new Set([...count].filter(([key, n]) => n >= threshold && key !== '#' && key !== '').map(([key]) => key).concat(pages.length >= 3 ? ['#'] : []));
}

/**
 * Lines → paragraphs: a new paragraph after a vertical gap wider than the page's usual line spacing,
 * a change of font size (headings), or a short line ending a sentence. Lines within a paragraph are
 * joined: a hyphen at a line end is the typesetter's or the word's (line-end-hyphens.ts), CJK lines join without a space.
 */
function pageText(lines: Line[], hyphen: HyphenJoin): string {
  if (lines.length === 0) return '';
  const gaps = lines.slice(1).map((l, i) => lines[i].y - l.y).filter((g) => g > 0).sort((a, b) => a - b);
  const usualGap = gaps.length ? gaps[Math.floor(gaps.length / 2)] : lines[0].height * 1.2;
  const rights = lines.map((l) => l.right).sort((a, b) => a - b);
  const fullWidth = rights[Math.floor(rights.length * 0.9)] ?? 0;
  let text = lines[0].text;
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1];
    const line = lines[i];
    const gap = prev.y - line.y;
    if (prev.mono && line.mono && gap > 0 && gap <= usualGap * 1.35) {
      text += '\n' + line.text; // code: line by line, as printed
      continue;
    }
    const newParagraph =
      prev.mono !== line.mono ||
      gap <= 0 ||
      gap > usualGap * 1.35 ||
      Math.abs(line.height - prev.height) > Math.min(line.height, prev.height) * 0.15 ||
      (TERMINAL.test(prev.text) && prev.right < fullWidth * 0.85) ||
      BULLET_GLYPH.test(line.text) ||
      // "-" or "*" opening a line is an item only after a line that ended ("…(2GiB" / "- 1 byte)" goes on).
      (ASCII_BULLET.test(line.text) && (TERMINAL.test(prev.text) || prev.right < fullWidth * 0.85));
    if (newParagraph) text += '\n\n' + line.text;
    else {
      const joined = hyphen(prev.text, line.text);
      if (joined === 'join') text = text.slice(0, -1) + line.text;
      else if (joined === 'keep') text += line.text;
      else text += joinSeparator(prev.text[prev.text.length - 1], line.text[0]) + line.text;
    }
  }
  return text;
}

type OutlineNode = { title: string; dest: string | unknown[] | null; items: OutlineNode[] };

/** The PDF's bookmarks (outline) as heading ranges: each starts where its title appears on its page. */
async function outlineHeadings(
  doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>,
  text: string,
  pages: PageRange[],
): Promise<HeadingRange[]> {
  const outline = ((await doc.getOutline().catch(() => null)) ?? []) as OutlineNode[];
  const marks: Array<{ start: number; path: string[] }> = [];
  const visit = async (nodes: OutlineNode[], parents: string[]) => {
    for (const node of nodes) {
      const title = node.title.replace(/\s+/g, ' ').trim();
      const here = [...parents, title];
      try {
        const dest = typeof node.dest === 'string' ? await doc.getDestination(node.dest) : node.dest;
        const ref = Array.isArray(dest) ? dest[0] : null;
        const pageIndex = ref && typeof ref === 'object' ? await doc.getPageIndex(ref as never) : typeof ref === 'number' ? ref : -1;
        const page = pages.find((p) => p.page === pageIndex + 1);
        if (page && title) {
          const found = text.slice(page.start, page.end).indexOf(title);
          marks.push({ start: page.start + Math.max(0, found), path: here });
        }
      } catch {
        // A bookmark pointing nowhere: no heading range for it.
      }
      if (node.items?.length) await visit(node.items, here);
    }
  };
  await visit(outline, []);
  marks.sort((a, b) => a.start - b.start);
  return marks
    .map((m, i) => ({ start: m.start, end: marks[i + 1]?.start ?? text.length, path: m.path }))
    .filter((h) => h.end > h.start);
}

/**
 * PDF (pdfjs-dist, its own fonts and CJK character maps) → text per page with page ranges;
 * running headers/footers and page numbers dropped, hyphenation and ligatures repaired,
 * the outline as heading structure, the metadata title (else the first line) as title.
 */
export async function extractPdf(buf: Buffer): Promise<ExtractedDocument> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    data: new Uint8Array(buf), // a copy: pdfjs may detach the buffer it is given
    cMapUrl: path.join(pdfjsRoot, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(pdfjsRoot, 'standard_fonts') + path.sep,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    const name = (error as Error)?.name;
    if (name === 'PasswordException') throw new ExtractionError('encrypted', 'the PDF is password-protected');
    throw new ExtractionError('corrupt', `not a readable PDF (${(error as Error)?.message ?? name})`);
  }
  try {
    const perPage: Line[][] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      perPage.push(await pageLines(page));
      page.cleanup();
    }
    const running = runningLines(perPage);
    const hyphen = hyphenJoiner(
      documentWords(perPage.flatMap((lines) => lines.map((l) => l.text))),
      perPage.flatMap((lines) => lines.slice(1).map((l, i): [string, string] => [lines[i].text, l.text])),
    );
    let text = '';
    const pages: PageRange[] = [];
    perPage.forEach((lines, i) => {
      const kept = lines.filter((l, k) => !((k < 2 || k >= lines.length - 2) && running.has(runningKey(l.text))));
      const body = pageText(kept, hyphen);
      if (body && text) text += '\n\n';
      const start = text.length;
      text += body;
      pages.push({ page: i + 1, start, end: text.length });
    });
    if (text.trim() === '') throw new ExtractionError('empty', 'the PDF has no text layer (a scanned document? OCR is not supported)');
    const info = (await doc.getMetadata().catch(() => null))?.info as { Title?: string } | undefined;
    const headings = await outlineHeadings(doc, text, pages);
    return { format: 'pdf', text, title: info?.Title?.trim() || undefined, headings, pages };
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError('corrupt', `the PDF cannot be read (${(error as Error)?.message ?? error})`);
  } finally {
    await doc.destroy();
  }
}
