/**
 * A question asked of a freshly loaded index before it is served, so that "health: ok" means a question
 * can be answered — not merely that the files parsed (issue 17: an index with a bad segment loaded,
 * reported ok, and answered every question with a 500).
 *
 * The question is a sentence of the corpus itself, so it must retrieve something. How far the probe
 * goes depends on what can run offline and cheaply at every load and reload:
 *   - the vectors: the first stored vector must find a chunk (hnswlib is readable and consistent);
 *   - local embeddings: the retriever runs on the question (BM25 + vectors);
 *   - a deterministic generator (the extractive default): the whole answer service runs, and every
 *     citation must quote the document exactly.
 * An LLM generator or remote embeddings are not called: their health is the upstream's, not the index's.
 */
import { AppError } from '../shared/errors.js';
import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import { sentenceText } from '../shared/index-format/loaded-index.js';
import type { Retriever } from '../retrieval/retriever.js';
import { analyzeQuestion, type TermStats } from './query-analysis.js';
import type { AnswerService } from './types.js';

export const SELF_TEST_TIMEOUT_MS = 15_000;
/** The probe question is a corpus sentence cut to this many characters. */
const QUESTION_CHARS = 80;

export interface SelfTestDeps {
  index: LoadedIndex;
  retriever: Retriever;
  stats: TermStats;
  answerService: AnswerService;
  topK: number;
  /** Run the retriever (it only embeds locally). */
  localEmbeddings: boolean;
  /** Run the whole answer service (the generator is local and deterministic). */
  deterministicGenerator: boolean;
  timeoutMs?: number;
}

function failed(why: string, cause?: unknown): AppError {
  return new AppError('index_unavailable', `The index loaded but its self-test question ${why}. Rebuild it with \`npm run ingest\`.`, 503, { cause });
}

/** The first sentence with some substance, cut short; undefined for an empty corpus. */
export function probeQuestion(index: LoadedIndex): string | undefined {
  for (let i = 0; i < index.sentences.length; i++) {
    const text = sentenceText(index, i).trim();
    if (text.length >= 8) return text.slice(0, QUESTION_CHARS);
  }
  return undefined;
}

async function probe(deps: SelfTestDeps, signal: AbortSignal): Promise<void> {
  const { index } = deps;
  if (index.chunks.length === 0) return;
  const nearest = index.vectors.searchKnn(index.vectors.getPoint(0), 1).neighbors[0];
  if (nearest === undefined || nearest >= index.chunks.length) throw failed('found no chunk for a stored vector');

  const question = probeQuestion(index);
  if (!question) return;
  if (deps.localEmbeddings) {
    const found = await deps.retriever.retrieve(analyzeQuestion(question, deps.stats), deps.topK, signal);
    if (found.length === 0 || found.some((r) => r.chunk >= index.chunks.length)) throw failed('retrieved nothing usable');
  }
  if (deps.deterministicGenerator) {
    const result = await deps.answerService.answerQuestion(question, [], { signal });
    for (const c of result.citations) {
      const doc = index.documentById.get(c.docId);
      if (!doc || doc.text.slice(c.start, c.end) !== c.quote) throw failed('cited a passage that is not in its document');
    }
  }
}

export async function selfTestIndex(deps: SelfTestDeps): Promise<void> {
  const timeoutMs = deps.timeoutMs ?? SELF_TEST_TIMEOUT_MS;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(failed(`was not answered within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([probe(deps, controller.signal), timeout]);
  } catch (error) {
    throw error instanceof AppError && error.code === 'index_unavailable' ? error : failed('failed', error);
  } finally {
    clearTimeout(timer);
  }
}
