import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Services } from '../../server/core/services.js';
import type { AnswerOptions, AnswerService, AskResult, Citation, HistoryTurn } from '../../server/core/types.js';
import type { LoadedIndex } from '../../server/shared/index-format/loaded-index.js';
import type { StoredDocument } from '../../server/shared/index-format/index-format.js';

/**
 * Test doubles for the HTTP/stream/browser tests: a fake index that only serves documents and an
 * AnswerService driven by a script, so adapters can be tested without the retrieval core.
 */

export interface FakeDocument {
  docId: string;
  source: string;
  title: string;
  date?: string | null;
  text: string;
}

export const CORPUS_FILE = 'china-gpu-makers-burning-cash-2025-07-12.txt';

/** The real article, as a fake-index document (docId = file name without extension). */
export function corpusDocument(): FakeDocument {
  const path = fileURLToPath(new URL(`../../corpus/${CORPUS_FILE}`, import.meta.url));
  const text = readFileSync(path, 'utf8');
  return {
    docId: CORPUS_FILE.replace(/\.txt$/, ''),
    source: CORPUS_FILE,
    title: text.split('\n', 1)[0].trim(),
    date: '2025-07-12',
    text,
  };
}

/** Only what /api/documents, /api/corpus and /api/health read; the cast keeps the rest of LoadedIndex out of these tests. */
export function fakeIndex(docs: FakeDocument[]): LoadedIndex {
  const documents: StoredDocument[] = docs.map((d) => ({ ...d, date: d.date ?? null, hash: 'fake' }));
  return {
    dir: '(fake)',
    manifest: { counts: { documents: documents.length, chunks: 0, sentences: 0 } },
    documents,
    // One sentence span per document over its whole text: what GET /api/corpus reads as "the indexed part"
    // (a real index always has sentences; without them the route threw and the page logged a 500).
    sentences: documents.map((d, i) => [i, 0, d.text.length, 0]),
    documentById: new Map(documents.map((d) => [d.docId, d])),
  } as unknown as LoadedIndex;
}

export function fakeServices(answerService: AnswerService, docs: FakeDocument[] = [corpusDocument()]): Services {
  return { index: fakeIndex(docs), answerService, embedderName: 'fake-embedder', generatorName: 'fake-generator' };
}

const SENTENCE_END = /[。！？!?\n]/;

/** A citation of the whole sentence of `doc` containing `needle`, with offsets as the real core produces them. */
export function citeSentence(doc: FakeDocument, needle: string, n: number): Citation {
  const at = doc.text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in ${doc.docId}`);
  let start = at;
  while (start > 0 && !SENTENCE_END.test(doc.text[start - 1])) start--;
  let end = at + needle.length;
  while (end < doc.text.length && !SENTENCE_END.test(doc.text[end])) end++;
  if (end < doc.text.length && doc.text[end] !== '\n') end++;
  while (/\s/.test(doc.text[start])) start++;
  return { n, docId: doc.docId, source: doc.source, title: doc.title, start, end, quote: doc.text.slice(start, end) };
}

export interface ScriptedReply {
  /** Pieces passed to onDelta, in order; their concatenation should equal result.answer. */
  deltas: string[];
  result: AskResult;
  /** Pause between deltas, so streaming (and Stop) is observable. */
  delayMs?: number;
  /** Thrown after the deltas instead of returning the result. */
  error?: unknown;
}

export interface RecordedCall {
  question: string;
  history: HistoryTurn[];
  signal?: AbortSignal;
  /** How many deltas were emitted (stops growing once aborted). */
  deltasSent: number;
  /** Settles when the call ends, for whatever reason. */
  finished: Promise<'completed' | 'aborted' | 'failed'>;
}

export interface ScriptedAnswerService extends AnswerService {
  calls: RecordedCall[];
}

/** A sleep that rejects with the signal's reason when aborted. */
export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    // Removed when the timer fires, so a long stream does not pile listeners onto one signal.
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** An AnswerService that replays `script(question, history)` through onDelta, honouring the abort signal. */
export function scriptedAnswerService(
  script: (question: string, history: HistoryTurn[]) => ScriptedReply,
): ScriptedAnswerService {
  const calls: RecordedCall[] = [];
  return {
    calls,
    answerQuestion(question: string, history: HistoryTurn[] = [], options: AnswerOptions = {}) {
      const reply = script(question, history);
      let settle!: (how: 'completed' | 'aborted' | 'failed') => void;
      const call: RecordedCall = {
        question,
        history,
        signal: options.signal,
        deltasSent: 0,
        finished: new Promise((resolve) => (settle = resolve)),
      };
      calls.push(call);
      const run = async (): Promise<AskResult> => {
        for (const piece of reply.deltas) {
          await sleep(reply.delayMs ?? 0, options.signal);
          options.onDelta?.(piece);
          call.deltasSent++;
        }
        await sleep(reply.delayMs ?? 0, options.signal);
        if (reply.error !== undefined) throw reply.error;
        return reply.result;
      };
      return run().then(
        (result) => {
          settle('completed');
          return result;
        },
        (err: unknown) => {
          settle(options.signal?.aborted ? 'aborted' : 'failed');
          throw err;
        },
      );
    },
  };
}

/** Splits text into n roughly equal pieces (never splitting a surrogate pair), to simulate token streaming. */
export function splitIntoDeltas(text: string, pieces: number): string[] {
  const chars = Array.from(text);
  const size = Math.max(1, Math.ceil(chars.length / pieces));
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}
