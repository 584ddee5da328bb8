/**
 * Compile-time only (checked by `tsc --noEmit`, part of `npm run typecheck`; vitest does not run it):
 * the page's hand-written API types in server/public/types/api.d.ts must stay the same as the server's.
 * They are written out there because these server modules reach Node types the page's program lacks.
 */
import type { storageHealth } from '../../server/core/persistence.js';
import type { CorpusOverview } from '../../server/documents/corpus-overview.js';
import type { DocumentEntry } from '../../server/documents/document-entry.js';
import type { StoredDocument } from '../../server/shared/index-format/index-format.js';
import type * as Page from '../../server/public/types/api.js';

/** true only when A and B are assignable to each other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** What sendDocument (server/http/routers/document-window.ts) answers for a window. */
type ServerDocumentWindow = Pick<StoredDocument, 'docId' | 'source' | 'title' | 'date' | 'pages'> & {
  format: NonNullable<StoredDocument['format']>;
  headings: NonNullable<StoredDocument['headings']>;
  length: number;
  start: number;
  end: number;
  text: string;
};

export const pageApiMatchesServer: [
  Same<Page.DocumentEntry, DocumentEntry>,
  Same<Page.CorpusOverview, CorpusOverview>,
  Same<Page.DocumentWindow, ServerDocumentWindow>,
  Same<NonNullable<Page.Health['storage']>, Awaited<ReturnType<typeof storageHealth>>>,
] = [true, true, true, true];
