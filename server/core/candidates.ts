import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { RetrievedChunk } from '../retrieval/retriever.js';
import type { CandidateSentence } from './types.js';
import { headingSentence, sectionHeading } from './section-headings.js';
import { followingItems, isCodeLine, listLead } from './list-leads.js';

/**
 * Every sentence of the retrieved chunks, in chunk-rank order, numbered 1..n for citing, with its section heading.
 * A sentence is offered once, from its best-ranked chunk: the items a chunk's announcing sentence pulls in
 * (followingItems) are often the next retrieved chunk's first sentences, and a repeated sentence would
 * take a second place among the few the answerer shows.
 */
export function buildCandidates(index: LoadedIndex, chunks: RetrievedChunk[]): CandidateSentence[] {
  const out: CandidateSentence[] = [];
  const offered = new Set<number>();
  const sameText = new Set<string>();
  chunks.forEach(({ chunk }, chunkRank) => {
    const [, , , first, count] = index.chunks[chunk];
    for (let s = first; s < first + count + followingItems(index, first + count - 1); s++) {
      if (offered.has(s)) continue;
      offered.add(s);
      const [docIndex, start, end] = index.sentences[s];
      const doc = index.documents[docIndex];
      const text = doc.text.slice(start, end);
      if (sameText.has(text)) continue;
      sameText.add(text);
      const heading = sectionHeading(index, s);
      const lead = listLead(index, s);
      const code = isCodeLine(index, s);
      out.push({
        id: out.length + 1,
        sentence: s,
        docId: doc.docId,
        start,
        end,
        text,
        chunkRank,
        isHeading: headingSentence(index, s),
        ...(heading ? { heading } : {}),
        ...(lead ? { lead } : {}),
        ...(code ? { code } : {}),
      });
    }
  });
  return out;
}
