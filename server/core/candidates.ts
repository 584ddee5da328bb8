import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { RetrievedChunk } from '../retrieval/retriever.js';
import type { CandidateSentence } from './types.js';
import { headingSentence, sectionHeading } from './section-headings.js';
import { followingItems, isCodeLine, listLead } from './list-leads.js';

/** What a sentence brings besides its text, the same for every question: worked out once per sentence of an index. */
interface SentenceContext {
  heading?: string;
  lead?: string;
  code: boolean;
  isHeading: boolean;
}

interface IndexMemo {
  context: (SentenceContext | undefined)[];
  /** followingItems of a chunk's last sentence; -1 = not yet worked out. */
  following: Int16Array;
}

// Per index (a reload brings a new index object, and the memo goes with the old one). The shapes are
// regex tests over the document text (ANNOUNCES, indentation), a measurable share of every answer.
const memos = new WeakMap<LoadedIndex, IndexMemo>();

function memoOf(index: LoadedIndex): IndexMemo {
  let memo = memos.get(index);
  if (!memo) {
    memo = { context: new Array(index.sentences.length), following: new Int16Array(index.sentences.length).fill(-1) };
    memos.set(index, memo);
  }
  return memo;
}

function contextOf(index: LoadedIndex, memo: IndexMemo, s: number): SentenceContext {
  let context = memo.context[s];
  if (!context) {
    const heading = sectionHeading(index, s);
    const lead = listLead(index, s);
    context = { ...(heading ? { heading } : {}), ...(lead ? { lead } : {}), code: isCodeLine(index, s), isHeading: headingSentence(index, s) };
    memo.context[s] = context;
  }
  return context;
}

function followingOf(index: LoadedIndex, memo: IndexMemo, last: number): number {
  if (memo.following[last] < 0) memo.following[last] = followingItems(index, last);
  return memo.following[last];
}

/**
 * Every sentence of the retrieved chunks, in chunk-rank order, numbered 1..n for citing, with its section heading.
 * A sentence is offered once, from its best-ranked chunk: the items a chunk's announcing sentence pulls in
 * (followingItems) are often the next retrieved chunk's first sentences, and a repeated sentence would
 * take a second place among the few the answerer shows.
 */
export function buildCandidates(index: LoadedIndex, chunks: RetrievedChunk[]): CandidateSentence[] {
  const memo = memoOf(index);
  const out: CandidateSentence[] = [];
  const offered = new Set<number>();
  const sameText = new Set<string>();
  chunks.forEach(({ chunk }, chunkRank) => {
    const [, , , first, count] = index.chunks[chunk];
    for (let s = first; s < first + count + followingOf(index, memo, first + count - 1); s++) {
      if (offered.has(s)) continue;
      offered.add(s);
      const [docIndex, start, end] = index.sentences[s];
      const doc = index.documents[docIndex];
      const text = doc.text.slice(start, end);
      if (sameText.has(text)) continue;
      sameText.add(text);
      const { heading, lead, code, isHeading } = contextOf(index, memo, s);
      out.push({
        id: out.length + 1,
        sentence: s,
        docId: doc.docId,
        start,
        end,
        text,
        chunkRank,
        isHeading,
        ...(heading ? { heading } : {}),
        ...(lead ? { lead } : {}),
        ...(code ? { code } : {}),
      });
    }
  });
  return out;
}
