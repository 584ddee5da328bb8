/**
 * The API types the page receives, taken from the server's contracts (server/core/types.ts) so that
 * `npm run typecheck` fails when the server changes a response the page reads.
 */
import type { AskResult as ServerAskResult, Citation as ServerCitation } from '../../core/types.js';

/**
 * A citation as the page reads it. `kind: 'passage'` marks one of the closest passages offered with a
 * refusal ("closest passages — not an answer"); the intersection keeps the page compiling whether or
 * not the server's own Citation type declares `kind` yet.
 */
export type Citation = ServerCitation & { kind?: string };

export type AskResult = Omit<ServerAskResult, 'citations'> & { citations: Citation[] };

export type { HistoryTurn } from '../../core/types.js';

