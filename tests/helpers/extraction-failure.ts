import { isExtractionError } from '../../ingest/formats/extraction-error.js';
import { extractDocument } from '../../ingest/formats/format-registry.js';

/** Extracts `buf` as the file `name` and returns the extraction error it must raise (fails if it is extracted). */
export async function extractionFailure(name: string, buf: Buffer): Promise<{ failure: string; message: string }> {
  try {
    await extractDocument(name, buf);
  } catch (error) {
    if (isExtractionError(error)) return { failure: error.failure, message: error.message };
    throw error;
  }
  throw new Error(`${name} was extracted, expected a failure`);
}
