import { decodeText } from './decode-text.js';
import type { ExtractedDocument } from './extracted-document.js';

/**
 * Plain text: decoded, nothing else. Line breaks stay where the file has them; the sentence splitter
 * decides which of them end a paragraph (hard-wrapped text is re-joined there, offsets stay in this text).
 */
export function extractText(buf: Buffer): ExtractedDocument {
  const { text, encoding } = decodeText(buf);
  return { format: 'txt', text, headings: [], encoding };
}
