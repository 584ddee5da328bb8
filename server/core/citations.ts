import { locateOffset } from '../shared/index-format/document-structure.js';
import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { AskResult, CandidateSentence, Citation, GeneratedAnswer } from './types.js';

/**
 * `text` with every citation marker ("[12]") replaced by `replace(marker, digits)`: what
 * text.replace(/\[(\d+)\]/g, replace) returns (the same matches, left to right, not overlapping), by a scan of the
 * text instead of the pattern's per-match callback, three passes of which were a measurable share of each answer.
 */
export function replaceMarkers(text: string, replace: (marker: string, digits: string) => string): string {
  let at = text.indexOf('[');
  if (at < 0) return text;
  let out = '';
  let copied = 0;
  for (; at >= 0; at = text.indexOf('[', at + 1)) {
    let end = at + 1;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    if (end === at + 1 || end >= text.length || text.charCodeAt(end) !== 93 /* ] */) continue;
    out += text.slice(copied, at) + replace(text.slice(at, end + 1), text.slice(at + 1, end));
    copied = end + 1;
    at = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** The numbers of the markers in `text`, in order (the matches replaceMarkers replaces). */
function markerNumbers(text: string): number[] {
  const out: number[] = [];
  replaceMarkers(text, (m, n) => {
    out.push(Number(n));
    return m;
  });
  return out;
}

type ById = { get(id: number): CandidateSentence | undefined };

/** Candidates numbered 1..n, found by position (a method on the list, not a closure made per answer). */
class ByPosition implements ById {
  constructor(private readonly candidates: CandidateSentence[]) {}
  get(id: number): CandidateSentence | undefined {
    return Number.isInteger(id) && id >= 1 && id <= this.candidates.length ? this.candidates[id - 1] : undefined;
  }
}

/** Candidates by id: by position when they are numbered 1..n (as buildCandidates numbers them), else through a map. */
function candidatesById(candidates: CandidateSentence[]): ById {
  for (let i = 0; i < candidates.length; i++) if (candidates[i].id !== i + 1) return new Map(candidates.map((c) => [c.id, c]));
  return new ByPosition(candidates);
}

// A group's sentences of one document at most this many sentences apart are one span: the quote then holds every
// sentence the answer shows (a how-to's explanation and the command two lines below it) and the few between.
const MAX_BRIDGED = 2;

/**
 * Turns a generator's {n → candidate ids} into exact spans of the raw document text, whatever the
 * generator: ids that name no candidate are dropped; the group's sentences in the first document it names
 * become one span, bridging gaps of up to MAX_BRIDGED sentences (beyond a wider gap, or in another document,
 * they are not cited: one marker is one span). Any [n] left in the text without a citation is removed, so
 * every marker is backed by a quote. Markers are never renamed: the text streamed before this step
 * (SSE deltas, /v1 chunks) stays a prefix of the final answer.
 */
export function toCitations(index: LoadedIndex, generated: GeneratedAnswer, candidates: CandidateSentence[]): AskResult {
  const byId = candidatesById(candidates);
  const citations: Citation[] = [];
  for (const { n, candidateIds, wholeSpan } of generated.citations) {
    const picked = candidateIds.map((id) => byId.get(id)).filter((c): c is CandidateSentence => c !== undefined);
    if (picked.length === 0 || citations.some((c) => c.n === n)) continue;
    const [first, last] = bridgedSpan(picked, wholeSpan ? Infinity : MAX_BRIDGED);
    citations.push(citationOf(index, n, first.docId, first.start, last.end));
  }
  const valid = new Set(citations.map((c) => c.n));
  const answer = replaceMarkers(generated.answer, (m, n) => (valid.has(Number(n)) ? m : '')).replace(/[ \t]{2,}/g, ' ').trim();
  const used = new Set(markerNumbers(answer));
  const kept = citations.filter((c) => used.has(c.n)).sort((a, b) => a.n - b.n);
  const answered = generated.answered && kept.length > 0;
  const passages = answered ? [] : toPassages(index, generated.passages ?? [], byId);
  return { answer, answered, citations: answered ? kept : passages, ...(generated.degraded ? { degraded: true } : {}) };
}

/** The first and last sentence of a group's span: its first-named document's sentences, in order, up to the first gap wider than `maxGap`. */
function bridgedSpan(picked: CandidateSentence[], maxGap: number): [CandidateSentence, CandidateSentence] {
  const inDoc = picked.filter((c) => c.docId === picked[0].docId).sort((a, b) => a.sentence - b.sentence);
  let last = 0;
  while (last + 1 < inDoc.length && inDoc[last + 1].sentence - inDoc[last].sentence - 1 <= maxGap) last++;
  return [inDoc[0], inDoc[last]];
}

/**
 * One exact span of a document as a citation: its quote and where it stands (page, section), and its kind when it is a
 * passage. Built field by field in the order the spreads gave before (`{ …, ...locateOffset() }`, then `{ ...citation,
 * kind }` for a passage): the same object, without copying it twice (the passages' copy was ~1% of a refusal's time).
 */
function citationOf(index: LoadedIndex, n: number, docId: string, start: number, end: number, kind?: Citation['kind']): Citation {
  const doc = index.documentById.get(docId)!;
  const citation: Citation = { n, docId: doc.docId, source: doc.source, title: doc.title, start, end, quote: doc.text.slice(start, end) };
  const { page, headings } = locateOffset(doc, start);
  if (page !== undefined) citation.page = page;
  if (headings !== undefined) citation.headings = headings;
  if (kind !== undefined) citation.kind = kind;
  return citation;
}

/** A refusal's closest passages: exact spans marked "passage", numbered after any answer citation. */
function toPassages(index: LoadedIndex, passages: NonNullable<GeneratedAnswer['passages']>, byId: ById): Citation[] {
  const out: Citation[] = [];
  for (const { candidateIds } of passages) {
    const found = candidateIds.map((id) => byId.get(id)).filter((x): x is CandidateSentence => x !== undefined);
    const c = found[0];
    if (!c) continue;
    // A passage of several sentences (a how-to explanation and the command after it) is one span of its document.
    const same = found.filter((x) => x.docId === c.docId);
    const start = Math.min(...same.map((x) => x.start));
    const end = Math.max(...same.map((x) => x.end));
    // Located like an answer's citation: a closest passage of a PDF names its page, of a manual its section.
    out.push(citationOf(index, out.length + 1, c.docId, start, end, 'passage'));
  }
  return out;
}
