import { sentenceAsRead, type LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { RetrievedChunk } from '../retrieval/retriever.js';
import type { CandidateSentence, IntroducedTable } from './types.js';
import { headingSentence, labelSentence, sectionHeading } from './section-headings.js';
import { followingItems, isCodeLine, isTableFrame, listLead, tableIntroducedBy, tableRowOf } from './list-leads.js';
import type { TextTableRow } from '../shared/text/text-tables.js';

/** What a sentence brings, the same for every question: worked out once per sentence of an index. */
interface SentenceContext {
  /**
   * The sentence's text, one string object per sentence: the caches keyed by sentence text (normalised text,
   * value features) then find it without hashing a fresh copy every question.
   */
  text: string;
  heading?: string;
  lead?: string;
  table?: TextTableRow;
  code: boolean;
  isHeading: boolean;
  isLabel: boolean;
  /** A text table's frame (list-leads.ts isTableFrame: a rule, the caption, the header row): never offered on its own. */
  tableFrame: boolean;
  /** The text table the sentence introduces (list-leads.ts tableIntroducedBy). */
  introducesTable?: IntroducedTable;
  /** The first sentence number (of those offered so far) with the same text: equal texts share it. */
  textId: number;
}

interface IndexMemo {
  /**
   * By sentence number, filled as sentences are offered (a large corpus pays only for what questions touch): an array
   * read by index rather than a map, bounded by the index's sentences.
   */
  context: Array<SentenceContext | undefined>;
  /** One copy of each heading and lead text (a section's sentences share its heading). */
  strings: Map<string, string>;
  /** followingItems of a chunk's last sentence, by sentence number (-1: not yet worked out). */
  following: Int32Array;
  /** SentenceContext.textId by text: one entry per distinct sentence text offered, so bounded by the index's sentences. */
  textIds: Map<string, number>;
  /**
   * Which sentences and which texts (by textId) the current buildCandidates call has offered: the call's serial number
   * in the cell. Two Sets per question before (their tables grown and hashed on every answer); buildCandidates is
   * synchronous, so one pair per index serves every call.
   */
  offered: Int32Array;
  offeredText: Int32Array;
  serial: number;
}

// Per index (a reload brings a new index object, and the memo goes with the old one). The shapes are
// regex tests over the document text (ANNOUNCES, indentation), a measurable share of every answer.
const memos = new WeakMap<LoadedIndex, IndexMemo>();
// The interned heading and lead texts, bounded like the text caches they feed (sentence-evidence.ts, answer-type.ts).
const STRINGS_MEMO_LIMIT = 200_000;

function memoOf(index: LoadedIndex): IndexMemo {
  let memo = memos.get(index);
  if (!memo) {
    const n = index.sentences.length;
    memo = {
      context: new Array<SentenceContext | undefined>(n).fill(undefined),
      strings: new Map(),
      following: new Int32Array(n).fill(-1),
      textIds: new Map(),
      offered: new Int32Array(n),
      offeredText: new Int32Array(n),
      serial: 0,
    };
    memos.set(index, memo);
  }
  return memo;
}

/** The memo's one copy of a heading or lead text. */
function intern(memo: IndexMemo, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const known = memo.strings.get(text);
  if (known !== undefined) return known;
  memo.strings.set(text, text);
  return text;
}

// (No closure in here: one capturing `memo` made every call, memo hit or not, allocate a context for it.)
function contextOf(index: LoadedIndex, memo: IndexMemo, s: number): SentenceContext {
  let context = memo.context[s];
  if (!context) {
    if (memo.strings.size >= STRINGS_MEMO_LIMIT) memo.strings.clear();
    const heading = intern(memo, sectionHeading(index, s));
    const table = tableRowOf(index, s);
    const lead = intern(memo, listLead(index, s, table));
    // The sentence as read (sentenceAsRead): the shape tests run on it, and a hard wrap would hide "as follows.".
    const text = sentenceAsRead(index, s);
    let textId = memo.textIds.get(text);
    if (textId === undefined) memo.textIds.set(text, (textId = s));
    context = {
      text,
      ...(heading ? { heading } : {}),
      ...(lead ? { lead } : {}),
      ...(table ? { table } : {}),
      code: isCodeLine(index, s),
      isHeading: headingSentence(index, s),
      isLabel: labelSentence(index, s),
      tableFrame: isTableFrame(index, s, table),
      introducesTable: tableIntroducedBy(index, s, table),
      textId,
    };
    memo.context[s] = context;
  }
  return context;
}

function followingOf(index: LoadedIndex, memo: IndexMemo, last: number): number {
  if (last < 0 || last >= memo.following.length) return followingItems(index, last);
  let n = memo.following[last];
  if (n < 0) n = memo.following[last] = followingItems(index, last);
  return n;
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
  if (memo.serial === 0x7fffffff) {
    memo.offered.fill(0);
    memo.offeredText.fill(0);
    memo.serial = 0;
  }
  const serial = ++memo.serial;
  const { offered, offeredText } = memo;
  chunks.forEach(({ chunk }, chunkRank) => {
    const [, , , first, count] = index.chunks[chunk];
    for (let s = first; s < first + count + followingOf(index, memo, first + count - 1); s++) {
      if (offered[s] === serial) continue;
      offered[s] = serial;
      const [docIndex, start, end] = index.sentences[s];
      const { text, heading, lead, table, code, isHeading, isLabel, tableFrame, introducesTable, textId } = contextOf(index, memo, s);
      // (Offered, a rule was quoted beside a row ("|----+---|[1] 软件包: f2c…"), a caption after a list's lead ("…tools
      // available in Debian.[1] Table 12.15. List of …[2]"), a header row as the answer to "what value…".)
      if (tableFrame || offeredText[textId] === serial) continue;
      offeredText[textId] = serial;
      // Every field present (undefined when the sentence has none): one object shape for all candidates, so the
      // stages that read them (evidence, ranking, composing, citations) keep one shape in their property look-ups
      // instead of one per combination of optional fields. (An undefined field reads and serialises as a missing one.)
      out.push({
        id: out.length + 1,
        sentence: s,
        docId: index.documents[docIndex].docId,
        start,
        end,
        text,
        chunkRank,
        isHeading,
        heading: heading || undefined,
        lead: lead || undefined,
        table,
        code: code || undefined,
        isLabel: isLabel || undefined,
        introducesTable,
      });
    }
  });
  return out;
}
