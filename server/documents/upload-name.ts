import path from 'node:path';

/** Characters no file name in the corpus may hold (path separators, Windows-reserved, controls). */
const UNSAFE = /[\/\\:*?"<>|\x00-\x1f\x7f]+/g;
const MAX_NAME_LENGTH = 180;

/**
 * The corpus file name for an uploaded file's name: its last path segment only (never a path the client
 * chose), NFC, unsafe characters replaced, no leading dots (hidden files are not indexed), length capped
 * with the extension kept. Undefined when nothing usable is left.
 */
export function corpusFileName(clientName: string): string | undefined {
  const base = clientName.split(/[\/\\]/).pop() ?? '';
  let name = base.normalize('NFC').replace(UNSAFE, '-').replace(/^[.\s-]+/, '').trim();
  if (name.length > MAX_NAME_LENGTH) {
    const ext = path.extname(name).slice(0, 16);
    name = name.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  return name === '' || path.extname(name) === name ? undefined : name;
}
