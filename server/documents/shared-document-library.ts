import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import type { ServicesHolder } from '../core/services.js';
import { AppError } from '../shared/errors.js';
import type { IndexSync } from '../lifecycle/index-sync.js';
import type { CorpusStore } from '../storage/corpus-store.js';
import { documentEntries, type DocumentEntry } from './document-entry.js';
import type { AddResult, CheckDocument, DocumentLibrary, ReceivedFile } from './document-library.js';
import { corpusFileName } from './upload-name.js';

export interface SharedDocumentLibraryDeps {
  store: CorpusStore;
  sync: IndexSync;
  holder: ServicesHolder;
  check: CheckDocument;
  /** A local folder for uploads in transit (never part of any corpus). */
  uploadDir: string;
  /** How long an upload or delete waits for the index that includes it (the request's deadline). */
  waitMs: number;
}

const STATUS = { unsupported: 415, too_large: 413, empty: 422, binary: 422, encrypted: 422, corrupt: 422, unreadable: 422 } as const;

/**
 * The document library of a stateless replica (DATABASE_URL): the same contract as the file-backed
 * library (document-library.ts) — checked by content, 409 on a different file of the same name unless
 * replaced, 201 once answerable — but the file goes into the shared store, and "answerable" means this
 * replica serves an index version that includes it; every other replica follows within its next sync.
 */
export function createSharedDocumentLibrary({ store, sync, holder, check, uploadDir, waitMs }: SharedDocumentLibraryDeps): DocumentLibrary {
  const entries = (): DocumentEntry[] => (holder.current ? documentEntries(holder.current.index.manifest) : []);
  const servedIncluding = async (revision: number): Promise<void> => {
    try {
      await sync.waitForRevision(revision, waitMs);
    } catch (error) {
      throw new AppError('index_unavailable', `The change is stored but the index does not include it yet: ${(error as Error).message}`, 503);
    }
  };

  let uploadDirReady: Promise<string> | undefined;
  const tempDir = () =>
    (uploadDirReady ??= (async () => {
      await mkdir(uploadDir, { recursive: true });
      for (const name of await readdir(uploadDir)) await rm(`${uploadDir}/${name}`, { force: true, recursive: true });
      return uploadDir;
    })());

  return {
    list: entries,
    tempDir,

    async add({ clientName, tempPath }: ReceivedFile, { replace = false } = {}): Promise<AddResult> {
      try {
        const name = corpusFileName(clientName);
        if (!name) throw new AppError('bad_request', 'The uploaded file has no usable name; send it with a file name such as report.pdf.', 400);
        const bytes = await readFile(tempPath);
        const problem = await check(name, bytes);
        if (problem) {
          const code = problem.failure === 'unsupported' ? 'unsupported_media_type' : problem.failure === 'too_large' ? 'payload_too_large' : 'unreadable_document';
          throw new AppError(code, `${name}: ${problem.reason}`, STATUS[problem.failure], { reason: problem.reason });
        }
        const put = await store.putFile(name, bytes, { replace });
        if (put.outcome === 'conflict') {
          throw new AppError('conflict', `A different file named ${name} is already in the library; send it with ?replace=true to replace it.`, 409, { source: name });
        }
        await servedIncluding(put.revision);
        const entry = entries().find((e) => e.source === name);
        if (!entry) {
          // Extracted fine here but skipped by the writer's ingest: take it back out, say why.
          const why = holder.current?.index.manifest.skipped?.find((s) => s.source === name)?.reason ?? 'it was not indexed';
          if (put.outcome === 'created') await store.deleteFile(name);
          else if (put.previous) await store.putFile(name, put.previous, { replace: true });
          throw new AppError('unreadable_document', `${name}: ${why}`, 422, { reason: why });
        }
        return { entry, created: put.outcome !== 'unchanged', replaced: put.outcome === 'replaced' };
      } finally {
        await rm(tempPath, { force: true });
      }
    },

    async remove(docId) {
      const entry = entries().find((e) => e.docId === docId);
      if (!entry) throw new AppError('not_found', `No indexed document with id "${docId}".`, 404);
      const revision = await store.deleteFile(entry.source);
      if (revision === undefined) {
        // Already deleted through another replica: wait until this one no longer serves it either.
        await servedIncluding((await store.state()).revision);
      } else await servedIncluding(revision);
      if (entries().some((e) => e.docId === docId)) throw new AppError('internal', 'The document is still indexed after its removal.', 500);
    },
  };
}
