import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { RetrievedChunk } from '../retrieval/retriever.js';
import type { CandidateSentence } from './types.js';
import { sectionHeading } from './section-headings.js';
import { followingItems, isCodeLine, listLead } from './list-leads.js';

/** Every sentence of the retrieved chunks, in chunk-rank order, numbered 1..n for citing, with its section heading. */
export function buildCandidates(index: LoadedIndex, chunks: RetrievedChunk[]): CandidateSentence[] {
  const out: CandidateSentence[] = [];
  chunks.forEach(({ chunk }, chunkRank) => {
    const [, , , first, count] = index.chunks[chunk];
    for (let s = first; s < first + count + followingItems(index, first + count - 1); s++) {
      const [docIndex, start, end] = index.sentences[s];
      const doc = index.documents[docIndex];
      const heading = sectionHeading(index, s);
      const lead = listLead(index, s);
      const code = isCodeLine(index, s);
      out.push({ id: out.length + 1, sentence: s, docId: doc.docId, start, end, text: doc.text.slice(start, end), chunkRank, ...(heading ? { heading } : {}), ...(lead ? { lead } : {}), ...(code ? { code } : {}) });
    }
  });
  return out;
}
