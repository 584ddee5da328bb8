import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type busboy from 'busboy';
import { Router, type Request } from 'express';
import type { DocumentLibrary, ReceivedFile } from '../../documents/document-library.js';
import type { ServicesHolder } from '../../core/services.js';
import { documentEntries } from '../../documents/document-entry.js';
import { AppError } from '../../shared/errors.js';
import { requireServices } from './api-router.js';

export interface DocumentsRouterOptions {
  holder: ServicesHolder;
  /** Without a library the list is read-only (no uploads or deletes). */
  library?: DocumentLibrary;
  /** UPLOAD_MAX_MB in bytes. */
  uploadMaxBytes: number;
}

/**
 * Streams the one `file` field of a multipart body to a temp file (busboy): at most maxBytes (413 beyond),
 * one file, a few small fields. A body cut off by the client or the limit leaves no file behind.
 */
function receiveUpload(req: Request, tempDir: string, maxBytes: number): Promise<ReceivedFile> {
  // Loaded at the first upload: a server that only answers never needs the multipart parser (CommonJS, required synchronously).
  const parse = createRequire(import.meta.url)('busboy') as typeof busboy;
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = parse({
        headers: req.headers,
        defParamCharset: 'utf8', // browsers send UTF-8 file names (Chinese names arrive intact)
        limits: { fileSize: maxBytes, files: 1, fields: 8, fieldSize: 1024, parts: 10 },
      });
    } catch {
      reject(new AppError('bad_request', 'Send the file as multipart/form-data with a boundary.', 400));
      return;
    }
    const tempPath = path.join(tempDir, `upload-${randomUUID()}`);
    let received: ReceivedFile | undefined;
    let failed: AppError | undefined;
    let writing: Promise<void> | undefined;
    const fail = (error: AppError) => {
      failed ??= error;
    };

    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || received) {
        stream.resume();
        if (field !== 'file') fail(new AppError('bad_request', `Unexpected file field "${field}"; send the document in the field "file".`, 400));
        return;
      }
      received = { clientName: info.filename ?? '', tempPath };
      const out = createWriteStream(tempPath);
      writing = new Promise<void>((done, error) => {
        out.on('close', done);
        out.on('error', error);
      });
      // The client went away mid-file (busboy errors the file stream): stop writing, the temp file is removed below.
      stream.on('error', () => {
        fail(new AppError('cancelled', 'The upload was cut off before the end of the file.', 400));
        out.destroy();
      });
      stream.on('limit', () => fail(new AppError('payload_too_large', `The file is larger than the upload limit of ${Math.round(maxBytes / 1024 / 1024)} MB (UPLOAD_MAX_MB).`, 413)));
      stream.pipe(out);
    });
    parser.on('filesLimit', () => fail(new AppError('bad_request', 'Send one file per request.', 400)));
    parser.on('partsLimit', () => fail(new AppError('bad_request', 'Too many parts in the form.', 400)));
    parser.on('error', () => fail(new AppError('bad_request', 'The multipart body is malformed or was cut off.', 400)));
    let finished = false;
    const finish = async () => {
      if (finished) return;
      finished = true;
      await writing?.catch(() => fail(new AppError('internal', 'The upload could not be stored.', 500)));
      if (!failed && !received) fail(new AppError('bad_request', 'No file in the form; send the document in the field "file".', 400));
      if (failed) {
        await rm(tempPath, { force: true });
        reject(failed);
      } else resolve(received!);
    };
    parser.on('close', () => void finish());
    // A client that goes away mid-upload: busboy never closes, so clean up here.
    req.on('close', () => {
      if (req.complete) return;
      fail(new AppError('cancelled', 'The upload was aborted by the client.', 400));
      parser.destroy();
      void finish();
    });
    req.pipe(parser);
  });
}

/** GET /api/documents, POST /api/documents (multipart, field `file`, ?replace=true), DELETE /api/documents/:docId. */
export function createDocumentsRouter({ holder, library, uploadMaxBytes }: DocumentsRouterOptions): Router {
  const router = Router();

  router.get('/documents', (_req, res) => {
    res.json(documentEntries(requireServices(holder).index.manifest));
  });
  if (!library) return router;

  router.post('/documents', async (req, res) => {
    if (!req.is('multipart/form-data')) {
      throw new AppError('unsupported_media_type', 'Upload the document as multipart/form-data in a field named "file".', 415);
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > uploadMaxBytes + 64 * 1024) {
      req.resume();
      throw new AppError('payload_too_large', `The file is larger than the upload limit of ${Math.round(uploadMaxBytes / 1024 / 1024)} MB (UPLOAD_MAX_MB).`, 413);
    }
    const file = await receiveUpload(req, await library.tempDir(), uploadMaxBytes);
    const replace = req.query.replace === 'true' || req.query.replace === '1';
    const { entry, created } = await library.add(file, { replace });
    res.status(created ? 201 : 200).json(entry);
  });

  router.delete('/documents/:docId', async (req, res) => {
    await library.remove(req.params.docId);
    res.status(204).end();
  });

  return router;
}
