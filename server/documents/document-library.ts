import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ServicesHolder } from '../core/services.js';
import { AppError } from '../errors.js';
import type { Reload } from '../lifecycle/reload.js';
import { documentEntries, type DocumentEntry } from './document-entry.js';
import { corpusFileName } from './upload-name.js';

/** Why a file cannot be a document: the ingest side's failure codes (ingest/formats/extraction-error.ts). */
export type DocumentCheckFailure = 'unsupported' | 'empty' | 'binary' | 'too_large' | 'encrypted' | 'corrupt' | 'unreadable';

/** Reads a file the way the ingest will (by content and name); resolves with the failure, or undefined when readable. */
export type CheckDocument = (name: string, bytes: Buffer) => Promise<{ failure: DocumentCheckFailure; reason: string } | undefined>;

/** Runs an incremental ingest of the corpus directory; reports the files it skipped. */
export type RunIngest = () => Promise<{ skipped: Array<{ source: string; reason: string }> }>;

export interface DocumentLibraryDeps {
  corpusDir: string;
  holder: ServicesHolder;
  check: CheckDocument;
  ingest: RunIngest;
  reload: Reload;
}

/** An upload already on disk (in the library's temp folder), as the HTTP layer received it. */
export interface ReceivedFile {
  clientName: string;
  tempPath: string;
}

export interface AddResult {
  entry: DocumentEntry;
  /** false when the same name with the same bytes was already in the library (nothing changed). */
  created: boolean;
  replaced: boolean;
}

export interface DocumentLibrary {
  list(): DocumentEntry[];
  /** Where uploads are streamed to before they are checked (inside the corpus dir, so the final rename is atomic). */
  tempDir(): Promise<string>;
  add(file: ReceivedFile, options?: { replace?: boolean }): Promise<AddResult>;
  remove(docId: string): Promise<void>;
}

/** Hidden, so the ingest never reads a half-written upload. */
export const UPLOAD_TEMP_DIR = '.uploads';

const STATUS: Record<DocumentCheckFailure, number> = {
  unsupported: 415,
  too_large: 413,
  empty: 422,
  binary: 422,
  encrypted: 422,
  corrupt: 422,
  unreadable: 422,
};

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

/**
 * The document library: files live in the corpus directory (so the CLI and the API always agree) and
 * the index is rebuilt incrementally after every change. Changes run one at a time (an in-process
 * queue); each returns only once the new index is current, so a 201 means "answerable now".
 * A change that fails puts the corpus back as it was.
 */
export function createDocumentLibrary({ corpusDir, holder, check, ingest, reload }: DocumentLibraryDeps): DocumentLibrary {
  const tempRoot = path.join(corpusDir, UPLOAD_TEMP_DIR);
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const entries = (): DocumentEntry[] => (holder.current ? documentEntries(holder.current.index.manifest) : []);

  /** Ingest + reload; the change is undone (by `undo`) when either fails. */
  const rebuild = async (undo: () => Promise<void>): Promise<{ skipped: Array<{ source: string; reason: string }> }> => {
    try {
      const summary = await ingest();
      await reload('document library');
      return summary;
    } catch (error) {
      await undo();
      await ingest()
        .then(() => reload('document library (undo)'))
        .catch(() => undefined);
      throw error;
    }
  };

  let tempReady: Promise<string> | undefined;
  const tempDir = () =>
    (tempReady ??= (async () => {
      await mkdir(tempRoot, { recursive: true });
      // Leftovers of uploads cut off by a crash: never part of the corpus, safe to drop.
      for (const name of await readdir(tempRoot)) await rm(path.join(tempRoot, name), { force: true, recursive: true });
      return tempRoot;
    })());

  return {
    list: entries,
    tempDir,

    async add({ clientName, tempPath }, { replace = false } = {}) {
      try {
        const name = corpusFileName(clientName);
        if (!name) throw new AppError('bad_request', 'The uploaded file has no usable name; send it with a file name such as report.pdf.', 400);
        const bytes = await readFile(tempPath);
        const problem = await check(name, bytes);
        if (problem) {
          throw new AppError(problem.failure === 'unsupported' ? 'unsupported_media_type' : problem.failure === 'too_large' ? 'payload_too_large' : 'unreadable_document', `${name}: ${problem.reason}`, STATUS[problem.failure], { reason: problem.reason });
        }
        const hash = sha256(bytes);
        return await serialized(async () => {
          const target = path.join(corpusDir, name);
          const existing = await readFile(target).catch(() => undefined);
          const current = entries().find((e) => e.source === name);
          const sameBytes = existing !== undefined && sha256(existing) === hash;
          if (sameBytes && current) return { entry: current, created: false, replaced: false };
          if (existing && !sameBytes && !replace) {
            throw new AppError('conflict', `A different file named ${name} is already in the library; send it with ?replace=true to replace it.`, 409, { source: name });
          }
          const backup = existing ? `${tempPath}.previous` : undefined;
          if (backup) await rename(target, backup);
          await rename(tempPath, target);
          const undo = async () => {
            if (backup) await rename(backup, target).catch(() => undefined);
            else await rm(target, { force: true });
          };
          const summary = await rebuild(undo);
          const entry = entries().find((e) => e.source === name);
          if (!entry) {
            const why = summary.skipped.find((s) => s.source === name)?.reason ?? 'it was not indexed';
            await undo();
            await ingest()
              .then(() => reload('document library (undo)'))
              .catch(() => undefined);
            throw new AppError('unreadable_document', `${name}: ${why}`, 422, { reason: why });
          }
          if (backup) await rm(backup, { force: true });
          return { entry, created: true, replaced: Boolean(existing) };
        });
      } finally {
        await rm(tempPath, { force: true });
      }
    },

    remove(docId) {
      return serialized(async () => {
        const entry = entries().find((e) => e.docId === docId);
        if (!entry) throw new AppError('not_found', `No indexed document with id "${docId}".`, 404);
        const target = path.join(corpusDir, entry.source);
        const tempRootReady = await tempDir();
        const parked = path.join(tempRootReady, `deleted-${Date.now()}-${path.basename(entry.source)}`);
        const present = await stat(target).then(() => true, () => false);
        if (present) await rename(target, parked);
        await rebuild(async () => {
          if (present) await rename(parked, target).catch(() => undefined);
        });
        await rm(parked, { force: true });
        if (entries().some((e) => e.docId === docId)) throw new AppError('internal', 'The document is still indexed after its removal.', 500);
      });
    },
  };
}
