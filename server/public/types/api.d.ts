/**
 * The API types the page receives, taken from the server's contracts (server/core/types.ts,
 * server/storage/conversation-repository.ts) so that `npm run typecheck` fails when the server changes a
 * response the page reads. The documents' types are written out here because their server modules
 * reach Node types (Buffer) the page's program does not have; tests/unit/page-api-types.test.ts checks
 * them against the server's own types in the Node program.
 */
import type { AskResult as ServerAskResult, Citation as ServerCitation, HistoryTurn } from '../../core/types.js';
import type {
  ConversationDetail as ServerConversationDetail,
  ConversationSummary,
  StoredTurn as ServerStoredTurn,
} from '../../storage/conversation-repository.js';

/**
 * A citation as the page reads it. `kind: 'passage'` marks one of the closest passages offered with a
 * refusal ("closest passages — not an answer"); the intersection keeps the page compiling whether or
 * not the server's own Citation type declares `kind` yet.
 */
export type Citation = ServerCitation & { kind?: string };

/** POST /api/ask/stream's `done` event; with persistence on it carries conversationId and messageId. */
export type AskResult = Omit<ServerAskResult, 'citations'> & { citations: Citation[] };

export type { HistoryTurn };

/** The body of POST /api/ask/stream (server/http/routers/conversation-ask.ts). */
export type AskBody = { question: string; history: HistoryTurn[]; conversationId?: string };

/** GET /api/documents lists these; a 200/201 upload answers one (DocumentEntry in server/documents/document-entry.ts). */
export interface DocumentEntry {
  docId: string;
  title: string;
  /** Path relative to the corpus directory. */
  source: string;
  format: string;
  bytes: number | null;
  chunks: number;
  ingestedAt: string;
}

/** GET /api/corpus (CorpusOverview in server/documents/corpus-overview.ts). */
export interface CorpusOverview {
  documents: number;
  /** The document's title when there is exactly one, else null. */
  title: string | null;
  language: 'zh' | 'en';
  starters: Array<{ question: string; docId: string; topic: string }>;
}

/**
 * GET /api/documents/:docId?start=&end= (sendDocument in server/http/routers/document-window.ts):
 * characters [start, end) of a document `length` characters long.
 */
export interface DocumentWindow {
  docId: string;
  source: string;
  title: string;
  date: string | null;
  format: 'txt' | 'md' | 'html' | 'pdf' | 'docx';
  /** PDF only: the range of the text printed on each page (1-based). */
  pages?: Array<{ page: number; start: number; end: number }>;
  /** Ranges of the text under each heading path (outermost heading first). */
  headings: Array<{ start: number; end: number; path: string[] }>;
  length: number;
  start: number;
  end: number;
  text: string;
}

/** GET /api/conversations → {conversations}, newest first. */
export type { ConversationSummary };
export type ConversationList = { conversations: ConversationSummary[] };

/** One stored question and answer, with the page's Citation (above). */
export type StoredTurn = Omit<ServerStoredTurn, 'citations'> & { citations: Citation[] };

/** GET /api/conversations/:id: the summary with its `turns` count replaced by the turns (conversations-router.ts). */
export type ConversationDetail = Omit<ServerConversationDetail, 'items' | 'turns'> & { turns: StoredTurn[] };

/** The owner's rating of one answer, as POST /api/feedback stores it and a StoredTurn carries it. */
export type Feedback = NonNullable<ServerStoredTurn['feedback']>;

/**
 * GET /api/health, only what the page reads: `storage` is present when this server keeps conversations
 * (its shape is storageHealth's in server/core/persistence.ts, which the page cannot import: it uses Node types).
 */
export type Health = { status: string; storage?: { status: 'ok' | 'degraded'; dialect: string } };
