import path from 'node:path';
import type { DocumentFormat, ExtractedDocument } from './extracted-document.js';
import { ExtractionError } from './extraction-error.js';

/** File extensions per format: the name proposes a format, the content must agree. */
export const FORMAT_EXTENSIONS: Record<DocumentFormat, readonly string[]> = {
  txt: ['.txt', '.text'],
  md: ['.md', '.markdown'],
  html: ['.html', '.htm', '.xhtml'],
  pdf: ['.pdf'],
  docx: ['.docx'],
};
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.values(FORMAT_EXTENSIONS).flat();

type Extractor = (buf: Buffer) => ExtractedDocument | Promise<ExtractedDocument>;

/**
 * Each parser is imported when a file of its format is first read: mammoth (with jszip), pdf.js,
 * markdown-it and htmlparser2 cost ~10 MB and ~50 ms to load, which a corpus of plain text, and every
 * start that only checks the corpus for changes, never needs.
 */
const EXTRACTORS: Record<DocumentFormat, () => Promise<Extractor>> = {
  txt: async () => (await import('./txt-format.js')).extractText,
  md: async () => (await import('./markdown-format.js')).extractMarkdown,
  html: async () => (await import('./html-format.js')).extractHtml,
  pdf: async () => (await import('./pdf-format.js')).extractPdf,
  docx: async () => (await import('./docx-format.js')).extractDocx,
};

/** Magic numbers of containers we recognise (so a renamed file is named for what it is). */
const isPdf = (b: Buffer) => b.subarray(0, 1024).includes('%PDF-');
const isZip = (b: Buffer) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isDocx = (b: Buffer) => isZip(b) && b.includes('word/');
const MAGIC: Array<[string, (b: Buffer) => boolean]> = [
  ['a PNG image', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['a JPEG image', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['a GIF image', (b) => b.subarray(0, 4).toString('latin1') === 'GIF8'],
  ['an executable', (b) => b.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])) || b.subarray(0, 2).toString('latin1') === 'MZ'],
  ['a gzip archive', (b) => b[0] === 0x1f && b[1] === 0x8b],
  ['an old Word (.doc) or Office 97 file', (b) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))],
];

/** Which format the name asks for, or undefined when the extension is not one we read. */
export function formatFromName(name: string): DocumentFormat | undefined {
  const ext = path.extname(name).toLowerCase();
  return (Object.keys(FORMAT_EXTENSIONS) as DocumentFormat[]).find((f) => FORMAT_EXTENSIONS[f].includes(ext));
}

/**
 * The format to read a file as, by its content first and its name second: PDF and Word files are
 * recognised whatever they are called; a text format is chosen by the extension; a known binary
 * (image, archive, executable) or a container under the wrong name is refused as unsupported.
 */
export function sniffFormat(name: string, buf: Buffer): DocumentFormat {
  const byName = formatFromName(name);
  if (buf.length > 0) {
    if (isPdf(buf)) return 'pdf';
    if (isDocx(buf)) return 'docx';
    if (isZip(buf)) throw new ExtractionError('unsupported', 'a ZIP archive (only Word .docx files of that kind are read)');
    const magic = MAGIC.find(([, test]) => test(buf));
    if (magic) throw new ExtractionError('unsupported', `${magic[0]}, not a document this assistant reads`);
  }
  if (!byName) {
    const ext = path.extname(name) || '(none)';
    throw new ExtractionError('unsupported', `unsupported file type ${ext} (readable: ${SUPPORTED_EXTENSIONS.join(' ')})`);
  }
  if (byName === 'pdf' || byName === 'docx') {
    if (buf.length === 0) throw new ExtractionError('empty', 'the file is empty (0 bytes)');
    throw new ExtractionError('corrupt', `named ${path.extname(name)} but its content is not a ${byName === 'pdf' ? 'PDF' : 'Word .docx'} file`);
  }
  return byName;
}

/** Any supported file → plain text + structure; every failure is an ExtractionError with a reason. */
export async function extractDocument(name: string, buf: Buffer): Promise<ExtractedDocument> {
  const format = sniffFormat(name, buf);
  const extract = await EXTRACTORS[format](); // outside the try: a parser that cannot load is a bug, not a bad file
  try {
    return await extract(buf);
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError('unreadable', `cannot be read as ${format} (${(error as Error)?.message ?? error})`);
  }
}
