import mammoth from 'mammoth';
import type { ExtractedDocument } from './extracted-document.js';
import { ExtractionError } from './extraction-error.js';
import { extractHtml } from './html-format.js';

/**
 * Word (.docx) via mammoth, which maps Word's styles to semantic HTML (Heading 1 → h1, lists, tables);
 * that HTML then goes through the same extractor as .html, so both give the same structure.
 */
export async function extractDocx(buf: Buffer): Promise<ExtractedDocument> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: buf })).value;
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    if (/encrypt|password/i.test(message)) throw new ExtractionError('encrypted', 'the Word file is password-protected');
    throw new ExtractionError('corrupt', `not a readable Word (.docx) file (${message.split('\n')[0]})`);
  }
  const doc = extractHtml(html, 'docx');
  if (doc.text.trim() === '') throw new ExtractionError('empty', 'the Word file has no text');
  return { ...doc, encoding: undefined };
}
